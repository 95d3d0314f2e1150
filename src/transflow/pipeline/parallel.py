"""`transflow build --jobs N`: the per-article work spread over N processes, merged in order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from transflow.errors import TransflowError
from transflow.pipeline.project import Project, SourceFile


def _partition(sources: list[SourceFile], jobs: int) -> list[list[SourceFile]]:
    """Round-robin over the sorted sources so every worker gets a similar share."""
    ordered = sorted(sources, key=lambda s: s.slug)
    groups = [ordered[i::jobs] for i in range(jobs)]
    return [g for g in groups if g]


def run_parallel(
    project: Project,
    sources: list[SourceFile],
    steps: tuple[str, ...],
    report,
    jobs: int,
    options: dict,
    worker: Callable[[str, list[str], tuple[str, ...], dict], dict],
) -> None:
    """Spread the articles over `jobs` processes running `worker` (a module-level function, so it
    can be pickled) and merge what they returned into `report`."""
    from transflow.pipeline.fill import TranslateSummary

    options = {k: v for k, v in options.items() if k != "progress_factory"}
    groups = _partition(sources, jobs)
    with ProcessPoolExecutor(max_workers=len(groups)) as pool:
        futures = [
            pool.submit(worker, str(project.root), [str(s.path) for s in g], steps, options)
            for g in groups
        ]
        results = [f.result() for f in futures]
    from transflow.publish.publisher import PublishReport

    summary = None
    for result in results:
        part = result["render"]
        if part is not None:
            report.render = report.render or PublishReport()
            report.render.languages.update(part["languages"])
            report.render.problems.extend(part["problems"])
            report.render.rendered += part["rendered"]
            report.render.unchanged += part["unchanged"]
        project.state.records.update(result["records"])
        project.state.dirty = True
        for step, paths in result["written"].items():
            report.written.setdefault(step, []).extend(Path(p) for p in paths)
        for step, count in result["skipped"].items():
            report.skipped[step] = report.skipped.get(step, 0) + count
        report.problems.extend(TransflowError(p) for p in result["problems"])
        part = result["translate"]
        if part is not None:
            summary = summary or TranslateSummary()
            summary.catalogs_written.extend(Path(p) for p in part["catalogs_written"])
            summary.segments.update(Counter(part["segments"]))
            summary.words.update(Counter(part["words"]))
            summary.unknown_words.update(Counter(part["unknown_words"]))
            for reason, items in part["pending"].items():
                summary.pending.setdefault(reason, []).extend(items)
            summary.problems.extend(p for p in part["problems"] if p not in summary.problems)
            summary.seconds = max(summary.seconds, part["seconds"])
    if summary is not None:
        report.translate = summary

"""`transflow build --jobs N`: the per-article work spread over N processes, merged in order."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from transflow.errors import TransflowError
from transflow.pipeline.project import Project, SourceFile


def _partition(sources: list[SourceFile], jobs: int) -> list[list[SourceFile]]:
    """Round-robin over the sorted sources so every worker gets a similar share."""
    ordered = sorted(sources, key=lambda s: s.slug)
    groups = [ordered[i::jobs] for i in range(jobs)]
    return [g for g in groups if g]


def _worker(root: str, paths: list[str], steps: tuple[str, ...], options: dict) -> dict:
    """Run the steps on some articles in a fresh process; return state records and the report."""
    from transflow.pipeline.build import BuildReport, _run_steps

    project = Project.open(root)
    wanted = {Path(p) for p in paths}
    sources = [s for s in project.scan() if s.path in wanted]
    before = {k: dict(v) for k, v in project.state.records.items()}
    report = BuildReport()
    _run_steps(project, sources, steps, report, options)
    changed = {k: v for k, v in project.state.records.items() if before.get(k) != v}
    summary = report.translate
    rendered = report.render
    return {
        "render": None
        if rendered is None
        else {
            "languages": rendered.languages,
            "problems": rendered.problems,
            "rendered": rendered.rendered,
            "unchanged": rendered.unchanged,
        },
        "records": changed,
        "written": {k: [str(p) for p in v] for k, v in report.written.items()},
        "skipped": report.skipped,
        "problems": [str(p) for p in report.problems],
        "translate": None
        if summary is None
        else {
            "catalogs_written": [str(p) for p in summary.catalogs_written],
            "segments": dict(summary.segments),
            "words": dict(summary.words),
            "unknown_words": dict(summary.unknown_words),
            "pending": summary.pending,
            "problems": summary.problems,
            "seconds": summary.seconds,
        },
    }


def run_parallel(
    project: Project,
    sources: list[SourceFile],
    steps: tuple[str, ...],
    report,
    jobs: int,
    options: dict,
) -> None:
    """Spread the articles over `jobs` processes and merge what they did into `report`."""
    from transflow.pipeline.fill import TranslateSummary

    options = {k: v for k, v in options.items() if k != "progress_factory"}
    groups = _partition(sources, jobs)
    with ProcessPoolExecutor(max_workers=len(groups)) as pool:
        futures = [
            pool.submit(_worker, str(project.root), [str(s.path) for s in g], steps, options)
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

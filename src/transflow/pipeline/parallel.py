"""`transflow build --jobs N`: the per-article work spread over N processes, merged in order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from transflow.pipeline.fill import TranslateSummary
from transflow.pipeline.project import Project, SourceFile

if TYPE_CHECKING:
    from transflow.pipeline.report import BuildReport


def _partition(sources: list[SourceFile], jobs: int) -> list[list[SourceFile]]:
    """Round-robin over the sorted sources so every worker gets a similar share."""
    ordered = sorted(sources, key=lambda s: s.slug)
    groups = [ordered[i::jobs] for i in range(jobs)]
    return [g for g in groups if g]


def run_parallel(
    project: Project,
    sources: list[SourceFile],
    steps: tuple[str, ...],
    report: BuildReport,
    jobs: int,
    options: dict,
    worker: Callable[[str, list[tuple], list[tuple], tuple[str, ...], dict], dict],
    every: list[SourceFile],
) -> None:
    """Spread the articles over `jobs` processes running `worker` (a module-level function, so it
    can be pickled) and merge the records and reports they return, in article order."""
    groups = _partition(sources, jobs)
    listed = [(str(s.path), s.digest, s.slug, s.lang) for s in every]
    state = project.state
    state.share()  # the workers find a sound database (a broken one is replaced once, here)
    with ProcessPoolExecutor(max_workers=len(groups)) as pool:
        futures = [
            pool.submit(
                worker,
                str(project.root),
                [(str(s.path), s.digest, s.slug, s.lang) for s in g],
                listed,
                steps,
                options,
            )
            for g in groups
        ]
        results = [f.result() for f in futures]
    for result in results:
        state.digest.absorb(result["stats"], ())
        state.digest.consulted.update(result["consulted"])
        state.digest.folders.update(result["folders"])
        merge_reports(report, result["report"])


def merge_reports(into: BuildReport, part: BuildReport) -> None:
    """Add a worker's report to the run's."""
    for step, paths in part.written.items():
        into.wrote(step, paths, part.counts.get(step, 0))
    for step, count in part.skipped.items():
        into.skipped[step] = into.skipped.get(step, 0) + count
    for problem in part.problems:
        into.problem(problem)
    into.translate_skipped.extend(part.translate_skipped)
    into.incomplete = into.incomplete or part.incomplete
    if part.render is not None:
        from transflow.publish.publisher import PublishReport  # only a build that rendered

        into.render = into.render or PublishReport(preview=part.render.preview)
        for slug, langs in part.render.languages.items():
            into.render.note(slug, langs)
        into.render.omitted += part.render.omitted
        into.render.problems.extend(part.render.problems)
        into.render.rendered += part.render.rendered
        into.render.unchanged += part.render.unchanged
    if part.translate is not None:
        summary = into.translate = into.translate or TranslateSummary()
        other = part.translate
        summary.catalogs_written.extend(other.catalogs_written)
        summary.segments.update(Counter(other.segments))
        summary.words.update(Counter(other.words))
        summary.unknown_words.update(Counter(other.unknown_words))
        for reason, items in other.pending.items():
            summary.pending.setdefault(reason, []).extend(items)
        summary.problems.extend(p for p in other.problems if p not in summary.problems)
        summary.malformed.extend(other.malformed)
        summary.cache_hits += other.cache_hits
        summary.cache_misses += other.cache_misses
        summary.seconds = max(summary.seconds, other.seconds)

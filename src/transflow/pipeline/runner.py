"""The runner: fingerprints every unit of every step, runs what is due, records what it did.

It is the only code that touches the build state. A unit is skipped when its step's record holds
the fingerprint of everything it reads and its outputs are as it left them; after a unit runs,
its record takes the fingerprint of its reads as they are then (a step such as translate reads
the catalog it writes), so a second run with nothing changed does nothing.
"""

from __future__ import annotations

from types import ModuleType

from transflow.pipeline.parallel import run_parallel
from transflow.pipeline.project import Project, SourceFile
from transflow.pipeline.report import BuildReport
from transflow.pipeline.steps import Context
from transflow.pipeline.steps import extract as extract_step
from transflow.pipeline.steps import index as index_step
from transflow.pipeline.steps import render as render_step
from transflow.pipeline.steps import translate as translate_step
from transflow.pipeline.steps import update as update_step

STEPS: dict[str, ModuleType] = {
    "extract": extract_step,
    "update": update_step,
    "translate": translate_step,
    "render": render_step,
}
ALL_STEPS = tuple(STEPS)


def run_step(step: ModuleType, ctx: Context) -> None:
    """Run the due units of one step and record them."""
    state = ctx.project.state
    due = []
    for unit in step.units(ctx):
        key = f"{step.NAME}:{unit.key}"
        if state.fresh(key, ctx.fingerprint(step.reads(ctx, unit)), ctx.digest):
            if hasattr(step, "reuse"):
                step.reuse(ctx, unit, state.get(key))
            ctx.report.add(step.NAME, None)
            continue
        due.append(unit)
    if not due:
        return
    done = step.run(ctx, due)
    ctx.cache.clear()  # what the step wrote is read afresh
    for unit in due:
        if unit.key in done:
            item = done[unit.key]
            inputs = ctx.fingerprint(step.reads(ctx, unit))
            state.record(f"{step.NAME}:{unit.key}", inputs, item.outputs, ctx.digest, **item.facts)


def run_articles(ctx: Context, steps: tuple[str, ...]) -> None:
    """The per-article steps, in order, on the context's share of the articles."""
    for name in ALL_STEPS:
        if name in steps:
            run_step(STEPS[name], ctx)


def work_share(root: str, paths: list[str], steps: tuple[str, ...], options: dict) -> dict:
    """A worker process's part of `build --jobs N`: the steps on some articles; returns the
    records it made and its report (the whole project's articles feed the memory)."""
    project = Project.open(root)
    all_sources = project.scan()
    wanted = set(paths)
    ctx = Context(
        project,
        [s for s in all_sources if str(s.path) in wanted],
        all_sources,
        BuildReport(),
        dict(options),
    )
    before = {k: dict(v) for k, v in project.state.records.items()}
    run_articles(ctx, steps)
    changed = {k: v for k, v in project.state.records.items() if before.get(k) != v}
    return {"records": changed, "report": ctx.report}


def run(
    project: Project,
    steps: tuple[str, ...] = ALL_STEPS,
    *,
    jobs: int = 1,
    **options,
) -> BuildReport:
    """Run the given steps in order on the whole project and save the build state.

    With jobs > 1 the articles are spread over that many processes; the output is identical.
    """
    report = BuildReport()
    if project.state.notice:
        report.notices.append(project.state.notice)
    sources: list[SourceFile] = project.scan()
    ctx = Context(project, sources, sources, report, dict(options))
    try:
        if jobs > 1 and len(sources) > 1:
            worker_options = {k: v for k, v in options.items() if k != "progress_factory"}
            run_parallel(project, sources, steps, report, jobs, worker_options, work_share)
        else:
            run_articles(ctx, steps)
        if "render" in steps:
            index_step.run(ctx)
    finally:
        project.state.save()
    return report


__all__ = ["ALL_STEPS", "BuildReport", "run", "run_step", "work_share"]

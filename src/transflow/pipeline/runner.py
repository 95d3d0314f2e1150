"""The runner: fingerprints every unit of every step, runs what is due, records what it did.

It is the only code that touches the build state. A unit is skipped when its step's record holds
the fingerprint of everything it reads and its outputs are as it left them; after a unit runs,
its record takes the fingerprint of its reads as they are then (a step such as translate reads
the catalog it writes), so a second run with nothing changed does nothing.
"""

from __future__ import annotations

import time
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from transflow.pipeline import quiet
from transflow.pipeline.config import CONFIG_NAME
from transflow.pipeline.project import Project, SourceFile
from transflow.pipeline.report import BuildReport

if TYPE_CHECKING:
    from transflow.pipeline.steps import Context

#: the per-article steps in order (their modules are imported when a build has work: a no-op
#: build stops before loading the publishing code)
ALL_STEPS = ("extract", "update", "translate", "render")


def step_module(name: str) -> ModuleType:
    """The module of a step (extract, update, translate, render or index)."""
    return import_module(f"transflow.pipeline.steps.{name}")


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
    size = getattr(step, "CHUNK", None) or len(due)
    for start in range(0, len(due), size):  # records saved as they come: memory stays bounded
        _run_due(step, ctx, due[start : start + size])


def _run_due(step: ModuleType, ctx: Context, due: list) -> None:
    state = ctx.project.state
    done = step.run(ctx, due)
    if any(unit.key not in done for unit in due):
        ctx.report.incomplete = True
    ctx.cache.clear()  # what the step wrote is read afresh
    for unit in due:
        if unit.key in done:
            item = done[unit.key]
            key = f"{step.NAME}:{unit.key}"
            if item.facts:  # what it reads may depend on its own record (translate: complete)
                state.record(key, "", item.outputs, ctx.digest, **item.facts)
            inputs = ctx.fingerprint(step.reads(ctx, unit))
            state.record(key, inputs, item.outputs, ctx.digest, **item.facts)
    state.save()  # one transaction per step (per chunk of a large one)
    ctx.digest.release()


def run_articles(ctx: Context, steps: tuple[str, ...]) -> None:
    """The per-article steps, in order, on the context's share of the articles."""
    for name in ALL_STEPS:
        if name in steps:
            run_step(step_module(name), ctx)


def work_share(
    root: str, mine: list[tuple], every: list[tuple], steps: tuple[str, ...], options: dict
) -> dict:
    """A worker process's part of `build --jobs N`: the steps on some articles (`mine`, out of
    `every` article of the project, as (path, digest, slug, lang)). It saves its records itself;
    it returns its report and what the no-op check records: the folders it consulted, and the
    files it used outside the folders only transflow writes, with their stat entries."""
    from transflow.pipeline.steps import Context

    project = Project.open(root)
    _watch(project)
    all_sources = [SourceFile(Path(p), d, s, lang) for p, d, s, lang in every]
    wanted = {item[0] for item in mine}  # paths as strings: no Path made per article
    ctx = Context(
        project,
        [s for s in all_sources if s.text in wanted],
        all_sources,
        BuildReport(),
        dict(options),
    )
    project.state.settle = False  # the parent returns the database to its rollback journal
    run_articles(ctx, steps)
    digest = project.state.digest
    project.state.close()
    return {
        # the entries it hashed (a file it trusted is as the no-op check or the stat cache
        # has it already): what the parent records for the next no-op check
        "stats": {p: e for p in digest.consulted if (e := digest.new.get(p)) is not None},
        "consulted": digest.consulted,
        "folders": digest.folders,
        "report": ctx.report,
    }


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
    started_ns = time.time_ns()
    report = BuildReport()
    state = project.state
    if state.notice:
        report.notices.append(state.notice)
    key = quiet.options_key(steps, options)
    generated = _watch(project)
    since = quiet.changes(state, key)
    if since is not None and not since.changed:  # nothing was touched since the last build
        report.orphans = since.orphans
        state.save()
        if since.slow:  # some folder moved but nothing in it changed: record it as it is
            quiet.remember(state, key, since.orphans, generated, since, started_ns, partial=True)
        state.close()
        return report
    quiet.forget(state)  # until this build completes
    from transflow.pipeline.steps import Context

    listing = since.listings.get(project.rel(project.config.source_dir)) if since else None
    sources: list[SourceFile] = (
        project.scan(since.changed, [n for n in listing.names if n not in listing.folders])
        if since and listing
        else project.scan()
    )
    mine = sources
    run_options = dict(options)
    if since is not None:
        slugs = affected(project, sources, since.changed)
        if slugs is not None and _coupled(project, steps, options):
            slugs |= state.incomplete("translate:")  # their drafts may come from the memory
        if slugs is not None:  # only these articles can have work to do
            mine = [s for s in sources if s.slug in slugs]
            run_options["_touched"] = slugs  # the index step needs look at no other
    if mine is sources:  # a crashed run shows as a changed folder, never as a no-op
        project.tidy()
    ctx = Context(project, mine, sources, report, run_options)
    try:
        if jobs > 1 and len(mine) > 1:
            worker_options = {k: v for k, v in options.items() if k != "progress_factory"}
            from transflow.pipeline.parallel import run_parallel

            run_parallel(project, mine, steps, report, jobs, worker_options, work_share, sources)
        else:
            run_articles(ctx, steps)
        if "render" in steps:
            step_module("index").run(ctx)
        ctx.digest(project.config.root / CONFIG_NAME)
    finally:
        state.save()
    if not report.problems and not report.incomplete:
        partial = mine is not sources
        quiet.remember(state, key, report.orphans, generated, since, started_ns, partial=partial)
    state.close()
    return report


def _watch(project: Project) -> tuple[str, ...]:
    """The folders only transflow writes into (the no-op check's entries folders), also told to
    the stat cache, which keeps less about the files there."""
    config = project.config
    rel = project.rel
    generated = (f"{rel(config.dist_dir)}/", f"{rel(config.record_dir)}/", rel(config.locales_dir))
    project.state.digest.generated = lambda folder: (
        quiet.kind_of(folder, generated) == quiet.ENTRIES
    )
    return generated


def _coupled(project: Project, steps: tuple[str, ...], options: dict) -> bool:
    """True when articles depend on each other's catalogs: a translate step with an engine chain
    (the translation memory of a pair is made of all its catalogs, and a catalog with entries
    left to fill may get drafts from it)."""
    if "translate" not in steps:
        return False
    if options.get("engine_names"):
        return True
    langs = project.config.languages
    return any(project.config.chain_for(s, t) for s in langs for t in langs if s != t)


def affected(project: Project, sources: list[SourceFile], changed: set[str]) -> set[str] | None:
    """The articles the changed files belong to; None when one belongs to no single article
    (configuration, glossary, templates...) and every article must be checked."""
    config = project.config
    rel = project.rel
    top = f"{project.root}/"
    by_source = {}
    for source in sources:
        text = source.text
        name = text[len(top) :] if text.startswith(top) else rel(source.path)
        if name in changed:
            by_source[name] = source.slug
    dirs = {
        "source": rel(config.source_dir),
        "locales": rel(config.locales_dir),
        "record": rel(config.record_dir),
        "dist": rel(config.dist_dir),
    }
    slugs: set[str] = set()
    for path in changed:
        folder, _, name = path.rpartition("/")
        stem, _, ext = name.rpartition(".")
        if path in by_source:
            slugs.add(by_source[path])
        elif folder == dirs["source"] and ext == "md":
            slugs.add(stem)  # deleted: the index step takes it down
        elif folder == dirs["locales"] and ext == "pot":
            slugs.add(stem)
        elif folder.startswith(f"{dirs['locales']}/") and folder.endswith("/LC_MESSAGES"):
            if ext != "po":
                return None
            slugs.add(stem)
        elif path == f"{dirs['record']}/changes.log" or (
            path.startswith(f"{dirs['dist']}/") and _index_output(path[len(dirs["dist"]) + 1 :])
        ):
            continue  # the index step checks its own inputs and outputs
        elif folder.startswith((f"{dirs['record']}/", f"{dirs['dist']}/")) and ext in (
            "json",
            "html",
        ):
            slugs.add(stem)
        else:
            return None
    return slugs


def _index_output(rel: str) -> bool:
    rel = rel.removeprefix("preview/")
    return (
        rel == "manifest.json"
        or rel.startswith(("manifest/", "changes/", "preview/"))
        or "/archive/" in rel
        or rel.endswith(("/index.html", "/feed.atom"))
    )


__all__ = ["ALL_STEPS", "BuildReport", "run", "run_step", "work_share"]

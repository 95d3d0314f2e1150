"""Render: every article into dist/<lang>/ (or dist/preview/), by the publish policy; the
publish record (published/<lang>/<slug>.json) is written when what is online changes."""

from __future__ import annotations

from pathlib import Path

from transflow.errors import TransflowError
from transflow.pipeline.steps import Context, Done, Unit
from transflow.publish.publisher import Publisher, PublishReport

NAME = "render"
PREVIEW = "preview"
BATCH = 250  # articles whose outputs are staged before one sync and the renames
CHUNK = 2000  # units run and recorded at a time (the runner saves the state after each)


def units(ctx: Context) -> list[Unit]:
    """One unit per article (its records are apart for the preview)."""
    prefix = "preview:" if ctx.option("preview") else ""
    return [Unit(f"{prefix}{s.slug}", s) for s in ctx.sources]


def reads(ctx: Context, unit: Unit) -> list[Path | str]:
    """The source, every catalog and record of the article, glossary, templates, configuration."""
    project, config = ctx.project, ctx.project.config
    slug = unit.source.slug
    items: list[Path | str] = [unit.source.path, config.settings]
    items += [project.po_path(lang, slug) for lang in project.targets(unit.source.lang)]
    if not ctx.option("preview"):
        records = config.record_dir
        items += [records / lang / f"{slug}.json" for lang in config.languages]
    items.append(config.glossary if config.glossary is not None else "no glossary")
    if config.templates_dir is not None and config.templates_dir.is_dir():
        items += sorted(p for p in config.templates_dir.rglob("*") if p.is_file())
    items.append(f"preview={bool(ctx.option('preview'))}")
    return items


def reuse(ctx: Context, unit: Unit, record: dict) -> None:
    """An unchanged article: report what its record says is online."""
    result = _result(ctx)
    result.note(unit.source.slug, record.get("langs", {}))
    result.unchanged += 1
    for text in record.get("problems", []):
        result.problems.append(text)
        ctx.report.problem(TransflowError(text))


def _result(ctx: Context) -> PublishReport:
    if ctx.report.render is None:
        ctx.report.render = PublishReport(preview=bool(ctx.option("preview")))
    return ctx.report.render


def run(ctx: Context, due: list[Unit]) -> dict[str, Done]:
    """Render the due articles, `BATCH` at a time, each batch written atomically."""
    result = _result(ctx)
    publisher = Publisher(ctx.project, ctx.glossary(), preview=bool(ctx.option("preview")))
    done: dict[str, Done] = {}
    staged: list[tuple[str, Done]] = []

    def commit() -> None:
        publisher.writer.commit()
        for key, item in staged:
            done[key] = item
            for path in item.outputs:
                ctx.report.add(NAME, path)
        staged.clear()

    try:
        for unit in due:
            source = unit.source
            publisher.problems = []
            publisher.records_written = []
            try:
                langs = publisher.article(source)
            except TransflowError as exc:
                result.problems.append(str(exc))
                ctx.report.problem(exc)
                continue
            problems = [str(p) for p in publisher.problems]
            result.problems.extend(problems)
            for exc in publisher.problems:
                ctx.report.problem(exc)
            result.note(source.slug, langs)
            result.rendered += 1
            outputs = [
                publisher.dist / o["path"]
                for info in langs.values()
                for o in info.get("outputs", {}).values()
            ]
            outputs += publisher.records_written
            facts = {
                "langs": langs,
                "withdrawn": ctx.project.load(source).withdrawn,
                "date": ctx.project.load(source).date.isoformat(),
                "source_lang": source.lang,
                "problems": problems,
            }
            source.article = None  # the last step that needs it: free it
            staged.append((unit.key, Done(outputs, facts)))
            if len(staged) >= BATCH:
                commit()
        commit()
    finally:
        publisher.writer.abort()
    return done

"""Update: locales/<slug>.pot -> locales/<lang>/LC_MESSAGES/<slug>.po (msgmerge semantics)."""

from __future__ import annotations

from pathlib import Path

from transflow.errors import CatalogError
from transflow.fsutil import StagedWrites
from transflow.pipeline.steps import Context, Done, Unit
from transflow.po.catalog import new_catalog, update_catalog
from transflow.po.pofile import format_po, read_po

NAME = "update"
BATCH = 250  # catalogs staged before one sync and the renames
CHUNK = 2000  # units run and recorded at a time (the runner saves the state after each)


def units(ctx: Context) -> list[Unit]:
    """One unit per article and target language."""
    return [
        Unit(f"{lang}:{s.slug}", s, lang)
        for s in ctx.sources
        for lang in ctx.project.targets(s.lang)
    ]


def reads(ctx: Context, unit: Unit) -> list[Path | str]:
    """The POT and the catalog itself (a translator may have replaced it)."""
    assert unit.lang is not None
    return [
        ctx.project.pot_path(unit.source.slug),
        ctx.project.po_path(unit.lang, unit.source.slug),
        unit.source.lang,
    ]


def run(ctx: Context, due: list[Unit]) -> dict[str, Done]:
    """Create or merge the catalog of every due unit."""
    done: dict[str, Done] = {}
    pots: dict[str, object] = {}
    writes = StagedWrites()
    staged: list[tuple[Unit, Path, bool]] = []

    def commit() -> None:
        writes.commit()
        for unit, po_path, written in staged:
            ctx.report.add(NAME, po_path if written else None)
            done[unit.key] = Done([po_path])
        staged.clear()

    try:
        _merge(ctx, due, pots, writes, staged, commit)
        commit()
    finally:
        writes.abort()
    return done


def _merge(ctx: Context, due: list[Unit], pots: dict, writes, staged: list, commit) -> None:
    """Merge every due catalog with its POT, staging the results, committing every BATCH."""
    for unit in due:
        slug, lang = unit.source.slug, unit.lang
        assert lang is not None
        po_path = ctx.project.po_path(lang, slug)
        try:
            if slug not in pots:
                pots.clear()  # the units of an article come together: keep one POT in memory
                pots[slug] = read_po(ctx.project.pot_path(slug))
            pot = pots[slug]
            if po_path.exists():
                merged = update_catalog(read_po(po_path), pot, lang)
            else:
                merged = new_catalog(pot, lang, source_lang=unit.source.lang)
        except CatalogError as exc:
            ctx.report.problem(exc)
            continue
        staged.append((unit, po_path, writes.add(po_path, format_po(merged))))
        if len(staged) >= BATCH:
            commit()

"""Extract: source_articles/<slug>.md -> locales/<slug>.pot."""

from __future__ import annotations

from pathlib import Path

from transflow.fsutil import StagedWrites
from transflow.pipeline.extract import build_pot
from transflow.pipeline.steps import Context, Done, Unit
from transflow.po.pofile import format_po

NAME = "extract"


def units(ctx: Context) -> list[Unit]:
    """One unit per article."""
    return [Unit(s.slug, s) for s in ctx.sources]


def reads(ctx: Context, unit: Unit) -> list[Path | str]:
    """The source file, and its path (the POT's references name it)."""
    return [unit.source.path, ctx.project.rel(unit.source.path)]


BATCH = 250  # POT files staged before one sync and the renames
CHUNK = 2000  # units run and recorded at a time (the runner saves the state after each)


def run(ctx: Context, due: list[Unit]) -> dict[str, Done]:
    """Write the POT of every due article, `BATCH` at a time, each batch written atomically."""
    done = {}
    writes = StagedWrites()
    staged: list[tuple[Unit, Path, bool]] = []

    def commit() -> None:
        writes.commit()
        for unit, pot_path, written in staged:
            ctx.project.remember_source(unit.source)
            ctx.report.add(NAME, pot_path if written else None)
            done[unit.key] = Done([pot_path])
        staged.clear()

    try:
        for unit in due:
            source = unit.source
            pot_path = ctx.project.pot_path(source.slug)
            pot = build_pot(ctx.project.load(source), ctx.project.rel(source.path))
            source.article = None  # parsed again when rendered: not every article in memory
            staged.append((unit, pot_path, writes.add(pot_path, format_po(pot))))
            if len(staged) >= BATCH:
                commit()
        commit()
    finally:
        writes.abort()
    return done

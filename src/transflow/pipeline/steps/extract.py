"""Extract: source_articles/<slug>.md -> locales/<slug>.pot."""

from __future__ import annotations

from pathlib import Path

from transflow.fsutil import write_if_changed
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


def run(ctx: Context, due: list[Unit]) -> dict[str, Done]:
    """Write the POT of every due article."""
    done = {}
    for unit in due:
        source = unit.source
        pot_path = ctx.project.pot_path(source.slug)
        pot = build_pot(ctx.project.load(source), ctx.project.rel(source.path))
        written = write_if_changed(pot_path, format_po(pot))
        ctx.project.remember_source(source)
        ctx.report.add(NAME, pot_path if written else None)
        done[unit.key] = Done([pot_path])
    return done

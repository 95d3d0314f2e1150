"""`transflow tmx import`: a checked TMX file copied into tm/, never silently over another one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from transflow.errors import SourceError, TransflowError
from transflow.fsutil import atomic_write
from transflow.mt.memory import TranslationMemory
from transflow.mt.tmx import import_tmx
from transflow.pipeline.project import Project
from transflow.pipeline.resources import TM_DIR


@dataclass
class TmxImport:
    """What an import did."""

    target: Path  # the file in tm/
    units: int  # translation units (<tu>) of the imported file
    unchanged: bool = False  # tm/ already held this very file
    replaced: bool = False  # an earlier file of that name was replaced (with force)
    replaced_units: int | None = None  # its units; None when it was not readable TMX


def tm_name(source: Path) -> str:
    """The name an imported file gets in tm/: its own, ending in `.tmx` (what builds read)."""
    return f"{source.stem}.tmx"


def count_units(path: Path) -> int | None:
    """How many translation units a TMX file holds; None when it is not readable TMX."""
    try:
        return import_tmx(path, TranslationMemory())
    except SourceError:
        return None


def import_into_project(project: Project, source: Path, force: bool = False) -> TmxImport:
    """Check `source` and copy it into tm/; an existing different file needs `force`.

    A malformed file raises SourceError (file and line) before anything is written; a name
    already taken raises TransflowError saying how many units the earlier file holds.
    """
    units = import_tmx(source, TranslationMemory())
    data = source.read_bytes()
    target = project.root / TM_DIR / tm_name(source)
    result = TmxImport(target=target, units=units)
    if target.exists():
        if target.read_bytes() == data:
            result.unchanged = True
            return result
        old = count_units(target)
        held = f"{old} unit(s)" if old is not None else "content that is not readable TMX"
        if not force:
            raise TransflowError(
                f"{project.rel(target)} already exists and holds {held}; "
                "pass --force to replace it, or give the new file another name to keep both",
                source,
            )
        result.replaced, result.replaced_units = True, old
    atomic_write(target, data)
    return result

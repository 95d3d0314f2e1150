"""Orphaned catalogs: a POT or PO file whose source article is gone. Reported by build, status
and check; removed only on request (`transflow clean --orphans`), never silently."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from transflow.pipeline.project import Project


def find_orphans(project: Project, slugs: Iterable[str] | None = None) -> list[Path]:
    """Catalog files of the project whose slug has no source article, sorted."""
    known = set(slugs) if slugs is not None else {s.slug for s in project.scan()}
    locales = project.config.locales_dir
    if not locales.is_dir():
        return []
    found = [p for p in locales.glob("*.pot") if p.stem not in known]
    found += [p for p in locales.glob("*/LC_MESSAGES/*.po") if p.stem not in known]
    return sorted(found)


def remove_orphans(project: Project, orphans: Iterable[Path]) -> list[Path]:
    """Delete the given orphaned catalogs; return what was removed."""
    removed = []
    for path in orphans:
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed

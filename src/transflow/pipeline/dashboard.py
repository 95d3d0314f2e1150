"""`transflow status --format html`: gather what the review dashboard shows and write it.

Per article (source title, date, language) and per target language: the entry counts of the
catalog, its QA errors and warnings, its review state, its publish state from dist/manifest.json,
and where its published page, its preview and its catalog are.
"""

from __future__ import annotations

import os
from pathlib import Path

from transflow.fsutil import write_if_changed
from transflow.pipeline.project import Project
from transflow.pipeline.status import CatalogStatus
from transflow.publish.dashboard import REVIEW_DIR, dashboard_html, page_name
from transflow.publish.shards import read_articles
from transflow.qa.base import ERROR, WARNING
from transflow.qa.runner import check_files

#: Interface languages the dashboard is written in (English is the msgid language).
DASHBOARD_LANGS = ("en", "be", "ru")


def _publish_states(dist: Path) -> dict[tuple[str, str], dict]:
    """(slug, lang) -> the manifest's entry for that language ({} when there is no manifest)."""
    try:
        articles = read_articles(dist)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    out: dict[tuple[str, str], dict] = {}
    for article in articles:
        if not isinstance(article, dict):
            continue
        for lang, info in (article.get("languages") or {}).items():
            if isinstance(info, dict):
                out[(str(article.get("slug")), lang)] = info
    return out


def _qa_counts(project: Project, statuses: list[CatalogStatus]) -> dict[str, tuple[int, int]]:
    """Catalog path (project-relative) -> (errors, warnings) of a full QA run."""
    from transflow.pipeline.resources import load_glossary

    paths = [project.root / s.path for s in statuses if not s.missing]
    result = check_files(
        [p for p in paths if p.is_file()],
        glossary=load_glossary(project),
        locales_dir=project.config.locales_dir,
    )
    counts = {}
    for report in result.files:
        errors = sum(1 for f in report.findings if f.severity == ERROR)
        warnings = sum(1 for f in report.findings if f.severity == WARNING)
        counts[project.rel(Path(report.path))] = (errors, warnings)
    return counts


def dashboard_rows(project: Project, statuses: list[CatalogStatus]) -> list[dict]:
    """One row per article: its facts and a cell per configured language (see publish.dashboard)."""
    dist = project.config.dist_dir
    published = _publish_states(dist)
    qa = _qa_counts(project, statuses)
    by_slug: dict[str, list[CatalogStatus]] = {}
    for status in statuses:
        by_slug.setdefault(status.slug, []).append(status)
    rows = []
    for source in sorted(project.scan(), key=lambda s: s.slug):
        article = project.load(source)
        cells: dict[str, dict] = {}
        for lang in project.config.languages:
            page = dist / lang / f"{source.slug}.html"
            preview = dist / "preview" / lang / f"{source.slug}.html"
            cell: dict = {
                "page": f"../{lang}/{source.slug}.html" if page.is_file() else "",
                "preview": f"../preview/{lang}/{source.slug}.html" if preview.is_file() else "",
                "publish": published.get((source.slug, lang), {}).get("status", ""),
                "reason": published.get((source.slug, lang), {}).get("reason", ""),
            }
            if lang == source.lang:
                cell.update(source=True, state="source")
            cells[lang] = cell
        for status in by_slug.get(source.slug, []):
            errors, warnings = qa.get(status.path, (0, 0))
            cells[status.lang].update(
                source=False,
                state=status.state,
                path=status.path,
                file_href=Path(
                    os.path.relpath(project.root / status.path, dist / REVIEW_DIR)
                ).as_posix(),
                missing=status.missing,
                entries=status.entries,
                approved=status.approved,
                fuzzy=status.fuzzy,
                untranslated=status.untranslated if not status.missing else 0,
                errors=errors,
                warnings=warnings,
            )
        rows.append(
            {
                "slug": source.slug,
                "title": article.title,
                "date": article.date.isoformat(),
                "source_lang": source.lang,
                "cells": cells,
            }
        )
    return rows


def write_dashboard(project: Project, statuses: list[CatalogStatus]) -> Path:
    """Write dist/review/index.html (English) and dist/review/<lang>.html; return index.html."""
    rows = dashboard_rows(project, statuses)
    folder = project.config.dist_dir / REVIEW_DIR
    folder.mkdir(parents=True, exist_ok=True)
    languages = list(project.config.languages)
    for lang in DASHBOARD_LANGS:
        html = dashboard_html(
            rows, lang, languages, DASHBOARD_LANGS, templates_dir=project.config.templates_dir
        )
        write_if_changed(folder / page_name(lang), html)
    return folder / page_name("en")

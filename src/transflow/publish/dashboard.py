"""The review dashboard: one HTML file per interface language, a row per article and a column per
language, with progress bars, QA counts, states and links; filters and sorting by inline script.

The page loads nothing from outside (its style and script are inline), so it works from file://
as well as through `transflow serve` (at /review/). Without scripts it shows everything. Catalog
paths become links only from file:// (the catalogs are project files that serve does not serve).
"""

from __future__ import annotations

from pathlib import Path

from transflow.publish import interface
from transflow.publish.render import LANGUAGE_NAMES, Renderer

#: Folder of dist/ that holds the dashboard.
REVIEW_DIR = "review"

#: The words of the dashboard (English msgids of the interface catalogs).
WORDS = {
    "title": "Review dashboard",
    "article": "Article",
    "date": "Date",
    "language": "Language",
    "state": "State",
    "all": "All",
    "approved": "approved",
    "fuzzy": "fuzzy",
    "untranslated": "untranslated",
    "errors": "QA errors",
    "warnings": "QA warnings",
    "page": "published page",
    "preview": "preview",
    "catalog": "catalog",
    "no_catalog": "no catalog yet",
    "sort": "Sort by date",
    "newest": "newest first",
    "oldest": "oldest first",
    "other_languages": "Other languages",
    "summary": "{articles} articles, {catalogs} catalogs",
}

#: Review states (transflow.qa.runner.STATES), the source cell, and the publish states.
STATE_WORDS = {
    "approved": "approved",
    "in-review": "in review",
    "untranslated": "untranslated",
    "malformed": "malformed",
    "source": "original",
    "published": "published",
    "pending": "pending",
    "outdated": "outdated",
    "withdrawn": "withdrawn",
}


def page_name(lang: str) -> str:
    """The dashboard's file name in `lang` (index.html for English)."""
    return "index.html" if lang == "en" else f"{lang}.html"


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _cell_view(cell: dict) -> dict:
    """A cell with the bar widths the template draws."""
    view = dict(cell)
    entries = cell.get("entries", 0)
    view["bar"] = {
        "approved": _percent(cell.get("approved", 0), entries),
        "fuzzy": _percent(cell.get("fuzzy", 0), entries),
        "untranslated": _percent(cell.get("untranslated", 0), entries),
    }
    return view


def dashboard_html(
    rows: list[dict],
    lang: str,
    languages: list[str],
    interface_langs: tuple[str, ...] = ("en", "be", "ru"),
    templates_dir: Path | None = None,
) -> str:
    """The dashboard in interface language `lang` over `rows` (see pipeline.dashboard)."""
    words = {key: interface.gettext(lang, text) for key, text in WORDS.items()}
    states = {key: interface.gettext(lang, text) for key, text in STATE_WORDS.items()}
    catalogs = sum(1 for r in rows for c in r["cells"].values() if not c.get("source"))
    words["summary"] = interface.gettext(
        lang, WORDS["summary"], articles=str(len(rows)), catalogs=str(catalogs)
    )
    used_states = sorted(
        {c.get("state", "") for r in rows for c in r["cells"].values()}
        | {c.get("publish", "") for r in rows for c in r["cells"].values()} - {""},
        key=lambda s: list(STATE_WORDS).index(s) if s in STATE_WORDS else len(STATE_WORDS),
    )
    page = {
        "lang": lang,
        "title": words["title"],
        "words": words,
        "states": states,
        "state_options": [(s, states.get(s, s)) for s in used_states],
        "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in languages],
        "others": [
            {"lang": other, "href": page_name(other), "name": LANGUAGE_NAMES.get(other, other)}
            for other in interface_langs
            if other != lang
        ],
        "rows": [
            {**row, "cells": [_cell_view(row["cells"][code]) for code in languages]}
            for row in sorted(rows, key=lambda r: (r["date"], r["slug"]), reverse=True)
        ],
    }
    return Renderer(templates_dir).env.get_template("review.html").render(page=page)

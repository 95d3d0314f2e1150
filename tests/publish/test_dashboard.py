"""The review dashboard (`transflow status --format html`): its rows and cells, its links, its
filters and sorting run in headless Chromium from file://, and every link works through serve."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.browser import Chromium, serve_app
from tests.publish.helpers import render
from tests.publish.test_serve_site import crawl
from transflow.cli import main
from transflow.publish.dashboard import dashboard_html
from transflow.publish.serve import create_app


@pytest.fixture(scope="module")
def review(site: Path) -> Path:
    """The site of tests/publish/conftest.py with its preview and its dashboard."""
    assert not render(site, preview=True).problems
    assert main(["-C", str(site), "status", "--format", "html"]) == 0
    return site / "dist" / "review"


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    with Chromium() as chromium:
        yield chromium


def rows_of(html: str) -> list[str]:
    return re.findall(r'<tr data-date="[^"]+" data-slug="([^"]+)"( hidden="")?', html)


def cell(html: str, slug: str, lang: str) -> str:
    row = html.split(f'data-slug="{slug}"', 1)[1].split("</tr>", 1)[0]
    return row.split(f'<td data-lang="{lang}"', 1)[1].split("</td>", 1)[0]


def test_a_row_per_article_and_a_cell_per_language(review: Path) -> None:
    html = (review / "index.html").read_text("utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n')
    assert [slug for slug, _ in rows_of(html)] == ["river-bridge", "school-garden"]  # newest first
    be = cell(html, "river-bridge", "be")
    assert 'data-state="approved" data-publish="published"' in be
    assert "12/12 approved · 0 fuzzy · 0 untranslated" in be
    assert '<span class="approved" style="width: 100.0%">' in be
    assert "QA errors: 0" in be
    assert "locales/be/LC_MESSAGES/river-bridge.po" in be
    assert '<a href="../be/river-bridge.html">published page</a>' in be
    assert '<a href="../preview/be/river-bridge.html">preview</a>' in be
    source = cell(html, "river-bridge", "ru")
    assert "original" in source and "locales/" not in source
    en = cell(html, "school-garden", "en")
    assert 'data-state="untranslated" data-publish="pending"' in en
    assert "0/3 approved · 0 fuzzy · 3 untranslated" in en
    assert "QA warnings: 3" in en and "published page" not in en


def test_every_link_resolves_from_file(review: Path) -> None:
    for page in review.glob("*.html"):
        for href in re.findall(r'href="([^"#]+)"', page.read_text("utf-8")):
            assert (review / href).resolve().is_file(), (page.name, href)


def test_the_dashboard_is_localized(review: Path) -> None:
    be = (review / "be.html").read_text("utf-8")
    assert be.split("\n")[1] == '<html lang="be">'
    assert "<h1>Агляд перакладаў</h1>" in be and "зацверджана" in be and "апублікавана" in be
    ru = (review / "ru.html").read_text("utf-8")
    assert "<h1>Обзор переводов</h1>" in ru and "Сортировка по дате" in ru
    assert '<a href="index.html" hreflang="en" lang="en">English</a>' in be


def test_filters_and_sorting_run_in_chromium_from_file(review: Path, browser: Chromium) -> None:
    url = (review / "index.html").resolve().as_uri()
    report = browser.inspect(url, click=False)
    assert report.blocked == [] and report.dialogs == [] and report.console == []
    shown = browser.dump_dom(url)
    assert rows_of(shown) == [("river-bridge", ""), ("school-garden", "")]
    # no be cell is pending (river-bridge's be is published, school-garden is written in be), so
    # "be, pending" hides both rows; school-garden's en is pending, so "en, pending" keeps it
    dom = browser.dump_dom(url + "#lang=be&state=pending")
    assert rows_of(dom) == [("river-bridge", ' hidden=""'), ("school-garden", ' hidden=""')]
    assert re.search(r'<th data-lang="en" lang="en" hidden="">', dom)
    dom = browser.dump_dom(url + "#lang=en&state=pending")
    assert rows_of(dom) == [("river-bridge", ' hidden=""'), ("school-garden", "")]
    # from file:// the catalog paths are links to the PO files
    href = '<a href="../../locales/be/LC_MESSAGES/river-bridge.po">'
    assert href + "locales/be/LC_MESSAGES/river-bridge.po</a>" in shown
    assert (review / "../../locales/be/LC_MESSAGES/river-bridge.po").resolve().is_file()
    dom = browser.dump_dom(url + "#sort=asc")
    assert [slug for slug, _ in rows_of(dom)] == ["school-garden", "river-bridge"]
    assert "Sort by date: oldest first" in dom


def test_every_link_works_through_serve(review: Path) -> None:
    with serve_app(create_app(review.parent)) as url, httpx.Client() as client:
        seen, broken = crawl(client, url + "/review/")
        assert client.get(url + "/review/be.html").status_code == 200
    assert broken == []
    assert not any("/locales/" in u for u in seen)  # catalog paths are text when served
    assert any(u.endswith("/preview/be/river-bridge.html") for u in seen)
    assert any(u.endswith("/ru/school-garden.html") for u in seen)


def test_text_from_articles_is_escaped() -> None:
    cells = {"be": {"source": True, "state": "source", "page": "", "preview": "", "publish": ""}}
    row = {
        "slug": "x",
        "title": '<script>alert(1)</script>"',
        "date": "2021-01-01",
        "source_lang": "be",
        "cells": cells,
    }
    html = dashboard_html([row], "en", ["be"])
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;&#34;" in html

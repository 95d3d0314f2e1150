"""Translations are untrusted: a catalog full of script payloads, published, loaded in Chromium."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.browser import Chromium
from tests.publish.helpers import fill, make_project, manifest, po_path, render
from transflow.po.pofile import read_po
from transflow.qa import CATALOG_CHECKS, CHECKS

SOURCE = """\
---
slug: payload-test
lang: ru
title: Проверка безопасности страницы
date: 2021-04-01
place: Брест
agency: БЕЛТА
caption: Фото из архива редакции
---

Первое предложение статьи. Второе предложение статьи.

Третье предложение со ссылкой на [сайт](javascript:alert(7)) редакции.

Четвёртое предложение со ссылкой на [портал](https://example.by/news) новостей.

- Пятый пункт списка.
- Шестой пункт списка.

> Седьмое предложение в цитате.

## Восьмой заголовок

Девятое предложение **с выделением** текста. Десятое предложение. Одиннадцатое предложение.
"""

#: Payloads in catalog order: title, caption, then the body sentences.
PAYLOADS = [
    "</title><script>alert(1)</script><title>",
    '"><svg onload=alert(2)>',
    "<script>alert(3)</script>",
    "<img src=x onerror=alert(4)>",
    "Спасылка на <a1>сайт</a1> рэдакцыі.",  # the source URL is javascript:
    "Партал <a1>навін</a1 onclick=alert(5)> і <a1>яшчэ</a1>.",
    "</b><script>alert(6)</script><b>",
    '<a1 href="javascript:alert(8)">пункт</a1> <a1>без канца.',
    "&lt;script&gt;alert(9)&lt;/script&gt; <iframe srcdoc='<script>alert(10)</script>'>",
    "<b onmouseover=alert(11)>загаловак</b> <style>*{display:none}</style>",
    "<b>абзац</b></i></a1><a2>javascript:alert(12)</a2><c1/><x1/>",
    "\\<b>экранаваны\\</b> <a1>javascript:alert(13)</a1><!-- <script>alert(14)</script> -->",
    "<base href=javascript:alert(15)//><form action=javascript:alert(16)><button>ok</button>",
]
FUZZY = {7, 12}  # indexes of entries left as machine drafts (they show in the preview only)
IGNORE_ALL = (
    ", ".join(f"ignore-{c.check_id}" for c in CHECKS)
    + ", "
    + ", ".join(f"ignore-{c}" for c in CATALOG_CHECKS)
)


class Links(HTMLParser):
    """Every href and src of a page, and every element name."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        self.urls += [v or "" for k, v in attrs if k in ("href", "src", "action", "formaction")]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The payload article with a be catalog of approved (QA opted out) and draft payloads."""
    root = make_project(tmp_path_factory.mktemp("xss"), {"payload-test": SOURCE}, threshold=80)
    ids = [
        m.msgid
        for m in read_po(po_path(root, "be", "payload-test")).messages
        if m.msgid and not m.obsolete
    ]
    assert len(ids) == len(PAYLOADS)
    table = dict(zip(ids, PAYLOADS, strict=True))
    fuzzy = {ids[i] for i in FUZZY}
    fill(root, "be", "payload-test", table, fuzzy=fuzzy, comments=lambda _: [IGNORE_ALL])
    assert not render(root).problems
    assert not render(root, preview=True).problems
    return root


def pages(root: Path) -> list[Path]:
    dist = root / "dist"
    return sorted(dist.glob("*/*.html")) + sorted(dist.glob("preview/*/*.html"))


def test_payload_catalog_is_published(hostile: Path) -> None:
    langs = manifest(hostile)["articles"][0]["languages"]
    assert langs["be"]["status"] == "published"  # 11 of 13 approved, threshold 80
    assert langs["be-Latn"]["status"] == "published"


def test_no_payload_becomes_markup(hostile: Path) -> None:
    for page in pages(hostile):
        parser = Links()
        parser.feed(page.read_text("utf-8"))
        bad = parser.tags & {"script", "img", "svg", "iframe", "style", "base", "form", "button"}
        assert bad <= {"style"} and page.read_text("utf-8").count("<style>") == 1, (page, bad)
        for url in parser.urls:
            assert url.startswith(("http://", "https://", "mailto:", "../")) or (
                "/" not in url and ":" not in url
            ), (page, url)


def test_payload_text_is_shown_literally(hostile: Path) -> None:
    html = (hostile / "dist" / "be" / "payload-test.html").read_text("utf-8")
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(4)&gt;" in html
    assert "&amp;lt;script&amp;gt;" in html  # entities in a msgstr are text, not markup
    # plain-text places (<title>, meta, JSON, feed) show the tokens as text, like the body
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;title&gt;</title>" in html
    assert "<h1>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;title&gt;</h1>" in html
    assert (
        'Партал &lt;a1&gt;навін&lt;/a1 onclick=alert(5)&gt; і <a href="https://example.by/news">'
        in html
    )
    assert "Спасылка на сайт рэдакцыі." in html  # javascript: link dropped, its text kept
    assert "<strong>абзац</strong>" in html
    feed = ET.parse(hostile / "dist" / "be" / "feed.atom").getroot()
    title = feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title")
    assert title.text == "</title><script>alert(1)</script><title>"
    data = json.loads((hostile / "dist" / "be" / "payload-test.json").read_text("utf-8"))
    assert data["title"] == "</title><script>alert(1)</script><title>"


def test_preview_marks_drafts_without_markup(hostile: Path) -> None:
    draft = (hostile / "dist" / "preview" / "be" / "payload-test.html").read_text("utf-8")
    assert (
        '<span class="mt" lang="be">&lt;a1 href=&#34;javascript:alert(8)&#34;&gt;' in draft
        or '<span class="mt" lang="be">&lt;a1 href=&quot;javascript:alert(8)&quot;&gt;' in draft
    )
    published = (hostile / "dist" / "be" / "payload-test.html").read_text("utf-8")
    assert "alert(8)" not in published and "alert(15)" not in published  # drafts: left out


def test_no_script_runs_in_chromium(hostile: Path) -> None:
    targets = pages(hostile) + sorted((hostile / "dist").glob("*/index.html"))
    assert len(targets) >= 8
    with Chromium() as browser:
        for page in targets:
            report = browser.inspect(page)
            assert not report.ran, (page, report)
            assert report.dangerous == [], (page, report.dangerous)
            assert report.blocked == [], (page, report.blocked)
            dom = browser.dump_dom(page)
            for tag in ("<script", "<img", "<svg", "<iframe", "<form", "<base"):
                assert tag not in dom, (page, tag)

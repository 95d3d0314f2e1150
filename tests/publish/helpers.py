"""Throw-away projects for the publishing tests: articles, catalogs filled by hand, renders."""

from __future__ import annotations

import json
import struct
import textwrap
import zlib
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from transflow.pipeline.project import Project
from transflow.pipeline.runner import run
from transflow.po.pofile import format_po, read_po

CONFIG = """\
[project]
languages = ["be", "ru", "en"]
source_dir = "source_articles"
locales_dir = "locales"
dist_dir = "dist"

[publish]
threshold = {threshold}
lacinka = {lacinka}
{extra}
"""

#: A Russian source article with every block kind and all inline markup kinds.
BRIDGE = """\
---
slug: river-bridge
lang: ru
title: В Гомеле открыли новый мост через Сож
date: 2021-03-09
place: Гомель
agency: БЕЛТА
author: Ирина Козлова
image: images/bridge.png
image_alt: Пешеходный мост через реку в вечерней подсветке
caption: Мост вечером после открытия
---

Новый пешеходный мост соединил два района города. Строители закончили работу на месяц раньше срока.

## Что изменится для горожан

По мосту можно пройти от вокзала до парка за **десять минут**. Подробности есть на [сайте города](https://gomel.example.by/most).

- Ширина моста составляет шесть метров.
- Вечером включается *декоративная* подсветка.

> Мы ждали этот мост много лет, сказала жительница соседнего дома.
"""

BRIDGE_BE = dict(
    [
        ("В Гомеле открыли новый мост через Сож", "У Гомелі адкрылі новы мост цераз Сож"),
        ("Ирина Козлова", "Ірына Казлова"),
        (
            "Пешеходный мост через реку в вечерней подсветке",
            "Пешаходны мост цераз раку ў вячэрняй падсветцы",
        ),
        ("Мост вечером после открытия", "Мост увечары пасля адкрыцця"),
        (
            "Новый пешеходный мост соединил два района города.",
            "Новы пешаходны мост злучыў два раёны горада.",
        ),
        (
            "Строители закончили работу на месяц раньше срока.",
            "Будаўнікі скончылі працу на месяц раней за тэрмін.",
        ),
        ("Что изменится для горожан", "Што зменіцца для жыхароў"),
        (
            "По мосту можно пройти от вокзала до парка за <b>десять минут</b>.",
            "Па мосце можна прайсці ад вакзала да парку за <b>дзесяць хвілін</b>.",
        ),
        (
            "Подробности есть на <a1>сайте города</a1>.",
            "Падрабязнасці ёсць на <a1>сайце горада</a1>.",
        ),
        ("Ширина моста составляет шесть метров.", "Шырыня моста складае шэсць метраў."),
        (
            "Вечером включается <i>декоративная</i> подсветка.",
            "Увечары ўключаецца <i>дэкаратыўная</i> падсветка.",
        ),
        (
            "Мы ждали этот мост много лет, сказала жительница соседнего дома.",
            "Мы чакалі гэты мост шмат гадоў, сказала жыхарка суседняга дома.",
        ),
    ]
)

BRIDGE_EN = dict(
    [
        ("В Гомеле открыли новый мост через Сож", "A new bridge over the Sozh opens in Gomel"),
        ("Ирина Козлова", "Irina Kozlova"),
        (
            "Пешеходный мост через реку в вечерней подсветке",
            "The footbridge over the river with its evening lights",
        ),
        ("Мост вечером после открытия", "The bridge in the evening after the opening"),
        (
            "Новый пешеходный мост соединил два района города.",
            "A new footbridge has joined two districts of the city.",
        ),
        (
            "Строители закончили работу на месяц раньше срока.",
            "The builders finished the work a month ahead of schedule.",
        ),
        ("Что изменится для горожан", "What changes for the residents"),
        (
            "По мосту можно пройти от вокзала до парка за <b>десять минут</b>.",
            "Over the bridge one can walk from the station to the park in <b>ten minutes</b>.",
        ),
        ("Подробности есть на <a1>сайте города</a1>.", "Details are on the <a1>city website</a1>."),
        ("Ширина моста составляет шесть метров.", "The bridge is six metres wide."),
        (
            "Вечером включается <i>декоративная</i> подсветка.",
            "In the evening, <i>decorative</i> lighting comes on.",
        ),
        (
            "Мы ждали этот мост много лет, сказала жительница соседнего дома.",
            "We waited for this bridge for many years, said a woman living next door.",
        ),
    ]
)

#: A short Belarusian source article, older than BRIDGE.
GARDEN = """\
---
slug: school-garden
lang: be
title: Школьнікі Ліды пасадзілі яблыневы сад
date: 2020-10-12
place: Ліда
agency: БЕЛТА
---

Вучні трох школ пасадзілі каля ракі сорак маладых яблынь. Кожны клас будзе даглядаць свой рад дрэў.
"""

GARDEN_RU = dict(
    [
        ("Школьнікі Ліды пасадзілі яблыневы сад", "Школьники Лиды посадили яблоневый сад"),
        (
            "Вучні трох школ пасадзілі каля ракі сорак маладых яблынь.",
            "Ученики трёх школ посадили у реки сорок молодых яблонь.",
        ),
        (
            "Кожны клас будзе даглядаць свой рад дрэў.",
            "Каждый класс будет ухаживать за своим рядом деревьев.",
        ),
    ]
)


def png(width: int = 8, height: int = 6, rgb: tuple[int, int, int] = (40, 90, 160)) -> bytes:
    """A small valid PNG of one colour (written here, so the tests need no image library)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


#: The picture of BRIDGE, at images/bridge.png in the test projects.
BRIDGE_PNG = png()


def make_project(
    root: Path,
    articles: dict[str, str],
    *,
    threshold: float = 100,
    lacinka: bool = True,
    extra: str = "",
) -> Path:
    """A project folder with the given articles ({file stem: Markdown}) and catalogs made."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / "bridge.png").write_bytes(BRIDGE_PNG)
    config = CONFIG.format(threshold=threshold, lacinka=str(lacinka).lower(), extra=extra)
    (root / "transflow.toml").write_text(config, "utf-8")
    folder = root / "source_articles"
    folder.mkdir(exist_ok=True)
    for stem, text in articles.items():
        (folder / f"{stem}.md").write_text(textwrap.dedent(text), "utf-8")
    project = Project.open(root)
    report = run(project, ("extract", "update"))
    assert not report.problems, report.problems
    return root


def po_path(root: Path, lang: str, slug: str) -> Path:
    """locales/<lang>/LC_MESSAGES/<slug>.po of a test project."""
    return root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po"


def fill(
    root: Path,
    lang: str,
    slug: str,
    table: dict[str, str],
    *,
    fuzzy: set[str] = frozenset(),
    comments: Callable[[str], list[str]] | None = None,
) -> list[str]:
    """Put translations into a catalog: approved, or fuzzy (machine) for the msgids in `fuzzy`.

    Returns the msgids of the catalog that `table` does not cover (left untranslated).
    """
    path = po_path(root, lang, slug)
    catalog = read_po(path)
    left = []
    for message in catalog.messages:
        if message.obsolete or not message.msgid:
            continue
        if message.msgid not in table:
            left.append(message.msgid)
            message.msgstr = ""
            message.flags = [f for f in message.flags if f != "fuzzy"]
            continue
        message.msgstr = table[message.msgid]
        message.flags = [f for f in message.flags if f != "fuzzy"]
        if message.msgid in fuzzy:
            message.flags.append("fuzzy")
        if comments:
            message.translator_comments = comments(message.msgid)
    path.write_text(format_po(catalog), "utf-8")
    return left


def render(root: Path, preview: bool = False):
    """Run `extract, update, render` on the project like `transflow render [--preview]`."""
    return run(Project.open(root), ("extract", "update", "render"), preview=preview)


def manifest(root: Path) -> dict:
    """The articles of every shard of dist/manifest.json of a test project, sorted by slug,
    with every manifest document (root, shards, changes pages) checked against the schema."""
    from transflow.publish.manifest import validate_manifest
    from transflow.publish.shards import read_articles

    dist = root / "dist"
    validate_manifest(json.loads((dist / "manifest.json").read_text("utf-8")))
    for path in sorted((dist / "manifest").glob("*.json")) + sorted(
        (dist / "changes").glob("*.json")
    ):
        validate_manifest(json.loads(path.read_text("utf-8")), path)
    return {"articles": read_articles(dist)}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative POSIX path -> bytes)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# ---------------------------------------------------------------- a strict HTML5 check

VOID = {"meta", "link", "br", "img", "hr", "input", "source", "wbr"}
PHRASING = {"a", "strong", "em", "code", "span", "time", "br", "b", "i", "abbr", "small"}
ALLOWED = (
    VOID
    | PHRASING
    | {
        "html",
        "head",
        "title",
        "style",
        "body",
        "header",
        "nav",
        "article",
        "main",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "ul",
        "ol",
        "li",
        "blockquote",
        "figure",
        "figcaption",
        "div",
        "section",
        "aside",
    }
)


class StrictHtml(HTMLParser):
    """html.parser with strict bookkeeping: every problem found goes to `errors`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.errors: list[str] = []
        self.stack: list[str] = []
        self.doctype = ""
        self.seen_element = False
        self.ids: set[str] = set()
        self.head: dict[str, list[dict]] = {}
        self.title = ""
        self._in_title = False

    def handle_decl(self, decl: str) -> None:
        if self.seen_element:
            self.errors.append("doctype after the first element")
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.seen_element = True
        names = [k for k, _ in attrs]
        if len(names) != len(set(names)):
            self.errors.append(f"duplicate attribute on <{tag}>: {names}")
        if tag not in ALLOWED:
            self.errors.append(f"unexpected element <{tag}>")
        if "p" in self.stack and tag not in PHRASING:
            self.errors.append(f"<{tag}> inside <p>")
        values = dict(attrs)
        if "id" in values:
            if values["id"] in self.ids:
                self.errors.append(f"duplicate id {values['id']!r}")
            self.ids.add(values["id"])
        if "head" in self.stack:
            self.head.setdefault(tag, []).append(values)
        if tag == "title":
            self._in_title = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            self.errors.append(f"self-closing non-void element <{tag}/>")
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag of void element </{tag}>")
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close the open <{self.stack[-1:]}>")
            return
        self.stack.pop()
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self.stack and data.strip():
            self.errors.append(f"text outside <html>: {data.strip()[:40]!r}")


def check_html5(text: str) -> StrictHtml:
    """Parse a page strictly; the parser's `errors` also lists missing required head parts."""
    parser = StrictHtml()
    parser.feed(text)
    parser.close()
    if parser.stack:
        parser.errors.append(f"unclosed elements: {parser.stack}")
    if parser.doctype.lower() != "doctype html":
        parser.errors.append(f"doctype is {parser.doctype!r}")
    charset = [m for m in parser.head.get("meta", []) if m.get("charset")]
    if [m["charset"].lower() for m in charset] != ["utf-8"]:
        parser.errors.append("no single <meta charset=utf-8> in <head>")
    if not parser.title.strip():
        parser.errors.append("empty <title>")
    return parser

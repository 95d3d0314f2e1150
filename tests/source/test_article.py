"""Tests for source articles: loading, validation errors with file and line, canonical writing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transflow.errors import SourceError
from transflow.source.article import (
    MAX_PARAGRAPH_CHARS,
    escape_markdown,
    format_article,
    load_article,
    load_articles,
    split_front_matter,
)

LANGS = ("be", "ru", "en")
GOOD = """---
slug: rink-in-lida
lang: en
title: Lida opens an ice rink
date: 2022-01-12
place: Lida
agency: BelTA
caption: Photo by the town council
source_url: https://example.by/en/sport/rink-in-lida.html
---

The town opened an ice rink on Wednesday.

Skating is **free** for pupils on weekdays.
"""


def write(tmp_path: Path, text: str | bytes, name: str = "a.md") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def error(tmp_path: Path, text: str | bytes) -> SourceError:
    path = write(tmp_path, text)
    with pytest.raises(SourceError) as info:
        load_article(path, LANGS)
    assert info.value.path == str(path)
    return info.value


def test_load_good_article(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, GOOD), LANGS)
    assert article.slug == "rink-in-lida"
    assert article.lang == "en"
    assert article.date == dt.date(2022, 1, 12)
    assert (article.place, article.agency) == ("Lida", "BelTA")
    assert article.source_url == "https://example.by/en/sport/rink-in-lida.html"
    kinds = [(b.kind, b.line) for b in article.blocks]
    assert kinds[0] == ("title", 4)
    assert kinds[1] == ("caption", 8)
    assert [b.line for b in article.blocks[2:]] == [12, 14]
    assert article.blocks[0].text == "Lida opens an ice rink"
    assert article.blocks[3].text == "Skating is <b>free</b> for pupils on weekdays."


def test_crlf_and_bom_accepted_with_same_lines(tmp_path: Path) -> None:
    crlf = "\ufeff" + GOOD.replace("\n", "\r\n")
    article = load_article(write(tmp_path, crlf), LANGS)
    assert [b.line for b in article.blocks] == [4, 8, 12, 14]
    assert all("\r" not in b.text for b in article.blocks)


def test_values_are_strings_without_coercion(tmp_path: Path) -> None:
    text = GOOD.replace("place: Lida", "place: yes").replace("agency: BelTA", "agency: 1e3")
    article = load_article(write(tmp_path, text), LANGS)
    assert (article.place, article.agency) == ("yes", "1e3")


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("slug: rink-in-lida", "slug: ../x", 2, "invalid slug"),
        ("slug: rink-in-lida", "slug: /etc", 2, "invalid slug"),
        ("slug: rink-in-lida", "slug: A b", 2, "invalid slug"),
        ("slug: rink-in-lida", "slug: rink--lida", 2, "invalid slug"),
        ("lang: en", "lang: de", 3, "not one of the configured"),
        ("title: Lida opens an ice rink", "title: ''", 4, "title is empty"),
        ("date: 2022-01-12", "date: 2022-02-30", 5, "invalid date"),
        ("date: 2022-01-12", "date: 20220112", 5, "invalid date"),
        ("date: 2022-01-12", "date: 12.01.2022", 5, "invalid date"),
        ("place: Lida", "plase: Lida", 6, "unknown front matter key 'plase'"),
        ("agency: BelTA", "agency: BelTA\nagency: Reuters", 8, "duplicate key 'agency'"),
        ("place: Lida", "place: [Lida, Grodno]", 6, "single text value"),
        ("source_url: https", "source_url: ftp", 9, "invalid source_url"),
        ("title: Lida opens an ice rink", "title: 'unclosed", 4, "not valid YAML"),
        ("title: Lida opens an ice rink", 'title: "two\\nlines"', 4, "on one line"),
        ("title: Lida opens an ice rink", "title:", 4, "title is empty"),
    ],
)
def test_front_matter_errors_name_the_line(
    tmp_path: Path, old: str, new: str, line: int, words: str
) -> None:
    assert old in GOOD
    exc = error(tmp_path, GOOD.replace(old, new, 1))
    assert words in exc.message
    assert exc.line == line


def test_missing_required_key(tmp_path: Path) -> None:
    exc = error(tmp_path, GOOD.replace("date: 2022-01-12\n", ""))
    assert "required key 'date'" in exc.message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "empty file"),
        ("   \n\n", 1, "empty file"),
        ("Just a body.\n", 1, "missing front matter"),
        ("---\nslug: a\n", 1, "not closed"),
        ("---\njust words\n---\n\nBody.\n", 2, "mapping"),
        ("---\n---\n\nBody.\n", 2, "front matter is empty"),
        (GOOD.split("---\n\n")[0] + "---\n\n  \n", 11, "body is empty"),
        (GOOD.replace("on Wednesday", "on\x00Wednesday"), 12, "U+0000"),
        (GOOD.replace("on Wednesday", "on\x1bWednesday"), 12, "U+001B"),
        (GOOD.replace("on Wednesday", "on\u2028Wednesday"), 12, "U+2028"),
    ],
)
def test_file_level_errors(tmp_path: Path, text: str, line: int, words: str) -> None:
    exc = error(tmp_path, text)
    assert words in exc.message
    assert exc.line == line


def test_not_utf8_names_line_and_byte(tmp_path: Path) -> None:
    data = GOOD.replace("Skating", "Caf\udce9 skating").encode("utf-8", "surrogateescape")
    exc = error(tmp_path, data)
    assert exc.line == 14
    assert "0xe9" in exc.message and "byte offset" in exc.message


def test_huge_paragraph_is_a_clear_error(tmp_path: Path) -> None:
    huge = "Word " * 20_000  # 100 KB in one paragraph
    exc = error(tmp_path, GOOD + "\n" + huge + "\n")
    assert exc.line == 16
    assert str(MAX_PARAGRAPH_CHARS) in exc.message
    ok = "\n\n".join(["Word " * 1000] * 30)  # 150 KB in paragraphs of 5 KB
    article = load_article(write(tmp_path, GOOD + "\n" + ok + "\n", "b.md"), LANGS)
    assert len(article.blocks) == 4 + 30


def test_markup_errors_carry_the_file(tmp_path: Path) -> None:
    exc = error(tmp_path, GOOD + "\n```\ncode\n```\n")
    assert exc.line == 16


def test_load_articles_sorted_by_slug(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "z.md")
    write(tmp_path, GOOD.replace("slug: rink-in-lida", "slug: a-first"), "y.md")
    write(tmp_path, "not an article", "notes.txt")
    articles = load_articles(tmp_path, LANGS)
    assert [a.slug for a in articles] == ["a-first", "rink-in-lida"]


def test_duplicate_slug_names_both_files(tmp_path: Path) -> None:
    first = write(tmp_path, GOOD, "one.md")
    second = write(tmp_path, GOOD, "two.md")
    with pytest.raises(SourceError) as info:
        load_articles(tmp_path, LANGS)
    assert info.value.path == str(second)
    assert str(first) in info.value.message
    assert info.value.line == 2


def test_load_articles_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not found"):
        load_articles(tmp_path / "nope", LANGS)


def test_format_article_canonical_form() -> None:
    meta = {
        "title": "Minister: talks go on",
        "source_url": "",
        "date": "2021-03-09",
        "lang": "en",
        "slug": "talks",
        "caption": "An archive photo",
    }
    text = format_article(meta, "First  line\nwrapped.\n\n\n- one\n- two\n\nLast.")
    assert text == (
        "---\nslug: talks\nlang: en\ntitle: 'Minister: talks go on'\ndate: 2021-03-09\n"
        "caption: An archive photo\n---\n\nFirst line wrapped.\n\n- one\n- two\n\nLast.\n"
    )


def test_format_article_rejects_unknown_keys() -> None:
    with pytest.raises(SourceError, match="unknown"):
        format_article({"slug": "a", "tittle": "x"}, "Body.")


def test_format_then_load_round_trip(tmp_path: Path) -> None:
    meta = {
        "slug": "quotes",
        "lang": "ru",
        "title": "«Мы готовы»: министр о #планах — 100% [итог]",
        "date": "2021-03-09",
        "place": "Минск",
        "agency": "БЕЛТА",
        "caption": "yes",
    }
    path = write(tmp_path, format_article(meta, "Текст статьи."))
    article = load_article(path, LANGS)
    assert (article.title, article.caption, article.place) == (meta["title"], "yes", "Минск")


@settings(derandomize=True, max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1
    ).filter(lambda s: s.strip() and "\ufeff" not in s)
)
def test_format_round_trips_any_title(title: str) -> None:
    text = format_article({"slug": "x", "lang": "en", "title": title, "date": "2021-01-01"}, "B.")
    front = split_front_matter(text, "x.md")
    assert front.values["title"] == " ".join(title.split())
    assert front.lines["title"] == 4


@pytest.mark.parametrize(
    "plain",
    [
        "- not a list",
        "1. not a list",
        "# not a heading",
        "> not a quote",
        "Stars *here* and_under_scores [x](y) `c` a < b back\\slash",
        "---",
        "+ plus",
    ],
)
def test_escape_markdown_reads_back_as_plain_text(plain: str) -> None:
    from transflow.source.markdown import parse_body

    blocks = parse_body(escape_markdown(plain) + "\n", 1)
    assert len(blocks) == 1
    assert blocks[0].spans == ()
    assert blocks[0].text == plain
    assert blocks[0].kind in ("paragraph", "lead")

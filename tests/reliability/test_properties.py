"""Property tests over the whole chain: source -> segments -> PO write/read -> identity render."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transflow.errors import CatalogError, SourceError
from transflow.pipeline.extract import build_pot
from transflow.po.catalog import new_catalog
from transflow.po.pofile import format_po, parse_po, read_po
from transflow.publish.render import article_json, build_rendition, catalog_lookup, segment_article
from transflow.source.article import MAX_PARAGRAPH_CHARS, escape_markdown, load_article
from transflow.source.markup import strip_placeholders

from .helpers import msgfmt_failures

LANGS = ["be", "ru", "en"]
SPECIAL = [
    '"',
    "'",
    "\\",
    "\t",
    "\u200f",
    "\u200e",
    "\u202b",
    "\u202c",
    "\u0301",
    "\u0308",
    "😀",
    "👍",
    "\U0001f3fd",
    "ў",
    "і",
    "ё",
    "*",
    "_",
    "`",
    "[",
    "]",
    "<",
    ">",
    "&",
    "#",
    "%",
    "{",
    "}",
    "…",
    "«",
    "»",
    "—",
    ".",
    "?",
    "!",
    " ",
    " ",
    "\u00a0",
]
CONTROLS = [chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), *range(0x7F, 0xA0)]]
# printable text: no controls, no surrogates, no line/paragraph separators
PLAIN = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn"))
WORD = st.text(st.one_of(st.sampled_from(SPECIAL), PLAIN), min_size=1, max_size=12)
PARAGRAPH = (
    st.one_of(
        st.lists(WORD, min_size=1, max_size=40).map(" ".join),
        st.tuples(WORD, st.integers(200, 2500)).map(lambda t: " ".join([t[0]] * t[1])),  # long line
    )
    .map(lambda p: p.strip(" \t\u00a0"))
    .filter(lambda p: p.strip() != "" and len(escape_markdown(p)) < MAX_PARAGRAPH_CHARS)
)
TITLE = st.text(st.sampled_from("Aaбў1 .,'\"!?"), min_size=1, max_size=40).filter(str.strip)


def write_article(path: Path, lang: str, title: str, paragraphs: list[str], newline: str) -> None:
    """A source article: the title through YAML quoting, paragraphs through Markdown escapes."""
    quoted = json.dumps(title.strip(), ensure_ascii=False)  # a JSON string is a YAML scalar
    head = ["---", "slug: prop", f"lang: {lang}", f"title: {quoted}", "date: 2021-03-09", "---"]
    text = "\n".join(head) + "\n\n" + "\n\n".join(escape_markdown(p) for p in paragraphs) + "\n"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))


def identity_po(pot_text: str, lang: str, source_lang: str) -> str:
    """A PO file whose every entry is approved with msgstr == msgid (written by our writer)."""
    catalog = new_catalog(parse_po(pot_text), lang, source_lang=source_lang)
    for message in catalog.messages:
        message.msgstr = message.msgid
        message.flags = [f for f in message.flags if f != "fuzzy"]
    return format_po(catalog)


def test_any_text_survives_the_whole_chain_and_every_po_passes_msgfmt(tmp_path):
    written: list[Path] = []
    counter = itertools.count()

    @settings(
        max_examples=120,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        lang=st.sampled_from(LANGS),
        title=TITLE,
        paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=4),
        newline=st.sampled_from(["\n", "\r\n"]),
    )
    def chain(lang, title, paragraphs, newline):
        folder = tmp_path / f"case-{next(counter)}"
        folder.mkdir()
        source = folder / "prop.md"
        write_article(source, lang, title, paragraphs, newline)
        article = load_article(source, LANGS)
        body = [strip_placeholders(b.text) for b in article.blocks if b.kind != "title"]
        assert body == paragraphs  # Markdown escapes and line endings read back exactly
        pot_path = folder / "prop.pot"
        pot_path.write_text(format_po(build_pot(article, "prop.md")), "utf-8")
        target = next(t for t in LANGS if t != lang)
        po_path = folder / f"{target}.po"
        po_path.write_text(identity_po(pot_path.read_text("utf-8"), target, lang), "utf-8")
        written.extend([pot_path, po_path])
        catalog = read_po(po_path)
        segmented = segment_article(article)
        expected = {s for item in segmented for s in item.sentences}
        assert {m.msgid for m in catalog.messages} == expected
        rendition = build_rendition(
            article, segmented, target, catalog_lookup(catalog.messages, False)
        )
        assert rendition.approved == rendition.total
        data = json.loads(article_json(article, rendition, "", "", [], {}))
        assert [b["text"] for b in data["blocks"]] == [
            strip_placeholders(b.text) for b in article.blocks
        ]

    chain()
    assert len(written) >= 200
    assert msgfmt_failures(written) == []


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    before=PARAGRAPH,
    control=st.sampled_from(CONTROLS),
    after=PARAGRAPH,
    lines_before=st.integers(0, 3),
)
def test_control_characters_in_a_source_are_rejected_with_file_and_line(
    tmp_path_factory, before, control, after, lines_before
):
    path = tmp_path_factory.mktemp("ctl") / "ctl.md"
    filler = "Plain text.\n\n" * lines_before
    head = "---\nslug: ctl\nlang: en\ntitle: T\ndate: 2021-03-09\n---\n\n"
    path.write_bytes(
        (head + filler + escape_markdown(before) + control + after + "\n").encode("utf-8")
    )
    with pytest.raises(SourceError) as info:
        load_article(path, LANGS)
    assert info.value.path == str(path)
    assert info.value.line == 8 + 2 * lines_before
    assert f"U+{ord(control):04X}" in info.value.message


@pytest.mark.parametrize("control", ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u2028"])
@pytest.mark.parametrize("escaped", [False, True])
def test_control_characters_in_a_po_file_are_rejected_with_file_and_line(
    tmp_path, control, escaped
):
    """A translator's editor can put control characters into a msgstr; they must not reach
    dist/ (HTML forbids them, a NUL cuts the string in a .mo file)."""
    value = f"\\{ord(control):03o}" if escaped and ord(control) < 0x100 else control
    path = tmp_path / "ctl.po"
    path.write_bytes(
        (
            'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f'msgid "One."\nmsgstr "Од{value}но."\n'
        ).encode()
    )
    with pytest.raises(CatalogError) as info:
        read_po(path)
    assert info.value.path == str(path) and info.value.line == 5

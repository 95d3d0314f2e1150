"""Tests for transflow.source.markup: placeholders and their escaping, HTML and Markdown writing."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from transflow.source.markdown import _tree_to_items, parse_body, parse_inline
from transflow.source.markup import (
    blocks_to_markdown,
    decode_items,
    encode_items,
    placeholders,
    strip_placeholders,
    to_html,
    to_markdown,
)
from transflow.source.model import Block, InlineSpan


def test_literal_angle_brackets_are_escaped_reversibly():
    text, spans = parse_inline("use <b> and <c1/> literally, not 1 < 2")
    assert text == "use \\<b> and \\<c1/> literally, not 1 < 2"
    assert placeholders(text) == []
    assert strip_placeholders(text) == "use <b> and <c1/> literally, not 1 < 2"
    assert to_html(text, spans) == "use &lt;b&gt; and &lt;c1/&gt; literally, not 1 &lt; 2"


def test_placeholders_and_strip():
    text = "Сказаў <b>міністр</b> пра <a1>план</a1> і <c1/>."
    assert placeholders(text) == ["<b>", "</b>", "<a1>", "</a1>", "<c1/>"]
    assert strip_placeholders(text) == "Сказаў міністр пра план і ."


def test_strip_placeholders_separator_and_escapes():
    text = "см.<a1>www.belta.by</a1>і \\<b> C:\\\\dir"
    assert strip_placeholders(text) == "см.www.belta.byі <b> C:\\dir"
    assert strip_placeholders(text, " ") == "см. www.belta.by і <b> C:\\dir"
    assert placeholders(text) == ["<a1>", "</a1>"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="ab\\<>/1 ", max_size=12))
def test_strip_and_placeholders_agree_with_decoding(text):
    items = decode_items(text)
    assert strip_placeholders(text) == "".join(v for k, v in items if k == "text")
    assert strip_placeholders(text, "|") == "".join(v if k == "text" else "|" for k, v in items)
    assert placeholders(text) == [v for k, v in items if k == "tag"]


def test_to_html_maps_placeholders_and_escapes_text():
    spans = (InlineSpan("b", "strong"), InlineSpan("a1", "link", 'https://e.by/?q="x"&y=<1>'))
    html = to_html("<b>R&D</b> <a1>link</a1>", spans)
    assert html == (
        '<strong>R&amp;D</strong> <a href="https://e.by/?q=&quot;x&quot;&amp;y=&lt;1&gt;">link</a>'
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", "/relative", "data:text/html,x", "ftp://x"])
def test_to_html_drops_unsafe_links_keeps_text(url):
    spans = (InlineSpan("a1", "link", url),)
    assert to_html("see <a1>this</a1>", spans) == "see this"


def test_to_html_mailto_and_code():
    spans = (InlineSpan("a1", "link", "mailto:press@example.by"), InlineSpan("c1", "code", "<x>"))
    out = to_html("<a1>пішыце</a1> <c1/>", spans)
    assert out == '<a href="mailto:press@example.by">пішыце</a> <code>&lt;x&gt;</code>'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>x", "&lt;b&gt;x"),
        ("x</b>", "x&lt;/b&gt;"),
        ("<b>x <i>y</b> z</i>", "&lt;b&gt;x <em>y&lt;/b&gt; z</em>"),
        ("<a2>x</a2>", "&lt;a2&gt;x&lt;/a2&gt;"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<c1>", "&lt;c1&gt;"),
        ("<b/>", "&lt;b/&gt;"),
    ],
)
def test_to_html_bad_tokens_are_escaped_text(text, expected):
    spans = (InlineSpan("a1", "link", "https://e.by"), InlineSpan("c1", "code", "x"))
    assert to_html(text, spans) == expected


def test_to_markdown_back_to_inline_syntax():
    text, spans = parse_inline("**a** *b* [c](https://c.by) `d` e\\*")
    assert to_markdown(text, spans) == "**a** *b* [c](https://c.by) `d` e\\*"
    assert to_markdown("a < b \\\\", ()) == "a \\< b \\\\"
    assert to_markdown("<b>x</i>", ()) == "\\<b>x\\</i>"


def test_translation_with_newline_and_block_chars_stays_one_block():
    block = Block(kind="paragraph", text="# не загаловак\n- і не спіс", line=1)
    md = blocks_to_markdown([block])
    again = parse_body(md)
    assert len(again) == 1
    assert again[0].text == "# не загаловак - і не спіс"


# ---------------------------------------------------------------- property-based tests

_CHARS = "aбўі1#*_`[]\\<>&!.()/-+:=\"'«»b"
_word = st.text(alphabet=_CHARS, min_size=1, max_size=6)
_url = st.text(alphabet="abc/:.?=&()%_-", min_size=1, max_size=12).map(lambda s: "https://" + s)
_code = st.text(alphabet="ab `*_\\<>", min_size=1, max_size=6)


def _seq(children):
    return st.lists(children, min_size=1, max_size=4)


def _nodes(depth: int, in_link: bool = False):
    leaf = _word.map(lambda w: ("text", w)) | _code.map(lambda c: ("code", c))
    if depth == 0:
        return leaf
    inner = _seq(_nodes(depth - 1, in_link))
    options = (
        leaf
        | inner.map(lambda k: ("strong", k)).filter(lambda n: n[1][0][0] != "strong")
        | inner.map(lambda k: ("em", k)).filter(lambda n: n[1][0][0] not in ("em", "strong"))
    )
    if not in_link:
        link = st.tuples(_seq(_nodes(depth - 1, True)), _url).map(lambda t: ("link", t[0], t[1]))
        options = options | link
    return options


def _to_text(nodes) -> tuple[str, list[InlineSpan]]:
    """Build the expected placeholder text: nodes separated by single spaces."""
    spaced = []
    for idx, node in enumerate(nodes):
        if idx:
            spaced.append(("text", " "))
        spaced.append(_space_kids(node))
    spans: list[InlineSpan] = []
    items = _tree_to_items(spaced, spans, {"a": 0, "c": 0})
    return encode_items(items), spans


def _space_kids(node):
    if node[0] in ("text", "code"):
        return node
    kids = []
    for idx, kid in enumerate(node[1]):
        if idx:
            kids.append(("text", " "))
        kids.append(_space_kids(kid))
    return (node[0], kids, *node[2:])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_seq(_nodes(2)))
def test_inline_round_trip_property(nodes):
    text, spans = _to_text(nodes)
    md = to_markdown(text, spans)
    again, spans2 = parse_inline(md)
    assert again == text
    assert list(spans2) == spans
    assert to_markdown(again, spans2) == md


_block_kind = st.sampled_from(["paragraph", "heading", "quote", "list-item"])


@st.composite
def _blocks(draw):
    count = draw(st.integers(min_value=1, max_value=6))
    blocks = []
    prev_item_level = -1
    for _ in range(count):
        kind = draw(_block_kind)
        text, spans = _to_text(draw(_seq(_nodes(1))))
        level, marker = 0, ""
        if kind == "heading":
            level = draw(st.integers(min_value=1, max_value=6))
            marker = "#" * level
        elif kind == "quote":
            level, marker = draw(st.integers(min_value=1, max_value=2)), ">"
        elif kind == "list-item":
            level = draw(st.integers(min_value=0, max_value=prev_item_level + 1))
            marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)", "10."]))
        prev_item_level = level if kind == "list-item" else -1
        blocks.append(Block(kind, text, 0, tuple(spans), level, marker))
    seen_lead = False
    for b in blocks:
        if b.kind == "paragraph" and not seen_lead:
            b.kind, seen_lead = "lead", True
    line = 1
    for idx, b in enumerate(blocks):
        if idx:
            tight = b.kind == "list-item" and blocks[idx - 1].kind == "list-item"
            line += 1 if tight else 2
        b.line = line
    return blocks


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_blocks())
def test_body_round_trip_property(blocks):
    body = blocks_to_markdown(blocks)
    parsed = parse_body(body)
    assert parsed == blocks
    assert blocks_to_markdown(parsed) == body


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_blocks(), st.integers(min_value=1, max_value=4))
def test_wrapped_body_round_trip_property(blocks, width):
    # a line break inside a code span is a space in Markdown: wrap outside code spans only
    assume(all(" " not in sp.target for b in blocks for sp in b.spans if sp.kind == "code"))
    body = blocks_to_markdown(blocks)
    wrapped_lines = []
    for line in body.split("\n"):
        words = line.split(" ")
        if blocks and line and not line.startswith((">", "#", " ")) and line[:1].isalpha():
            chunks = [[words[0]]]
            for word in words[1:]:
                # a real re-wrap breaks before words; one starting with ">", "#", "-", "1." would
                # start another block in any Markdown reader, so only break before letters
                if len(chunks[-1]) >= width and word[:1].isalpha():
                    chunks.append([word])
                else:
                    chunks[-1].append(word)
            wrapped_lines.extend(" ".join(chunk) for chunk in chunks)
        else:
            wrapped_lines.append(line)
    wrapped = "\n".join(wrapped_lines)
    parsed = parse_body(wrapped)
    assert [(b.kind, b.text, b.spans) for b in parsed] == [
        (b.kind, b.text, b.spans) for b in blocks
    ]


_items = st.lists(
    st.one_of(
        st.text(alphabet="ab\\<>/c1&", min_size=1, max_size=5).map(lambda t: ("text", t)),
        st.sampled_from(["<b>", "</b>", "<a1>", "<c1/>", "<x9>"]).map(lambda t: ("tag", t)),
    ),
    max_size=8,
)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(_items)
def test_placeholder_escaping_is_reversible(items):
    merged: list[tuple[str, str]] = []
    for kind, val in items:
        if kind == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + val)
        else:
            merged.append((kind, val))
    assert decode_items(encode_items(items)) == merged


class _Checker(HTMLParser):
    """Collects tags and checks nesting and attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ok = True
        self.text = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("strong", "em", "a", "code"):
            self.ok = False
        if tag == "a":
            names = [name for name, _ in attrs]
            href = dict(attrs).get("href") or ""
            if names != ["href"] or not href.startswith(("http://", "https://", "mailto:")):
                self.ok = False
        elif attrs:
            self.ok = False
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.ok = False

    def handle_data(self, data):
        self.text.append(data)


_untrusted = st.lists(
    st.sampled_from(
        ["<b>", "</b>", "<i>", "</i>", "<a1>", "</a1>", "<a2>", "</a2>", "<c1/>", "<c2/>"]
        + ["<script>", "</a1", "<", ">", "&", '"', "\\", "\\<", "x", " ", "&amp;", "<img/>"]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(_untrusted, st.sampled_from(['https://ok.by/?a=1&b="2"', "javascript:alert(1)"]))
def test_to_html_is_always_well_formed_and_safe(text, url):
    spans = (InlineSpan("a1", "link", url), InlineSpan("c1", "code", "<code & more>"))
    out = to_html(text, spans)
    checker = _Checker()
    checker.feed(out)
    checker.close()
    assert checker.ok and not checker.stack
    assert "<script" not in out
    md = to_markdown(text, spans)
    assert isinstance(md, str)


def test_to_text_drops_good_placeholders_and_keeps_bad_tokens_literally():
    from transflow.source.markup import to_text
    from transflow.source.model import InlineSpan

    spans = (InlineSpan("a1", "link", "https://example.by"), InlineSpan("c1", "code", "x=1"))
    assert (
        to_text("Глядзіце <a1>сайт</a1> і <b>код</b> <c1/>.", spans) == "Глядзіце сайт і код x=1."
    )
    payload = "</title><script>alert(1)</script>"
    assert to_text(payload, spans) == payload
    assert to_text("<b>незакрыты", spans) == "<b>незакрыты"

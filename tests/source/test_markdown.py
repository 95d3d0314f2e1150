"""Tests for transflow.source.markdown: Markdown bodies and inline syntax to blocks."""

from __future__ import annotations

import pytest

from transflow.errors import SourceError
from transflow.source.markdown import parse_body, parse_inline
from transflow.source.markup import blocks_to_markdown
from transflow.source.model import InlineSpan

CANONICAL = """\
Мінск, 9 сакавіка. Урад **зацвердзіў** новую праграму для *малых* гарадоў.

## Што зменіцца ў [рэгіёнах](https://example.by/regions?id=7&x=1)

Другі абзац з кодам `make build` і зорачкай \\* у тэксце.

> Мы будзем працаваць далей, сказаў міністр.

> Другі абзац цытаты.

- першы пункт
- другі пункт з **вылучэннем**
  - укладзены пункт
1. нумараваны пункт

Апошні абзац: a \\< b, a \\<b> c & d, -5 °C, C:\\\\dir.
"""


def test_parse_canonical_body_kinds_lines_and_spans():
    blocks = parse_body(CANONICAL, first_line=6)
    kinds = [b.kind for b in blocks]
    assert kinds == [
        "lead",
        "heading",
        "paragraph",
        "quote",
        "quote",
        "list-item",
        "list-item",
        "list-item",
        "list-item",
        "paragraph",
    ]
    assert [b.line for b in blocks] == [6, 8, 10, 12, 14, 16, 17, 18, 19, 21]
    lead = blocks[0]
    assert (
        lead.text
        == "Мінск, 9 сакавіка. Урад <b>зацвердзіў</b> новую праграму для <i>малых</i> гарадоў."
    )
    assert lead.spans == (InlineSpan("b", "strong"), InlineSpan("i", "em"))
    head = blocks[1]
    assert (head.level, head.marker) == (2, "##")
    assert head.text == "Што зменіцца ў <a1>рэгіёнах</a1>"
    assert head.spans == (InlineSpan("a1", "link", "https://example.by/regions?id=7&x=1"),)
    assert blocks[2].text == "Другі абзац з кодам <c1/> і зорачкай * у тэксце."
    assert blocks[2].spans == (InlineSpan("c1", "code", "make build"),)
    assert [(b.level, b.marker) for b in blocks[5:9]] == [(0, "-"), (0, "-"), (1, "-"), (0, "1.")]
    assert blocks[9].text == "Апошні абзац: a < b, a \\<b> c & d, -5 °C, C:\\dir."


def test_canonical_round_trip_is_exact():
    assert blocks_to_markdown(parse_body(CANONICAL)) == CANONICAL


def test_wrapped_paragraph_is_one_block_and_rewrap_keeps_msgid():
    wrapped = "Першы радок абзаца\nпрацягваецца тут\n  і тут.\n\nДругі абзац.\n"
    rewrapped = "Першы радок\nабзаца працягваецца\nтут і тут.\n\nДругі\nабзац.\n"
    one = parse_body(wrapped, first_line=3)
    two = parse_body(rewrapped, first_line=3)
    assert [b.text for b in one] == [b.text for b in two]
    assert one[0].text == "Першы радок абзаца працягваецца тут і тут."
    assert [b.line for b in one] == [3, 7]
    assert blocks_to_markdown(one) == "Першы радок абзаца працягваецца тут і тут.\n\nДругі абзац.\n"


def test_quote_paragraphs_and_lazy_lines():
    body = "> Першы абзац\n> цытаты\nлянівы радок.\n>\n> Другі абзац.\n"
    blocks = parse_body(body)
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        ("quote", "Першы абзац цытаты лянівы радок.", 1),
        ("quote", "Другі абзац.", 5),
    ]


def test_only_first_paragraph_is_lead_even_after_heading():
    blocks = parse_body("# Загаловак\n\nПершы.\n\nДругі.\n")
    assert [b.kind for b in blocks] == ["heading", "lead", "paragraph"]


def test_list_interrupts_paragraph_but_other_numbers_do_not():
    blocks = parse_body("Абзац у 2021\n2022. год працягваецца\n- пункт\n")
    assert [(b.kind, b.text) for b in blocks] == [
        ("lead", "Абзац у 2021 2022. год працягваецца"),
        ("list-item", "пункт"),
    ]


def test_inline_alternatives_and_escapes():
    text, spans = parse_inline(
        r"__a__ _b_ \*c\* \[d\] snake_case_name 2 * 3 [e](http://x.by/a_(b))"
    )
    assert text == "<b>a</b> <i>b</i> *c* [d] snake_case_name 2 * 3 <a1>e</a1>"
    assert spans[-1] == InlineSpan("a1", "link", "http://x.by/a_(b)")


def test_links_and_code_are_numbered_per_block():
    blocks = parse_body("[a](http://a.by) `x` [b](http://b.by) `y`\n\n[c](http://c.by)\n")
    assert blocks[0].text == "<a1>a</a1> <c1/> <a2>b</a2> <c2/>"
    assert [s.tag for s in blocks[0].spans] == ["a1", "c1", "a2", "c2"]
    assert blocks[1].text == "<a1>c</a1>"


def test_fenced_code_is_rejected_with_line():
    with pytest.raises(SourceError) as info:
        parse_body("Абзац.\n\n```\ncode\n```\n", first_line=10, path="a.md")
    assert info.value.line == 12
    assert str(info.value).startswith("a.md:12:")


def test_thematic_break_is_rejected_with_line():
    with pytest.raises(SourceError) as info:
        parse_body("Абзац.\n\n* * *\n", first_line=4, path="b.md")
    assert info.value.line == 6
    assert "thematic" in str(info.value)

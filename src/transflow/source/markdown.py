"""Markdown article bodies -> blocks whose text carries inline markup as placeholders.

The reader half of transflow's Markdown: `parse_body` splits a body into blocks and
`parse_inline` turns a block's inline syntax into placeholder text plus spans. The supported
subset, the placeholders and their escaping are documented in `transflow.source.markup`, which also
writes blocks back (`to_markdown`, `blocks_to_markdown`) and re-exports both functions here.

Block syntax: ATX headings (``#`` .. ``######``), paragraphs (wrapped lines are joined with
single spaces), block quotes (``>``; every paragraph of a quote is one block, nesting in
``level``), list items (``-``, ``*``, ``+``, ``1.``, ``1)``; nesting by indentation in
``level``). The first paragraph of a body is the "lead". Fenced code blocks and thematic breaks
are rejected with a SourceError naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from transflow.errors import SourceError
from transflow.source.markup import ITEM_RE, RULE_RE, encode_items
from transflow.source.model import Block, InlineSpan

__all__ = ["parse_body", "parse_inline"]

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SPECIAL_RE = re.compile(r"[\\`\[\]*_]")


# ---------------------------------------------------------------- Markdown inline parser


def _can_open(s: str, i: int, width: int, ch: str) -> bool:
    after = s[i + width] if i + width < len(s) else ""
    if not after or after.isspace():
        return False
    return not (ch == "_" and i > 0 and s[i - 1].isalnum())


def _closes(s: str, i: int, stop: str) -> bool:
    if not s.startswith(stop, i):
        return False
    if stop == "]":
        return True
    if i == 0 or s[i - 1].isspace():
        return False
    after = s[i + len(stop)] if i + len(stop) < len(s) else ""
    return not (stop[0] == "_" and after.isalnum())


def _code_span(s: str, i: int) -> tuple[str | None, int]:
    run = 0
    while i + run < len(s) and s[i + run] == "`":
        run += 1
    j = i + run
    while True:
        j = s.find("`" * run, j)
        if j < 0:
            return None, i + run
        end = j + run
        if end < len(s) and s[end] == "`":
            while end < len(s) and s[end] == "`":
                end += 1
            j = end
            continue
        body = s[i + run : j]
        if len(body) >= 2 and body[0] == " " and body[-1] == " " and body.strip(" "):
            body = body[1:-1]
        return body, end


def _link_dest(s: str, i: int) -> tuple[str | None, int]:
    """Parse "(url)" or "(<url>)" at s[i] == "("."""
    if i >= len(s) or s[i] != "(":
        return None, i
    j = i + 1
    if j < len(s) and s[j] == "<":
        k = s.find(">", j + 1)
        if k < 0 or k + 1 >= len(s) or s[k + 1] != ")" or "<" in s[j + 1 : k]:
            return None, i
        return s[j + 1 : k], k + 2
    depth = 0
    buf = []
    while j < len(s):
        ch = s[j]
        if ch == "\\" and j + 1 < len(s) and s[j + 1] in _ASCII_PUNCT:
            buf.append(s[j + 1])
            j += 2
            continue
        if ch.isspace():
            return None, i
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return "".join(buf), j + 1
            depth -= 1
        buf.append(ch)
        j += 1
    return None, i


def _add_text(nodes: list, text: str) -> None:
    if nodes and nodes[-1][0] == "text":
        nodes[-1] = ("text", nodes[-1][1] + text)
    else:
        nodes.append(("text", text))


def _seq(s: str, i: int, stop: str | None, in_link: bool) -> tuple[list, int | None]:
    """Parse inline nodes from s[i] up to the closing `stop` (None: to the end)."""
    nodes: list = []
    n = len(s)
    while i < n:
        if stop is not None and nodes and _closes(s, i, stop):
            return nodes, i + len(stop)
        if stop == "]" and s[i] == "]":
            return nodes, i + 1
        ch = s[i]
        if ch == "\\" and i + 1 < n and s[i + 1] in _ASCII_PUNCT:
            _add_text(nodes, s[i + 1])
            i += 2
        elif ch == "`":
            body, end = _code_span(s, i)
            if body is None:
                _add_text(nodes, s[i:end])
            else:
                nodes.append(("code", body))
            i = end
        elif ch == "[" and not in_link:
            kids, j = _seq(s, i + 1, "]", True)
            url, k = _link_dest(s, j) if j is not None else (None, i)
            if url is not None and kids:
                nodes.append(("link", kids, url))
                i = k
            else:
                _add_text(nodes, "[")
                i += 1
        elif ch in "*_":
            if s.startswith(ch * 2, i) and _can_open(s, i, 2, ch):
                kids, j = _seq(s, i + 2, ch * 2, in_link)
                if j is not None:
                    nodes.append(("strong", kids))
                    i = j
                    continue
            if _can_open(s, i, 1, ch):
                kids, j = _seq(s, i + 1, ch, in_link)
                if j is not None:
                    nodes.append(("em", kids))
                    i = j
                    continue
            _add_text(nodes, ch)
            i += 1
        else:
            m = _SPECIAL_RE.search(s, i + 1)
            end = m.start() if m else n
            _add_text(nodes, s[i:end])
            i = end
    return nodes, (None if stop is not None else i)


def _tree_to_items(nodes: Iterable, spans: list[InlineSpan], counters: dict[str, int]) -> list:
    items: list[tuple[str, str]] = []
    for node in nodes:
        kind = node[0]
        if kind == "text" or kind == "bad":
            items.append(("text", node[1]))
        elif kind == "code":
            counters["c"] += 1
            tag = f"c{counters['c']}"
            spans.append(InlineSpan(tag, "code", node[1]))
            items.append(("tag", f"<{tag}/>"))
        else:
            if kind == "link":
                counters["a"] += 1
                tag = f"a{counters['a']}"
                spans.append(InlineSpan(tag, "link", node[2]))
            else:
                tag = "b" if kind == "strong" else "i"
                spans.append(InlineSpan(tag, kind))
            items.append(("tag", f"<{tag}>"))
            items.extend(_tree_to_items(node[1], spans, counters))
            items.append(("tag", f"</{tag}>"))
    return items


def parse_inline(markdown: str) -> tuple[str, tuple[InlineSpan, ...]]:
    """Markdown inline text -> (placeholder text, spans)."""
    nodes, _ = _seq(markdown, 0, None, False)
    spans: list[InlineSpan] = []
    items = _tree_to_items(nodes, spans, {"a": 0, "c": 0})
    return encode_items(items), tuple(spans)


# ---------------------------------------------------------------- blocks

_HEADING_RE = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING_HASHES_RE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_QUOTE_RE = re.compile(r" {0,3}>")
_FENCE_RE = re.compile(r" {0,3}(?:`{3,}(?!.*`)|~{3,})")


def _quote_content(line: str) -> tuple[int, str]:
    depth = 0
    rest = line
    while True:
        m = _QUOTE_RE.match(rest)
        if not m:
            return depth, rest
        depth += 1
        rest = rest[m.end() :]
        if rest[:1] in (" ", "\t"):
            rest = rest[1:]


def _starts_block(line: str, in_paragraph: bool) -> bool:
    if _HEADING_RE.match(line) or _QUOTE_RE.match(line) or _FENCE_RE.match(line):
        return True
    m = ITEM_RE.match(line)
    if not m or not m.group(3):
        return False
    marker = m.group(2)
    return not in_paragraph or not marker[0].isdigit() or marker[:-1] == "1"


def _make(kind: str, lines: list[str], line: int, level: int = 0, marker: str = "") -> Block:
    text, spans = parse_inline(" ".join(part.strip() for part in lines).strip())
    return Block(kind=kind, text=text, line=line, spans=spans, level=level, marker=marker)


def parse_body(body: str, first_line: int = 1, path: str | None = None) -> list[Block]:
    """Parse a Markdown body into blocks; `first_line` is the body's first line in the file."""
    lines = body.splitlines()
    blocks: list[Block] = []
    indents: list[int] = []  # indentation of the open list levels
    i = 0
    while i < len(lines):
        line = lines[i]
        lineno = first_line + i
        if not line.strip():
            i += 1
            continue
        if _FENCE_RE.match(line):
            raise SourceError("fenced code blocks are not supported", path, lineno)
        if RULE_RE.match(line):
            raise SourceError("thematic breaks (---, ***) are not supported", path, lineno)
        heading = _HEADING_RE.match(line)
        if heading:
            content = _CLOSING_HASHES_RE.sub("", heading.group(2) or "")
            level = len(heading.group(1))
            blocks.append(_make("heading", [content], lineno, level, heading.group(1)))
            indents = []
            i += 1
            continue
        if _QUOTE_RE.match(line):
            depth, content = _quote_content(line)
            para = [content] if content.strip() else []
            start = lineno
            i += 1
            while i < len(lines) and lines[i].strip():
                nxt = lines[i]
                if _QUOTE_RE.match(nxt):
                    d2, c2 = _quote_content(nxt)
                    if not c2.strip() or d2 != depth:
                        if para:
                            blocks.append(_make("quote", para, start, depth, ">"))
                        para, depth, start = ([c2] if c2.strip() else []), d2, first_line + i
                    else:
                        if not para:
                            start = first_line + i
                        para.append(c2)
                elif _starts_block(nxt, True):
                    break
                else:
                    para.append(nxt)
                i += 1
            if para:
                blocks.append(_make("quote", para, start, depth, ">"))
            indents = []
            continue
        item = ITEM_RE.match(line)
        if item and item.group(3):
            indent = len(item.group(1))
            while indents and indents[-1] > indent:
                indents.pop()
            if not indents or indents[-1] < indent:
                indents.append(indent)
            para = [item.group(3)]
            i += 1
            while i < len(lines) and lines[i].strip() and not _starts_block(lines[i], False):
                para.append(lines[i])
                i += 1
            blocks.append(_make("list-item", para, lineno, len(indents) - 1, item.group(2)))
            continue
        para = [line]
        indents = []
        i += 1
        while i < len(lines) and lines[i].strip() and not _starts_block(lines[i], True):
            if RULE_RE.match(lines[i]):
                break
            para.append(lines[i])
            i += 1
        kind = "paragraph" if any(b.kind == "lead" for b in blocks) else "lead"
        blocks.append(_make(kind, para, lineno))
    return blocks

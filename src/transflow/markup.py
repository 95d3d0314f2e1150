"""Markdown article bodies <-> blocks whose text carries inline markup as placeholders.

Supported Markdown (a small, exact subset for news bodies): ATX headings (``#`` .. ``######``),
paragraphs (wrapped lines are joined with single spaces), block quotes (``>``; every paragraph of a
quote is one block, nesting in ``level``), list items (``-``, ``*``, ``+``, ``1.``, ``1)``; nesting
by indentation in ``level``). The first paragraph of a body is the "lead". Inline: ``**x**`` and
``__x__`` (strong), ``*x*`` and ``_x_`` (emphasis), ``[x](url)`` (link), ```x``` (code) and
backslash escapes of ASCII punctuation. Fenced code blocks and thematic breaks are rejected.

Placeholders in a block text (the msgid the translator sees)::

    <b>x</b>    strong            <i>x</i>    emphasis
    <a1>x</a1>  first link        <c1/>       first code span (its text is kept in the span)

Escaping scheme of the placeholder text (reversible, documented here once):

* A placeholder token is anything matching ``<``, optional ``/``, a letter, letters/digits,
  optional ``/``, ``>`` (so ``<b>``, ``</a1>``, ``<c1/>``, but also an unknown ``<x>``).
* A literal ``<`` that would read as such a token is written ``\\<``; any other ``<`` stays as is
  (``a < b``, ``<3``, ``<<`` need no escape).
* A literal backslash is written ``\\\\`` when the next character of the written text is ``\\``
  or ``<``; everywhere else it stays a single ``\\``.
* ``&`` is always literal text (the msgid is not HTML): ``&amp;`` in a msgid is 5 characters.

Decoding reads ``\\\\`` as ``\\``, ``\\<`` as ``<`` and a lone ``\\`` as itself.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from transflow.errors import SourceError
from transflow.model import Block, InlineSpan

__all__ = [
    "parse_body",
    "parse_inline",
    "placeholders",
    "strip_placeholders",
    "to_html",
    "to_markdown",
    "blocks_to_markdown",
    "render_inline",
]

TOKEN_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(/?)>")
_DECODE_RE = re.compile(r"\\[\\<]|<(/?)([A-Za-z][A-Za-z0-9]*)(/?)>")
_LT_TOKEN_RE = re.compile(r"<(?=/?[A-Za-z][A-Za-z0-9]*/?>)")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SPECIAL_RE = re.compile(r"[\\`\[\]*_]")
_HTMLISH_RE = re.compile(r"<[A-Za-z/!?]")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")

# Node shapes of the inline tree: ("text", s) ("code", s) ("strong", kids) ("em", kids)
# ("link", kids, url) ("bad", token) -- "bad" only when reading untrusted placeholder text.
Node = tuple


# ---------------------------------------------------------------- placeholder text


def _decode(text: str) -> list[tuple[str, str]]:
    """Split placeholder text into ("text", literal) and ("tag", token) items."""
    items: list[tuple[str, str]] = []
    buf: list[str] = []
    pos = 0
    for m in _DECODE_RE.finditer(text):
        buf.append(text[pos : m.start()])
        tok = m.group(0)
        if tok[0] == "\\":
            buf.append(tok[1])
        else:
            if buf:
                items.append(("text", "".join(buf)))
                buf = []
            items.append(("tag", tok))
        pos = m.end()
    buf.append(text[pos:])
    lit = "".join(buf)
    if lit:
        items.append(("text", lit))
    return [it for it in items if it[1]]


def _encode_literal(s: str, next_char: str) -> str:
    """Escape one literal run; `next_char` is the first written character after it."""
    out = []
    for i, ch in enumerate(s):
        if ch == "\\":
            nxt = s[i + 1] if i + 1 < len(s) else next_char
            out.append("\\\\" if nxt in ("\\", "<") and nxt else "\\")
        elif ch == "<" and _LT_TOKEN_RE.match(s, i):
            out.append("\\<")
        else:
            out.append(ch)
    return "".join(out)


def _encode(items: Sequence[tuple[str, str]]) -> str:
    """Write ("text"/"tag", value) items as placeholder text (inverse of _decode)."""
    merged: list[tuple[str, str]] = []
    for kind, val in items:
        if kind == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + val)
        elif val:
            merged.append((kind, val))
    out = []
    for idx, (kind, val) in enumerate(merged):
        if kind == "tag":
            out.append(val)
            continue
        nxt = merged[idx + 1][1][0] if idx + 1 < len(merged) else ""
        if "\\" in val or "<" in val:
            val = _encode_literal(val, nxt)
        out.append(val)
    return "".join(out)


def placeholders(text: str) -> list[str]:
    """The placeholder tokens of a block text, in order (unknown tokens included)."""
    return [val for kind, val in _decode(text) if kind == "tag"]


def strip_placeholders(text: str) -> str:
    """Plain text for MT, language identification and word counts (placeholders dropped)."""
    return "".join(val for kind, val in _decode(text) if kind == "text")


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
    return _encode(items), tuple(spans)


# ---------------------------------------------------------------- placeholder text -> tree


def _tree(text: str, spans: Iterable[InlineSpan]) -> list:
    """Read (untrusted) placeholder text into a tree; bad tokens become ("bad", token) nodes."""
    by_tag = {sp.tag: sp for sp in spans}
    items = _decode(text)
    pair: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    for idx, (kind, val) in enumerate(items):
        if kind != "tag":
            continue
        m = TOKEN_RE.fullmatch(val)
        closing, name, selfclose = m.group(1), m.group(2), m.group(3)
        span = by_tag.get(name)
        if selfclose and not closing:
            if span is not None and span.kind == "code":
                pair[idx] = idx
            continue
        if closing and selfclose:
            continue
        paired = name in ("b", "i") or (span is not None and span.kind == "link")
        if not paired:
            continue
        if not closing:
            stack.append((name, idx))
        elif stack and stack[-1][0] == name:
            _, start = stack.pop()
            pair[start] = idx
            pair[idx] = start
    return _build(items, 0, len(items), pair, by_tag)


def _build(items: list, lo: int, hi: int, pair: dict[int, int], by_tag: dict) -> list:
    nodes: list = []
    idx = lo
    while idx < hi:
        kind, val = items[idx]
        if kind == "text":
            nodes.append(("text", val))
            idx += 1
            continue
        other = pair.get(idx)
        name = TOKEN_RE.fullmatch(val).group(2)
        if other is None or other < idx:
            nodes.append(("bad", val))
        elif other == idx:
            nodes.append(("code", by_tag[name].target))
        else:
            kids = _build(items, idx + 1, other, pair, by_tag)
            if name == "b":
                nodes.append(("strong", kids))
            elif name == "i":
                nodes.append(("em", kids))
            else:
                nodes.append(("link", kids, by_tag[name].target))
            idx = other
        idx += 1
    return nodes


def _safe_url(url: str) -> bool:
    low = url.strip().lower()
    return low.startswith(_SAFE_SCHEMES) and not any(ord(c) < 32 for c in url)


def _html(nodes: Iterable) -> str:
    out = []
    for node in nodes:
        kind = node[0]
        if kind in ("text", "bad"):
            out.append(html.escape(node[1]))
        elif kind == "code":
            out.append(f"<code>{html.escape(node[1])}</code>")
        elif kind == "strong":
            out.append(f"<strong>{_html(node[1])}</strong>")
        elif kind == "em":
            out.append(f"<em>{_html(node[1])}</em>")
        elif _safe_url(node[2]):
            out.append(f'<a href="{html.escape(node[2].strip(), quote=True)}">{_html(node[1])}</a>')
        else:
            out.append(_html(node[1]))
    return "".join(out)


def to_html(text: str, spans: Iterable[InlineSpan]) -> str:
    """Placeholder text (untrusted) -> safe, well-formed HTML; bad tokens shown escaped."""
    return _html(_tree(text, spans))


def render_inline(text: str, spans: Iterable[InlineSpan]) -> str:
    """Alias of to_html, for templates."""
    return to_html(text, spans)


# ---------------------------------------------------------------- tree -> Markdown


def _md_escape_text(s: str) -> str:
    out = []
    for i, ch in enumerate(s):
        if ch in "*_`[]" or (ch == "<" and _HTMLISH_RE.match(s, i)):
            out.append("\\" + ch)
        elif ch == "\\":
            nxt = s[i + 1] if i + 1 < len(s) else ""
            out.append("\\\\" if (not nxt or nxt in _ASCII_PUNCT) else "\\")
        else:
            out.append(ch)
    return "".join(out)


def _md_code(body: str) -> str:
    longest = run = 0
    for ch in body:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = body.startswith("`") or body.endswith("`")
    pad = pad or (len(body) >= 2 and body[0] == " " and body[-1] == " " and bool(body.strip(" ")))
    return f"{fence} {body} {fence}" if pad else f"{fence}{body}{fence}"


def _md_url(url: str) -> str:
    depth = 0
    balanced = True
    for ch in url:
        depth += (ch == "(") - (ch == ")")
        balanced = balanced and depth >= 0
    if url and not any(c.isspace() or c in "<>" for c in url) and balanced and depth == 0:
        return url.replace("\\", "\\\\")
    return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"


def _md(nodes: Sequence) -> str:
    out = []
    for pos, node in enumerate(nodes):
        kind = node[0]
        if kind in ("text", "bad"):
            out.append(_md_escape_text(node[1]))
        elif kind == "code":
            out.append(_md_code(node[1]))
        elif kind == "link":
            out.append(f"[{_md(node[1])}]({_md_url(node[2])})")
        else:
            inner = _md(node[1])
            if not inner.strip():
                out.append(inner)
                continue
            lead = len(inner) - len(inner.lstrip())
            trail = len(inner) - len(inner.rstrip())
            core = inner.strip()
            if kind == "strong":
                delim = "**"
            else:
                prev = out[-1][-1:] if out else ""
                nxt = nodes[pos + 1] if pos + 1 < len(nodes) else None
                nested = core.startswith("*") or core.endswith("*")
                wordy = prev.isalnum() or (nxt is not None and _md([nxt])[:1].isalnum())
                delim = "_" if nested and not wordy else "*"
            out.append(inner[:lead] + delim + core + delim + inner[len(inner) - trail :])
    return "".join(out)


def to_markdown(text: str, spans: Iterable[InlineSpan]) -> str:
    """Placeholder text -> Markdown inline syntax (bad tokens become literal text)."""
    return _md(_tree(text, spans))


# ---------------------------------------------------------------- blocks

_HEADING_RE = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING_HASHES_RE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_QUOTE_RE = re.compile(r" {0,3}>")
_ITEM_RE = re.compile(r"( *)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|[ \t]*$)")
_FENCE_RE = re.compile(r" {0,3}(?:`{3,}(?!.*`)|~{3,})")
_RULE_RE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TRAILING_HASHES_RE = re.compile(r"(?:^|\s)(#+)$")
_LEAD_ESCAPE_RE = re.compile(r"([#>+\-]|~(?=~~)|\d{1,9}(?=[.)]))")


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
    m = _ITEM_RE.match(line)
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
        if _RULE_RE.match(line):
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
        item = _ITEM_RE.match(line)
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
            if _RULE_RE.match(lines[i]):
                break
            para.append(lines[i])
            i += 1
        kind = "paragraph" if any(b.kind == "lead" for b in blocks) else "lead"
        blocks.append(_make(kind, para, lineno))
    return blocks


def blocks_to_markdown(blocks: Iterable[Block]) -> str:
    """Write blocks back as a canonical Markdown body (one line per block, blank line between)."""
    out: list[str] = []
    indents: list[str] = [""]  # written indentation per list level
    for block in blocks:
        md = _inline_block_md(block)
        if block.kind == "heading":
            level = min(max(block.level, 1), 6)
            closing = _TRAILING_HASHES_RE.search(md)
            if closing:
                md = md[: closing.start(1)] + "\\" + md[closing.start(1) :]
            out.append("#" * level + (" " + md if md else ""))
            indents = [""]
        elif block.kind == "quote":
            out.append("> " * max(block.level, 1) + md)
            indents = [""]
        elif block.kind == "list-item":
            marker = block.marker if _ITEM_RE.fullmatch(block.marker + " x") else "-"
            level = max(block.level, 0)
            while len(indents) <= level:
                indents.append(indents[-1] if indents else "")
            prefix = indents[level]
            out.append(prefix + marker + " " + md)
            indents = indents[: level + 1] + [prefix + " " * (len(marker) + 1)]
        else:
            out.append(md)
            indents = [""]
    return "\n\n".join(out) + "\n" if out else ""


def _inline_block_md(block: Block) -> str:
    """A block's text as one Markdown line, escaped so it cannot start another block kind."""
    md = to_markdown(block.text, block.spans)
    md = " ".join(md.splitlines()).strip()
    m = _LEAD_ESCAPE_RE.match(md)
    if m:
        md = md[: m.end()] + "\\" + md[m.end() :] if md[0].isdigit() else "\\" + md
    return md

"""Block texts with inline markup as placeholders: the escape scheme, HTML and Markdown writing.

transflow's Markdown is a small, exact subset for news bodies; `transflow.source.markdown` reads it
(`parse_body`, `parse_inline`) and this module writes it back. Inline syntax:
``**x**`` and ``__x__`` (strong), ``*x*`` and ``_x_`` (emphasis), ``[x](url)`` (link), ```x```
(code) and backslash escapes of ASCII punctuation.

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

Decoding reads ``\\\\`` as ``\\``, ``\\<`` as ``<`` and a lone ``\\`` as itself. Everything
that reads placeholder text (rendering, QA, MT, word counts) goes through `decode_items`,
`placeholders` or `strip_placeholders`, so all of them agree on what is a token.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from transflow.source.model import Block, InlineSpan

__all__ = [
    "placeholders",
    "strip_placeholders",
    "to_html",
    "to_markdown",
    "blocks_to_markdown",
    "decode_items",
    "encode_items",
    "TOKEN_RE",
]

#: One placeholder token; groups: closing "/", name, self-closing "/".
TOKEN_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(/?)>")
_DECODE_RE = re.compile(r"\\[\\<]|<(/?)([A-Za-z][A-Za-z0-9]*)(/?)>")
_LT_TOKEN_RE = re.compile(r"<(?=/?[A-Za-z][A-Za-z0-9]*/?>)")
_MD_INLINE_RE = re.compile(r"([\\`*_\[\]<])")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")

# Block syntax shared by the reader (mdparse) and the writer (blocks_to_markdown), which must
# escape what would read as another block kind.
#: A list item line; groups: indentation, marker, content.
ITEM_RE = re.compile(r"( *)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|[ \t]*$)")
#: A thematic break (rejected by the reader).
RULE_RE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")

# Node shapes of the inline tree: ("text", s) ("code", s) ("strong", kids) ("em", kids)
# ("link", kids, url) ("bad", token) -- "bad" only when reading untrusted placeholder text.
Node = tuple


# ---------------------------------------------------------------- placeholder text


def decode_items(text: str) -> list[tuple[str, str]]:
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


def encode_items(items: Sequence[tuple[str, str]]) -> str:
    """Write ("text"/"tag", value) items as placeholder text (inverse of decode_items)."""
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
    if "<" not in text:
        return []
    return [val for kind, val in decode_items(text) if kind == "tag"]


def strip_placeholders(text: str, sep: str = "") -> str:
    """Plain text for MT, language identification and word counts (placeholders dropped).

    Each placeholder is replaced by `sep` ("" joins the text around it); escapes are decoded.
    """
    if "<" not in text and "\\" not in text:
        return text
    return "".join(val if kind == "text" else sep for kind, val in decode_items(text))


# ---------------------------------------------------------------- placeholder text -> tree


def _tree(text: str, spans: Iterable[InlineSpan]) -> list:
    """Read (untrusted) placeholder text into a tree; bad tokens become ("bad", token) nodes."""
    by_tag = {sp.tag: sp for sp in spans}
    items = decode_items(text)
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


def _plain(nodes: Iterable) -> str:
    out = []
    for node in nodes:
        if node[0] in ("text", "bad", "code"):
            out.append(node[1])
        else:
            out.append(_plain(node[1]))
    return "".join(out)


def to_text(text: str, spans: Iterable[InlineSpan]) -> str:
    """Placeholder text (untrusted) -> plain text for titles, feeds and JSON.

    Good placeholders vanish and code spans give their text; a bad or unknown token stays as
    the literal text it is (the caller escapes it), exactly as to_html shows it.
    """
    return _plain(_tree(text, spans))


# ---------------------------------------------------------------- tree -> Markdown


def _md_escape_text(s: str) -> str:
    return _MD_INLINE_RE.sub(r"\\\1", s)


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


# ---------------------------------------------------------------- blocks -> Markdown

_TRAILING_HASHES_RE = re.compile(r"(?:^|\s)(#+)$")
_LEAD_ESCAPE_RE = re.compile(
    r"#{1,6}(?=\s|$)|>|[-+*](?=\s)|\d{1,9}[.)](?=\s)|={3,}|-{3,}|_{3,}|~{3,}"
)


def blocks_to_markdown(blocks: Iterable[Block]) -> str:
    """Write blocks as a canonical Markdown body.

    One line per block, a blank line between blocks, except between list items (a tight list).
    """
    out: list[str] = []
    items: list[bool] = []
    indents: list[str] = [""]  # written indentation per list level
    for block in blocks:
        md = _inline_block_md(block)
        items.append(block.kind == "list-item")
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
            marker = block.marker if ITEM_RE.fullmatch(block.marker + " x") else "-"
            level = max(block.level, 0)
            while len(indents) <= level:
                indents.append(indents[-1] if indents else "")
            prefix = indents[level]
            out.append(prefix + marker + " " + md)
            indents = indents[: level + 1] + [prefix + " " * (len(marker) + 1)]
        else:
            out.append(md)
            indents = [""]
    if not out:
        return ""
    parts = [out[0]]
    for idx in range(1, len(out)):
        parts.append("\n" if items[idx - 1] and items[idx] else "\n\n")
        parts.append(out[idx])
    return "".join(parts) + "\n"


def _inline_block_md(block: Block) -> str:
    """A block's text as one Markdown line, escaped so it cannot start another block kind."""
    md = to_markdown(block.text, block.spans)
    md = " ".join(md.splitlines()).strip()
    m = _LEAD_ESCAPE_RE.match(md)
    if m or RULE_RE.match(md):
        cut = m.end() - 1 if m and md[0].isdigit() else 0
        md = md[:cut] + "\\" + md[cut:]
    return md

"""PO/POT syntax: a strict parser and a writer whose output is byte-identical to GNU msgcat 0.21.

Decisions (where gettext leaves a choice):
- Only UTF-8 is accepted (a header charset other than UTF-8, or the POT placeholder CHARSET,
  is an error; bytes that are not UTF-8 are an error naming the line).
- A UTF-8 byte order mark is accepted and ignored; the writer never writes one (msgcat rejects
  a BOM with a syntax error).
- CRLF input is accepted; output uses LF, like msgcat.
- Flags are normalized as msgcat normalizes them: fuzzy first, then the format flags in gettext's
  order, range, no-wrap; unknown flags are dropped (msgcat drops them too), and "fuzzy" is not
  written on an entry whose msgstr is empty.
- Obsolete entries are written after the active ones; obsolete entries with an empty msgstr are
  dropped (both as msgcat does).
"""

from __future__ import annotations

from pathlib import Path

from transflow.errors import CatalogError
from transflow.fsutil import decode_utf8, write_if_changed
from transflow.po.canonical import normalize_flags, normalize_reference
from transflow.po.catalog import Catalog, Message
from transflow.po.parse import parse
from transflow.po.wrap import wrap_field

PAGE_WIDTH = 79


def _normalize_references(refs: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for ref in refs:
        seen.setdefault(normalize_reference(ref), None)
    return list(seen)


# ---------------------------------------------------------------------------------------------
# Writing


def _comment_lines(mark: str, comments: list[str]) -> list[str]:
    out = []
    for comment in comments:
        for line in comment.split("\n"):
            out.append(f"{mark} {line}" if line else mark)
    return out


def _reference_lines(refs: list[str], page_width: int) -> list[str]:
    if not refs:
        return []
    lines: list[str] = []
    current = "#:"
    column = 2
    for ref in _normalize_references(refs):
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > page_width:
            lines.append(current)
            current = "#:"
            column = 2
        current += " " + ref
        column += size
    lines.append(current)
    return lines


def _first_msgstr(msg: Message) -> str:
    if msg.msgid_plural is not None:
        return msg.msgstr_plural.get(0, "")
    return msg.msgstr


def format_message(msg: Message, page_width: int = PAGE_WIDTH) -> list[str]:
    """The lines msgcat writes for one entry (without the separating blank line)."""
    lines = _comment_lines("#", msg.translator_comments)
    lines += _comment_lines("#.", msg.extracted_comments)
    lines += _reference_lines(msg.references, page_width)
    flags = normalize_flags(msg.flags)
    if flags and flags[0] == "fuzzy" and not _first_msgstr(msg):
        flags = flags[1:]
    if flags:
        lines.append("#, " + ", ".join(flags))
    wrap = "no-wrap" not in flags
    obs = "#~ " if msg.obsolete else ""
    prev = "#~| " if msg.obsolete else "#| "
    for name, value in (
        ("msgctxt", msg.previous_msgctxt),
        ("msgid", msg.previous_msgid),
        ("msgid_plural", msg.previous_msgid_plural),
    ):
        if value is not None:
            lines += wrap_field(name, value, prev, page_width, wrap)
    if msg.msgctxt is not None:
        lines += wrap_field("msgctxt", msg.msgctxt, obs, page_width, wrap)
    lines += wrap_field("msgid", msg.msgid, obs, page_width, wrap)
    if msg.msgid_plural is None:
        lines += wrap_field("msgstr", msg.msgstr, obs, page_width, wrap)
    else:
        lines += wrap_field("msgid_plural", msg.msgid_plural, obs, page_width, wrap)
        forms = msg.msgstr_plural or {0: ""}
        for index in range(max(forms) + 1):
            lines += wrap_field(f"msgstr[{index}]", forms.get(index, ""), obs, page_width, wrap)
    return lines


def _has_header(catalog: Catalog) -> bool:
    head = catalog.header
    return bool(
        head.msgstr or head.translator_comments or head.extracted_comments or head.references
    ) or bool(head.flags)


def format_po(catalog: Catalog, page_width: int = PAGE_WIDTH) -> str:
    """The catalog as PO text, exactly as `msgcat` (gettext 0.21, width 79) writes it."""
    blocks: list[list[str]] = []
    if _has_header(catalog):
        blocks.append(format_message(catalog.header, page_width))
    blocks += [format_message(m, page_width) for m in catalog.messages if not m.obsolete]
    blocks += [
        format_message(m, page_width) for m in catalog.messages if m.obsolete and _first_msgstr(m)
    ]
    return "\n".join("\n".join(block) + "\n" for block in blocks)


def write_po(path: str | Path, catalog: Catalog) -> bool:
    """Write the catalog atomically unless the file already holds the same text; True if written."""
    return write_if_changed(path, format_po(catalog))


# ---------------------------------------------------------------------------------------------
# Reading (the parser lives in po.parse to keep modules small)


def parse_po(text: str, path: str = "<string>") -> Catalog:
    """Parse PO/POT text into a Catalog; raise CatalogError(message, path, line) on bad input."""
    return parse(text, path)


def parse_po_bytes(raw: bytes, path: str | Path) -> Catalog:
    """Parse the bytes of a PO/POT file (UTF-8 only); errors name the file and line."""
    catalog = parse_po(decode_utf8(raw, path, CatalogError), str(path))
    catalog.path = str(path)
    return catalog


def read_po(path: str | Path) -> Catalog:
    """Read and parse a PO/POT file (UTF-8 only); errors name the file and line."""
    return parse_po_bytes(Path(path).read_bytes(), path)

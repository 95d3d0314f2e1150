"""Questions about a PO file answered from its bytes, without a parse (to skip needless work)."""

from __future__ import annotations

import re

#: a msgstr with text on its line or a continuation line after it (the header has one)
_FILLED_MSGSTR = re.compile(rb'^msgstr(?:\[\d+\])? "(?:[^"]|"\r?\n")', re.MULTILINE)
_HEADER = re.compile(rb'^msgid ""\r?\nmsgstr ""\r?\n"', re.MULTILINE)
#: an entry whose msgstr is empty (no continuation line follows): translate will fill it
_EMPTY_MSGSTR = re.compile(rb'^msgstr ""(?:\r?\n(?!")|\Z)', re.MULTILINE)


def has_translations(data: bytes) -> bool:
    """True when a PO file's bytes hold a filled msgstr besides the header's (if it has one)."""
    found = _FILLED_MSGSTR.finditer(data)
    need = 2 if _HEADER.search(data) else 1
    return all(next(found, None) is not None for _ in range(need))


def has_empty_msgstr(data: bytes) -> bool:
    """True when some entry of the PO file has an empty msgstr."""
    return _EMPTY_MSGSTR.search(data) is not None

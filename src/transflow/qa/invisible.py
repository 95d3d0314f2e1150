"""Invisible characters: zero-width and bidi controls that differ from the source, overrides."""

from __future__ import annotations

import re
from collections import Counter

from transflow.qa.base import ERROR, WARNING, Check, Unit

#: characters that take no space but change how text joins, breaks or runs (name by code point)
INVISIBLE = {
    "\u00ad": "SOFT HYPHEN",
    "\u061c": "ARABIC LETTER MARK",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2060": "WORD JOINER",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)",
}
#: overrides reverse how the following text is shown: what a reader sees is not what is stored
OVERRIDES = ("\u202d", "\u202e")
_INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE) + "]")


def _describe(counts: Counter[str]) -> str:
    if not counts:
        return "none"
    return ", ".join(
        f"U+{ord(ch):04X} {INVISIBLE[ch]}" + (f" x{n}" if n > 1 else "")
        for ch, n in sorted(counts.items())
    )


class InvisibleCharacters(Check):
    """The translation's zero-width and bidi control characters differ from the source's."""

    check_id = "invisible"
    name = "Invisible characters"
    description = (
        "The translation holds other zero-width or bidirectional control characters than the "
        "source (a ZWSP, ZWJ, LRM/RLM, an embedding or a BOM added, lost or changed)."
    )
    severity = WARNING

    def check(self, unit: Unit) -> list[str]:
        """Compare the invisible characters of source and translation, as multisets."""
        if _INVISIBLE_RE.search(unit.msgid) is None and _INVISIBLE_RE.search(unit.msgstr) is None:
            return []
        src = Counter(_INVISIBLE_RE.findall(unit.msgid))
        tgt = Counter(_INVISIBLE_RE.findall(unit.msgstr))
        if src == tgt:
            return []
        return [
            f"invisible characters differ: source has {_describe(src)}; "
            f"translation has {_describe(tgt)}"
        ]


class BidiOverride(Check):
    """The translation holds a bidi override (LRO/RLO), which shows text other than it stores."""

    check_id = "bidi-override"
    name = "Bidi override"
    description = (
        "The translation holds U+202D LEFT-TO-RIGHT OVERRIDE or U+202E RIGHT-TO-LEFT OVERRIDE: "
        "readers would see the text reordered (a spoofing trick); no news text needs one."
    )
    severity = ERROR

    def check(self, unit: Unit) -> list[str]:
        """Report each override character in the translation."""
        return [
            f"U+{ord(ch):04X} {INVISIBLE[ch]} in the translation"
            for ch in OVERRIDES
            if ch in unit.msgstr
        ]

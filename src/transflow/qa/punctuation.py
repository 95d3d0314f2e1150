"""Punctuation checks: balanced brackets and quotes, quote style, ending punctuation."""

from __future__ import annotations

import re
from functools import lru_cache

from transflow.qa.base import CYRILLIC_LANGS, ERROR, WARNING, Check, Unit, strip_markup
from transflow.source.markup import strip_placeholders

_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))


def _bracket_imbalance(text: str) -> dict[str, int]:
    return {o: text.count(o) - text.count(c) for o, c in _BRACKETS}


def _quote_imbalance(text: str) -> int:
    """How many quotes are left unpaired, whatever the style (’ and ' are apostrophes).

    Guillemets pair by direction; the curly double quotes pair as „“, „” or “” so only their
    count's parity tells; straight double quotes likewise.
    """
    curly = text.count("„") + text.count("“") + text.count("”")
    return abs(text.count("«") - text.count("»")) + curly % 2 + text.count('"') % 2


def _clean(text: str) -> str:
    return strip_markup(text)


class Brackets(Check):
    """Brackets or quotes are unbalanced in the translation but not in the source."""

    check_id = "brackets"
    name = "Unbalanced brackets and quotes"
    description = "An opening bracket or quote lacks its closing one (or the reverse)."
    severity = ERROR

    def check(self, unit: Unit) -> list[str]:
        """Compare each text's imbalance (a quote split across segments stays allowed)."""
        src, tgt = _clean(unit.msgid), _clean(unit.msgstr)
        out = []
        sb, tb = _bracket_imbalance(src), _bracket_imbalance(tgt)
        for opener, closer in _BRACKETS:
            if sb[opener] != tb[opener]:
                out.append(f"unbalanced brackets {opener}{closer} in translation")
        if _quote_imbalance(src) != _quote_imbalance(tgt):
            out.append("unbalanced quotation marks in translation")
        return out


class QuoteStyle(Check):
    """The translation uses quotation marks foreign to its language."""

    check_id = "quote-style"
    name = "Quotation mark style"
    description = 'be/ru use «…» („…“ inside); en uses “…” or "…".'
    severity = WARNING

    def check(self, unit: Unit) -> list[str]:
        """Report straight or English quotes in be/ru/uk, and «» or „ in English."""
        text = _clean(unit.msgstr)
        if unit.tgt_lang in CYRILLIC_LANGS:
            bad = [ch for ch in ('"', "”") if ch in text]
            if "“" in text and "„" not in text:
                bad.append("“")
            if unit.src_lang in CYRILLIC_LANGS:  # the source's own style kept: not a defect
                bad = [ch for ch in bad if ch not in unit.msgid]
            if bad:
                return [f"quotes {' '.join(bad)} in {unit.tgt_lang}: use «…» („…“ inside)"]
        elif unit.tgt_lang == "en":
            bad = [ch for ch in "«»„" if ch in text]
            if bad:
                return [f'quotes {" ".join(bad)} in English: use “…” or "…"']
        return []


_CLOSERS = "»”“\"')]’"


_ABBREV_END = re.compile(
    r"(?:(?<![^\W\d_])(?:г|гг|ст|тыс|млн|млрд|трлн|руб|долл|см|інш|др|пр|inc|ltd|co|jr|sr|etc)"
    r"|(?<![^\W\d_])(?:[^\W\d_]\.){1,3}[^\W\d_])\.\W*$",
    re.IGNORECASE,
)


_END_CHARS = frozenset(_CLOSERS + ".!?:;…")


@lru_cache(maxsize=65536)
def ending(text: str) -> str:
    """The class of the text's final punctuation: period, question, exclamation, ..."""
    text = strip_placeholders(text).rstrip()
    # the longest tail of whitespace, closers and marks (what _END matches, found from the end)
    start = len(text)
    while start and (text[start - 1] in _END_CHARS or text[start - 1].isspace()):
        start -= 1
    marks = text[start:]
    if "?" in marks:
        return "question"
    if "!" in marks:
        return "exclamation"
    if "…" in marks or "..." in marks:
        return "ellipsis"
    if "." in marks:
        return "period"
    if ":" in marks:
        return "colon"
    if ";" in marks:
        return "semicolon"
    return "none"


class EndPunctuation(Check):
    """The translation ends with different punctuation from the source."""

    check_id = "end-punctuation"
    name = "Ending punctuation"
    description = "Ending punctuation differs (closing quotes around a period do not matter)."
    severity = WARNING

    def check(self, unit: Unit) -> list[str]:
        """Compare the final punctuation class of source and translation."""
        src, tgt = ending(unit.msgid), ending(unit.msgstr)
        if src == tgt:
            return []
        # "in 2021" -> "у 2021 г.": a period that belongs to an abbreviation
        if {src, tgt} == {"period", "none"} and _ABBREV_END.search(
            unit.msgid if src == "period" else unit.msgstr
        ):
            return []
        if src != tgt:
            return [f"source ends with {src}, translation with {tgt}"]
        return []

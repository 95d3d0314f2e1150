"""Language checks: wrong language, foreign (e.g. Russian) words in a translation, mixed scripts."""

from __future__ import annotations

import re

from transflow.qa.base import CYRILLIC_LANGS, ERROR, Check, Unit
from transflow.qa.evidence import (
    _LAT,
    NAMES,
    SUPPORTED,
    base_lang,
    other_language,
)
from transflow.qa.words import verdicts


class WrongLanguage(Check):
    """The translation is in another language than the catalog's (often: the source's)."""

    check_id = "language"
    name = "Wrong language"
    description = "The translation reads as another language (be, ru, uk, en) than expected."
    severity = ERROR

    def check(self, unit: Unit) -> list[str]:
        """Identify the translation's language and compare it with the target language."""
        found = other_language(unit)
        if found is None:
            return []
        tgt = base_lang(unit.tgt_lang)
        return [f"translation is in {NAMES.get(found, found)}, expected {NAMES[tgt]}"]


class ForeignWords(Check):
    """Words that cannot be in the target language, e.g. Russian words left by MT in Belarusian."""

    check_id = "foreign-words"
    name = "Foreign words"
    description = "Words spelled in another alphabet or known to belong to another language."
    severity = ERROR

    def check(self, unit: Unit) -> list[str]:
        """List the translation's words that by spelling or vocabulary are not target-language."""
        tgt = base_lang(unit.tgt_lang)
        if tgt not in SUPPORTED:
            return []
        words = verdicts(unit).impossible
        if not words:
            return []
        return [f"not {NAMES[tgt]}: " + ", ".join(words)]


_LATIN_LOOKALIKE = set("aceiopxyABEHKOPT")  # not I V X C M: Roman numerals
_CYR_LOOKALIKE = set("асеіорхуАВЕНКОРТ")
_MIXED = re.compile(r"[^\W\d_]+")
_CYR = re.compile(r"[\u0400-\u04ff]")


class MixedScript(Check):
    """Latin letters inside a Cyrillic word, or Cyrillic inside a Latin word (look-alikes)."""

    check_id = "mixed-script"
    name = "Mixed scripts"
    description = "A word mixes Cyrillic and Latin letters (e.g. Latin 'o' in a Belarusian word)."
    severity = ERROR

    def check(self, unit: Unit) -> list[str]:
        """Report mixed-script words and lone look-alike letters of the wrong script."""
        text = unit.tgt_plain
        if _CYR.search(text) is None or _LAT.search(text) is None:
            return []  # every finding below needs letters of both scripts
        out = []
        cyr_target = base_lang(unit.tgt_lang) in CYRILLIC_LANGS
        words = _MIXED.findall(text)
        src_words = set(_MIXED.findall(unit.src_plain))
        for i, w in enumerate(words):
            if w in src_words:
                continue
            has_cyr, has_lat = bool(_CYR.search(w)), bool(_LAT.search(w))
            if has_cyr and has_lat:
                out.append(f"mixed Cyrillic and Latin letters in {w!r}")
            elif len(w) == 1 and cyr_target and w in _LATIN_LOOKALIKE and _near(words, i, _CYR):
                out.append(f"Latin letter {w!r} between Cyrillic words")
            elif len(w) == 1 and not cyr_target and w in _CYR_LOOKALIKE and _near(words, i, _LAT):
                out.append(f"Cyrillic letter {w!r} between Latin words")
        return out


def _near(words: list[str], i: int, script: re.Pattern[str]) -> bool:
    """True when both neighbours (where present) are written in `script`."""
    neighbours = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
    return bool(neighbours) and all(script.search(n) for n in neighbours)

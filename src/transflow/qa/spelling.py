"""Spelling check: Russian words in Belarusian text and the reverse, words no lexicon knows."""

from __future__ import annotations

from functools import lru_cache

from transflow.qa.base import ERROR, WARNING, Check, Unit
from transflow.qa.language import base_lang
from transflow.qa.words import OTHER, lexicon_of, prepare, verdicts

NAMES = {"be": "Belarusian", "ru": "Russian", "en": "English"}
#: Suggestions shown with an unknown word.
SUGGESTIONS = 3
_FOREIGN_PREFIX = "word in "
#: Real words that Apertium puts for a source word of another meaning, per (source, target):
#: target word -> (the source word it misreads, its usual meaning, the right rendering).
#: "уже" is "already" far more often than "narrower".
MISREADINGS: dict[tuple[str, str], dict[str, tuple[str, str, str]]] = {
    ("ru", "be"): {"вузей": ("уже", "already", "ужо")},
}


@lru_cache(maxsize=4096)
def _suggestions(lang: str, folder: str, word: str) -> tuple[str, ...]:
    return tuple(lexicon_of(lang, folder, None).suggest(word, SUGGESTIONS))


class Spelling(Check):
    """Words of the other language (error) and words no lexicon knows (warning), be/ru/en."""

    check_id = "spelling"
    name = "Spelling"
    description = (
        "A Russian word in Belarusian text or the reverse (error); a word no dictionary, "
        "Apertium analyser or project word list knows, or an mt-unknown word left (warning)."
    )
    severity = ERROR

    def prepare(self, units: list[Unit], path: str) -> None:
        """Look up the words of a whole catalog in one batch per language."""
        prepare(units, path)

    def severity_of(self, message: str) -> str:
        """Error for a word of the other language, warning for the rest."""
        return ERROR if _FOREIGN_PREFIX in message.split(":", 1)[0] else WARNING

    def check(self, unit: Unit) -> list[str]:
        """One message per reported word of the translation."""
        found = verdicts(unit)
        tgt = base_lang(unit.tgt_lang)
        misread = _misreadings(unit, base_lang(unit.src_lang), tgt)
        if not (found.foreign or found.unknown or found.leftover or misread):
            return []
        out = [f"{NAMES[OTHER[tgt]]} word in {NAMES[tgt]} text: {w}" for w in found.foreign]
        folder = unit.__dict__.get("_words_folder", "")
        for word in found.unknown:
            # Hunspell's suggester takes 30-80 ms a word: drafts, full of unknown words and
            # rewritten anyway, list them without suggestions, so a run stays fast
            hints = () if unit.fuzzy else _suggestions(tgt, folder, word)
            tail = f" (suggestions: {', '.join(hints)})" if hints else ""
            out.append(f"unknown word: {word}{tail}")
        out.extend(f"mt-unknown word left unchanged: {w}" for w in found.leftover)
        return out + misread


def _misreadings(unit: Unit, src: str, tgt: str) -> list[str]:
    """Known misreadings of a source word that the translation holds."""
    table = MISREADINGS.get((src, tgt))
    if not table:
        return []
    out = []
    source_words = {w.lower() for w in unit.src_words}
    for word in dict.fromkeys(unit.tgt_words):
        hit = table.get(word.lower())
        if hit is not None and hit[0] in source_words:
            out.append(f"{word} for {hit[0]}: if it means '{hit[1]}', write {hit[2]}")
    return out

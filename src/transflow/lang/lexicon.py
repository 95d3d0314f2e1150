"""Lexicons of be, ru and en: Hunspell dictionaries, Apertium analysers and project word lists.

A word is known when any source knows it: the Debian Hunspell dictionary of the language, the
Apertium analyser of apertium-bel-rus (be, ru), the project's word list (glossary/words-<lang>.txt)
or the extra words a caller passes (the glossary's terms). On top of the exact lookup:

- a capitalised word is known when its lower-case form is (the start of a sentence);
- an all-capitals word is an abbreviation and accepted, as is a word holding a digit (COVID-19);
- a hyphenated word is known when the whole or every part is (віцэ-прэм'ер);
- ’ and ʼ count as the apostrophe ', stress marks are ignored; in Russian, ё may be written е;
- a word written wholly in another script is not this lexicon's to judge and is accepted
  (a name kept in Latin letters); a word mixing Cyrillic and Latin letters is never known.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from transflow.errors import LexiconUnavailable, TransflowError
from transflow.lang.morph import Analyser
from transflow.lang.spellers import Speller, open_speller

LANGS = ("be", "ru", "en")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: ’ and ʼ are the apostrophe; stress marks and soft hyphens are dropped.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "\u0301": None, "\u00ad": None})


class Sources:
    """The shared, per-language part of a lexicon: dictionary, analyser and a per-word cache."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.speller: Speller = open_speller(lang)
        self.analyser = Analyser(lang) if lang in ("be", "ru") else None
        self._cache: dict[str, bool] = {}
        self._lock = threading.Lock()

    def known(self, forms: Iterable[str]) -> set[str]:
        """The forms (exact spellings) that the dictionary or the analyser recognises."""
        forms = set(forms)
        with self._lock:
            todo = [f for f in forms if f not in self._cache]
            missed = []
            for form in todo:
                ok = self.speller.check(form)
                self._cache[form] = ok
                if not ok:
                    missed.append(form)
            if missed and self.analyser is not None:
                for form in self.analyser.known(missed):
                    self._cache[form] = True
            return {f for f in forms if self._cache[f]}

    def suggest(self, word: str, limit: int) -> list[str]:
        """The dictionary's suggestions for a word it does not know."""
        return self.speller.suggest(word)[:limit]


class Lexicon:
    """The words of one language: `knows`, batched `unknown` and `suggest`."""

    def __init__(self, sources: Sources, extra_words: Iterable[str] = ()) -> None:
        self.lang = sources.lang
        self._sources = sources
        self._extra = frozenset(_norm(w) for w in extra_words if w.strip())
        self._verdicts: dict[str, bool] = {}

    def knows(self, word: str) -> bool:
        """True when `word` is a word of this language (see the module's rules)."""
        return not self.unknown((word,))

    def unknown(self, words: Iterable[str]) -> set[str]:
        """The words that no source knows, looked up in one batch (each word once per process)."""
        words = list(words)
        todo = {w for w in words if w not in self._verdicts}
        if todo:
            plans = {w: self._plan(w) for w in todo}
            forms = {f for plan in plans.values() if plan for alt in plan for f in alt}
            known = self._sources.known(forms) if forms else set()
            for word, plan in plans.items():
                self._verdicts[word] = plan is None or any(known.issuperset(alt) for alt in plan)
        return {w for w in words if not self._verdicts[w]}

    def suggest(self, word: str, limit: int = 5) -> list[str]:
        """Up to `limit` dictionary spellings close to `word` (best first)."""
        return self._sources.suggest(_norm(word), limit)

    def _plan(self, word: str) -> list[tuple[str, ...]] | None:
        """Ways the word may be known, each a tuple of forms that must all be known.

        None means the word is accepted without a lookup (empty, digits, abbreviation, other
        script, a project word); an empty list means it can never be known (mixed scripts).
        """
        w = _norm(word).strip("'-")
        if not w or any(c.isdigit() for c in w) or not any(c.isalpha() for c in w):
            return None
        cyr, lat = _CYRILLIC.search(w) is not None, _LATIN.search(w) is not None
        if cyr and lat:
            return []
        if (cyr and self.lang == "en") or (lat and self.lang != "en"):
            return None
        if w.isupper() or w in self._extra or w.lower() in self._extra:
            return None
        plan = [(f,) for f in self._forms(w)]
        if "-" in w:
            parts = [p for p in w.split("-") if p]
            rest = [p for p in parts if not (p.isupper() or p in self._extra)]
            if not rest:
                return None
            # every part known: as written, or each in lower case
            plan.append(tuple(rest))
            plan.append(tuple(p.lower() for p in rest))
        return plan

    def _forms(self, w: str) -> list[str]:
        forms = [w]
        if w[:1].isupper():
            forms.append(w.lower())
        if self.lang == "ru" and ("ё" in w or "Ё" in w):
            forms += [f.replace("ё", "е").replace("Ё", "Е") for f in forms]
        return list(dict.fromkeys(forms))


def _norm(word: str) -> str:
    return word.strip().translate(_APOSTROPHES)


@lru_cache(maxsize=8)
def _sources(lang: str) -> Sources:
    return Sources(lang)


_LEXICONS: dict[tuple[str, frozenset[str]], Lexicon] = {}


def lexicon_for(lang: str, extra_words: Iterable[str] = ()) -> Lexicon:
    """The lexicon of `lang` (be, ru, en) plus `extra_words`; one per language and words."""
    if lang not in LANGS:
        raise TransflowError(f"no lexicon for language {lang!r}: choose one of be, ru, en")
    key = (lang, frozenset(extra_words))
    lexicon = _LEXICONS.get(key)
    if lexicon is None:
        lexicon = _LEXICONS[key] = Lexicon(_sources(lang), key[1])
    return lexicon


def is_word_of(word: str, lang: str) -> bool:
    """True when `word` is written in the script of `lang` and its lexicon knows it."""
    script = _LATIN if lang == "en" else _CYRILLIC
    return script.search(word) is not None and lexicon_for(lang).knows(word)


def read_word_list(path: str | Path) -> list[str]:
    """Words of a word list file: one a line, `#` starts a comment, blank lines skipped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TransflowError(f"word list is not UTF-8: {exc}", path) from exc
    words = []
    for number, line in enumerate(text.splitlines(), 1):
        word = line.split("#", 1)[0].strip()
        if not word:
            continue
        if any(c.isspace() for c in word):
            raise TransflowError(f"one word per line, found {word!r}", path, number)
        words.append(word)
    return words


def project_words(glossary_dir: str | Path, lang: str) -> list[str]:
    """The project's accepted words of `lang` (glossary/words-<lang>.txt; none if absent)."""
    path = Path(glossary_dir) / f"words-{lang}.txt"
    return read_word_list(path) if path.is_file() else []


__all__ = [
    "LANGS",
    "Lexicon",
    "LexiconUnavailable",
    "is_word_of",
    "lexicon_for",
    "project_words",
    "read_word_list",
]

"""Respellings of words Apertium did not know, kept only when a target lexicon knows them.

`transflow.mt.orthography` respells a word with the regular correspondences of the two
orthographies; some of those rules guess (unstressed o/a, the ending of a name). Here each word
gets a few candidates (all rules, then all rules but one guessing rule, then the word as written)
and the first one that the target language's lexicon (Hunspell or Apertium's analyser) knows wins.
A word no candidate of which is known stays as written, unless it is a name inside a sentence
(capitalised, not the first word): names are transliterated, since no lexicon holds every name.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Collection, Iterable

from transflow.errors import TransflowError
from transflow.mt.orthography import adapt_word

#: rules whose outcome depends on stress or on the word's class: each is also tried switched off
GUESSING_RULES: dict[tuple[str, str], tuple[str, ...]] = {
    ("ru", "be"): ("pre-o", "final-o", "short-u", "verb-ova", "hard-e", "double-ss", "adj-fem"),
    ("be", "ru"): ("pra-pro", "loan-ty", "e", "name-ov", "name-ova", "enka", "cy-vowel"),
}


_VOWELS_BE = "аеёіоуыэюя"
#: ru->be endings tried on top of the respelling: past -л is -ў, short participles are full
_ENDINGS_BE = (
    (re.compile(r"(?<=[аяеі])л$"), "ў"),
    (re.compile(r"(?<=[аяеі])н$"), "ны"),
    (re.compile(r"(?<=[жшчр])[эе]н(?=[аоы]?$)"), "ан"),
    (re.compile(r"(?<=[аяеуюі])т$"), "ць"),
)


def _stressings(word: str) -> list[str]:
    """ru->be: the word's forms for each vowel that may carry the stress (akanne, yakanne).

    Unstressed о is а; е in the syllable just before the stress is я; ё is always stressed.
    """
    low = word.lower()
    vowels = [i for i, ch in enumerate(low) if ch in _VOWELS_BE]
    if not 2 <= len(vowels) <= 6 or not any(low[i] in "ое" for i in vowels):
        return []
    out = []
    for k, stressed in enumerate(vowels):
        if "ё" in low and low[stressed] != "ё":
            continue
        chars = list(low)
        for j, i in enumerate(vowels):
            if i == stressed:
                continue
            if chars[i] == "о":
                chars[i] = "а"
            elif chars[i] == "е" and j == k - 1 and i > 0 and chars[i - 1] not in _VOWELS_BE:
                chars[i] = "я"
        out.append(_recase(word, "".join(chars)))
    return out


def _recase(model: str, new: str) -> str:
    if model[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def candidates(word: str, src: str, tgt: str, disabled: Collection[str] = ()) -> list[str]:
    """Respellings of `word` to try in order, most likely first, the word itself last."""
    out = [adapt_word(word, src, tgt, disabled)]
    for rule in GUESSING_RULES.get((src, tgt), ()):
        if rule not in disabled:
            out.append(adapt_word(word, src, tgt, {*disabled, rule}))
    if (src, tgt) == ("ru", "be") and not word.isupper():
        base = adapt_word(word, src, tgt, {*disabled, "pre-o", "final-o"})
        forms = [base, *(e.sub(r, base) for e, r in _ENDINGS_BE if e.search(base))]
        for form in forms:
            out.append(form)
            out.extend(_stressings(form))
    out.append(word)
    return list(dict.fromkeys(out))


ALPHABETS = {
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя'",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
}


def one_edit(word: str, lang: str) -> list[str]:
    """Spellings one letter away from `word`, most alike first (a vowel for a vowel, a letter
    dropped, any other letter changed); case kept."""
    low, alphabet = word.lower(), ALPHABETS.get(lang, "")
    vowels = set("аеёиіоуыэюя")
    same, dropped, other = [], [], []
    for i, ch in enumerate(low):
        dropped.append(low[:i] + low[i + 1 :])
        for c in alphabet:
            if c != ch:
                alike = (c in vowels) == (ch in vowels)
                (same if alike else other).append(low[:i] + c + low[i + 1 :])
    forms = [f for f in dict.fromkeys(same + dropped + other) if len(f) > 2]
    return [_recase(word, f) for f in forms]


class Lexicons:
    """The target lexicons, loaded in a background thread so the load overlaps translation."""

    def __init__(self) -> None:
        self._loaded: dict[str, object] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()

    def prefetch(self, lang: str) -> None:
        """Start loading the lexicon of `lang` unless it is loaded or loading."""
        with self._lock:
            if lang in self._loaded or lang in self._threads:
                return
            thread = threading.Thread(target=self._load, args=(lang,), daemon=True)
            self._threads[lang] = thread
            thread.start()

    def _load(self, lang: str) -> None:
        value: object = None
        with contextlib.suppress(TransflowError):  # not installed, or no lexicon of lang
            from transflow.lang.lexicon import lexicon_for

            value = lexicon_for(lang)
        self._loaded[lang] = value

    def unknown(self, lang: str, words: Iterable[str]) -> set[str] | None:
        """The words the lexicon of `lang` does not know; None when it is not installed."""
        self.prefetch(lang)
        self._threads[lang].join()
        lexicon = self._loaded.get(lang)
        if lexicon is None:
            return None
        return lexicon.unknown(list(words))  # type: ignore[attr-defined]


def choose(
    words: Iterable[tuple[str, bool]],
    src: str,
    tgt: str,
    lexicons: Lexicons,
    disabled: Collection[str] = (),
) -> dict[tuple[str, bool], str]:
    """The spelling to put in the draft for each (word, is_name); one lexicon lookup in all."""
    todo = list(dict.fromkeys(words))
    cands = {key: candidates(key[0], src, tgt, disabled) for key in todo}
    unknown = lexicons.unknown(tgt, {c for cs in cands.values() for c in cs})
    out: dict[tuple[str, bool], str] = {}
    for key, cs in cands.items():
        if unknown is None:  # no lexicon installed: the plain respelling, as before
            out[key] = cs[0]
            continue
        known = [c for c in cs if c not in unknown]
        if not known and not key[1]:
            # a known word one letter away from the respelling
            near = one_edit(cs[0], tgt)
            bad = lexicons.unknown(tgt, near) or set()
            known = [w for w in near if w not in bad][:1]
        if known:
            out[key] = known[0]
        else:
            out[key] = cs[0] if key[1] else key[0]
    return out

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
#: how many of a word's first candidates get the one-letter-away search
NEAR_OF = 4
#: ru->be endings tried on top of the respelling: past -л is -ў, short participles are full
_ENDINGS_BE = (
    (re.compile(r"(?<=[аяеі])л$"), "ў"),
    (re.compile(r"(?<=[аяеі])н$"), "ны"),
    (re.compile(r"(?<=[жшчр])[эе]н(?=[аоы]?$)"), "ан"),
    (re.compile(r"(?<=[аяеуюі])т$"), "ць"),
    (re.compile(r"(?<=[^аеёіоуыэюя])[иі]е$"), "ія"),  # plural adjectives: многие -> многія
    (re.compile(r"ые$"), "ыя"),
    (re.compile(r"^у(?=[^аеёіоуыэюя])"), "ву"),  # prothetic в: учёные -> вучоныя
)
#: be->ru endings tried on top of the respelling
_ENDINGS_RU = (
    (re.compile(r"ыя$"), "ые"),
    (re.compile(r"ия$"), "ие"),
    (re.compile(r"^ву(?=[^аеёиоуыэюя])"), "у"),
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
        forms = [base, *_with_endings(base, _ENDINGS_BE)]
        for form in forms:
            out.append(form)
            out.extend(_stressings(form))
    if (src, tgt) == ("be", "ru") and not word.isupper():
        for form in [out[0], *_with_endings(out[0], _ENDINGS_RU)]:
            out.append(form)
            out.extend(_unakanne(form))
    out.append(word)
    return list(dict.fromkeys(out))


def _with_endings(word: str, endings: tuple[tuple[re.Pattern[str], str], ...]) -> list[str]:
    """The word with each matching ending (or beginning) replaced, one at a time; case kept."""
    low = word.lower()
    return [_recase(word, e.sub(r, low)) for e, r in endings if e.search(low)]


def _unakanne(word: str, most: int = 5) -> list[str]:
    """be->ru: Belarusian writes unstressed о as а and pretonic е as я; Russian keeps о and е.

    Every choice of а->о and я->е over the word's first `most` such letters (the respelling
    itself first), for the lexicon to pick from.
    """
    low = word.lower()
    # not after ж, ч, ш, щ: Russian has е or а there, hardly ever о (чакаецца is not "чокается")
    spots = [
        i
        for i, ch in enumerate(low)
        if (ch == "я" and i > 0) or (ch == "а" and (i == 0 or low[i - 1] not in "жчшщ"))
    ][:most]
    out = []
    for mask in range(1, 1 << len(spots)):
        chars = list(low)
        for bit, i in enumerate(spots):
            if mask >> bit & 1:
                chars[i] = "о" if chars[i] == "а" else "е"
        out.append(_recase(word, "".join(chars)))
    return out


ALPHABETS = {
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя'",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
}


def one_edit(word: str, lang: str) -> list[str]:
    """Spellings one orthographic step away from `word`: a doubled letter made single, a soft
    sign, hard sign or apostrophe added, dropped or swapped; case kept.

    Letters are never changed: that finds real words of another meaning (чакаюць -> "чикают",
    застаецца -> "застоится"), which mislead a reviewer more than the word left as written.
    """
    low = word.lower()
    alphabet = ALPHABETS.get(lang, "")
    signs = [c for c in "ьъ'" if c in alphabet]
    out: list[str] = []
    for i, ch in enumerate(low):
        if ch in "ьъ'":
            out.append(low[:i] + low[i + 1 :])
            out.extend(low[:i] + g + low[i + 1 :] for g in signs if g != ch)
        if i and ch == low[i - 1]:
            out.append(low[:i] + low[i + 1 :])
    for i in range(1, len(low)):
        if low[i - 1] not in "аеёиіоуыэюяьъ'":
            out.extend(low[:i] + g + low[i:] for g in signs)
    forms = [f for f in dict.fromkeys(out) if len(f) > 2]
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
    """The spelling to put in the draft for each (word, is_name); two batched lexicon lookups.

    First the candidates; for a word none of whose candidates is known (names aside), then the
    spellings one letter away from its first NEAR_OF candidates.
    """
    todo = list(dict.fromkeys(words))
    cands = {key: candidates(key[0], src, tgt, disabled) for key in todo}
    unknown = lexicons.unknown(tgt, {c for cs in cands.values() for c in cs})
    if unknown is None:  # no lexicon installed: the plain respelling, as before
        return {key: cs[0] for key, cs in cands.items()}
    chosen = {key: next((c for c in cs if c not in unknown), None) for key, cs in cands.items()}
    near = {
        key: [f for c in cands[key][:NEAR_OF] if c != key[0] for f in one_edit(c, tgt)]
        for key, c in chosen.items()
        if c is None and not key[0][:1].isupper()  # never for names, even sentence-initial
    }
    if near:
        bad = lexicons.unknown(tgt, {f for forms in near.values() for f in forms}) or set()
        for key, forms in near.items():
            chosen[key] = next((f for f in forms if f not in bad), None)
    out: dict[tuple[str, bool], str] = {}
    for key, cs in cands.items():
        found = chosen[key]
        out[key] = found if found is not None else (cs[0] if key[1] else key[0])
    return out

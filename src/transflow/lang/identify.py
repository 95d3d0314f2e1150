"""Language identification for be, ru, uk and en on short texts (offline, deterministic).

Two kinds of evidence are combined:

1. Spelling. The three East Slavic orthographies differ in their alphabets: Belarusian has
   ``ў`` and ``і`` but no ``и``/``щ``/``ъ``; Ukrainian has ``і``, ``ї``, ``є``, ``ґ``, ``и``,
   ``щ`` but no ``ы``/``э``/``ё``/``ъ``; Russian has ``и``, ``щ``, ``ъ``, ``ы``, ``э``, ``ё`` but
   no ``і``/``ў``/``ї``/``є``/``ґ``. Every Cyrillic word rules out the languages whose alphabet
   cannot spell it; the languages ruled out by the fewest words stay candidates.
2. Statistics. When spelling leaves several candidates (a Cyrillic text with neither ``и`` nor
   ``і``, say), the character n-gram models of lingua-language-detector, restricted to be, ru, uk
   and en, choose among the candidates only.

Latin-script text is English (the only Latin-script language we support) unless it is clearly
another language; texts without letters, or with too little evidence, are ``und``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

SUPPORTED = ("be", "ru", "uk", "en")
UND = "und"

_SLAVIC = ("be", "ru", "uk")

# Letters whose presence in a word rules a language out (lower case).
_EXCLUDES = {
    "be": frozenset("ищъїєґ"),
    "ru": frozenset("іўїєґ"),
    "uk": frozenset("ыэъёў"),
}
# Cyrillic letters that none of be/ru/uk uses (Serbian, Macedonian, Kazakh, Mongolian, ...).
_FOREIGN_CYRILLIC = frozenset("ђјљњћџѓќѕәғқңөұүһҗҙҫӑӗӳӧӱӝӟӵ")
_BE_RU_UK_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіўїєґ")

# Latin letters that look like Cyrillic ones; fixed inside words that are otherwise Cyrillic.
_HOMOGLYPHS = str.maketrans(
    {
        "a": "а",
        "c": "с",
        "e": "е",
        "i": "і",
        "o": "о",
        "p": "р",
        "x": "х",
        "y": "у",
        "ï": "ї",
        "A": "А",
        "B": "В",
        "C": "С",
        "E": "Е",
        "H": "Н",
        "I": "І",
        "K": "К",
        "M": "М",
        "O": "О",
        "P": "Р",
        "T": "Т",
        "X": "Х",
        "Ï": "Ї",
    }
)
_HOMOGLYPH_KEYS = frozenset("aceiopxyïABCEHIKMOPTXÏ")

# Apostrophe variants used in be/uk spelling (and typed by writers) -> ASCII apostrophe.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "′": "'", "´": "'"})
_APOSTROPHE_VARIANT = re.compile("[’ʼ‘`′´]")
# Stress and other combining marks that must not split or change words (after NFC).
_COMBINING_ACCENTS = re.compile("[\u0300\u0301\u0341\u0340]")
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")

# Latin letters with diacritics that English words do not use (a lone café is tolerated).
_NON_ENGLISH_LATIN = frozenset("äöüßàâãåæçéèêëìîíïñòôõøùûúýÿąćęłńśźżčďěňřšťůžőűăâșțğışŭ")
# Function words of other Latin-script languages that are not English words (and are rare
# in names: no "von", "van", "del", "la", "le", "de").
_OTHER_FUNCTION_TEXT = """
    der das und ist nicht eine einen mit dem auf sich auch wird wurde
    est une dans pour sur pas qui avec sont cette
    los una por para como pero fue esta
    della che sono degli nel alla questo
    się nie jest oraz jak tego jego przez dla
    het een niet zijn ook wordt
    och att inte för
    ikke ble
"""
_ENGLISH_FUNCTION_TEXT = """
    the a an of in on to for and or is was are were be been at by with from as it its that this
    these those has have had will would not but he she they we you said after over into than
"""
_OTHER_FUNCTION_WORDS = frozenset(_OTHER_FUNCTION_TEXT.split())
# Articles that are also particles of names ("Le Pen", "El Salvador"): counted only in lower case.
_LOWER_ARTICLES = frozenset(("le", "la", "les", "des", "el", "il", "gli"))
_ENGLISH_FUNCTION_WORDS = frozenset(_ENGLISH_FUNCTION_TEXT.split())


@dataclass(frozen=True)
class _Words:
    """A text split into words, each word classified by script."""

    cyrillic: list[str]
    latin: list[str]
    other_letters: int


# URLs, e-mail addresses and transflow's inline placeholders (<b>, </a1>, <c1/>) are not language.
_NOISE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+|</?[A-Za-z][A-Za-z0-9]*/?>")
# Roman numerals, typed with Latin or Cyrillic capitals (ХХІ стагоддзе, ІІ квартал).
_ROMAN = re.compile("[IVXLCDMІХСМ]{2,}")
_ROMAN_START = frozenset("IVXLCDMІХСМ")


def _normalize(text: str) -> str:
    """Compose characters, drop stress marks, URLs and placeholders, unify apostrophes."""
    text = unicodedata.normalize("NFC", text)
    if "<" in text or "@" in text or "://" in text or "www." in text:
        text = _NOISE.sub(" ", text)
    if "\u0300" in text or "\u0301" in text or "\u0340" in text or "\u0341" in text:
        text = _COMBINING_ACCENTS.sub("", text)
    if _APOSTROPHE_VARIANT.search(text) is None:
        return text  # str.translate is slow; most texts have nothing to translate
    return text.translate(_APOSTROPHES)


_CYR = "\u0400-\u052f\u1c80-\u1c8f\ua640-\ua69f"
_CYR_WORD = re.compile(f"[{_CYR}']+")
_LAT_WORD = re.compile("[A-Za-z\u00c0-\u024f']+")
_HAS_CYR = re.compile(f"[{_CYR}]")
_CYR_OR_HOMOGLYPH = re.compile(f"[{_CYR}'aceiopxyïABCEHIKMOPTXÏ]+")
# Russian ъ only stands before е, ё, ю, я; elsewhere (Bulgarian "във", "България") it is foreign.
_FOREIGN_CYRILLIC_RE = re.compile("[" + "".join(sorted(_FOREIGN_CYRILLIC)) + r"]|ъ(?=[^еёюя\s'])")
# be/uk separate a consonant from a following iotated vowel with an apostrophe where Russian
# writes ъ/ь (п'ять, сям'я); apostrophes in Russian are in foreign names (О'Нил, Кот-д'Ивуар).
_SLAVIC_APOSTROPHE = re.compile("'[яюеёіїє]")
_EXCLUDE_LIST = tuple(_EXCLUDES[lang] for lang in _SLAVIC)


def _is_cyrillic_char(ch: str) -> bool:
    """True for letters of the Cyrillic blocks."""
    return "\u0400" <= ch <= "\u052f" or "\u1c80" <= ch <= "\u1c8f" or "\ua640" <= ch <= "\ua69f"


def _split(text: str) -> _Words:
    """Split normalized text into Cyrillic and Latin words (homoglyphs fixed)."""
    cyrillic: list[str] = []
    latin: list[str] = []
    other = 0
    for word in _WORD_RE.findall(text):
        if word[0] in _ROMAN_START and _ROMAN.fullmatch(word):
            continue
        if _CYR_WORD.fullmatch(word):
            cyrillic.append(word)
        elif _LAT_WORD.fullmatch(word):
            if _HAS_CYR.search(word) is None:
                latin.append(word)
            else:  # pragma: no cover - the two classes are disjoint
                cyrillic.append(word)
        elif _HAS_CYR.search(word) is None:
            other += len(word)
        elif _CYR_OR_HOMOGLYPH.fullmatch(word):
            cyrillic.append(word.translate(_HOMOGLYPHS))
        elif sum(1 for ch in word if _is_cyrillic_char(ch)) * 2 >= len(word):
            cyrillic.append(word)
        else:
            latin.append(word)
    return _Words(cyrillic, latin, other)


def _excluded(word: str) -> tuple[bool, bool, bool]:
    """Which of (be, ru, uk) cannot spell this lower-case Cyrillic word (or text)."""
    letters = set(word)
    be = not _EXCLUDE_LIST[0].isdisjoint(letters)
    ru = not _EXCLUDE_LIST[1].isdisjoint(letters)
    uk = not _EXCLUDE_LIST[2].isdisjoint(letters)
    if not ru and "'" in letters and _SLAVIC_APOSTROPHE.search(word):
        ru = True
    return be, ru, uk


# In a long text a few words may be quoted names or titles in another Cyrillic language: a
# language ruled out by at most one word in ten (beyond the best one) stays a candidate, and the
# statistical model, which reads the whole text, decides.
_WORDS_PER_TOLERATED_VIOLATION = 10


def _slavic_candidates(words: list[str]) -> tuple[tuple[str, ...], bool]:
    """Languages whose spelling fits (nearly) all words, and whether the text is other Cyrillic."""
    joined = " ".join(words).lower()
    foreign_letters = _FOREIGN_CYRILLIC_RE.search(joined) is not None
    slack = len(words) // _WORDS_PER_TOLERATED_VIOLATION
    if not foreign_letters:
        # Fast path: the languages no word rules out, found on the whole text at once.
        excluded = _excluded(joined)
        clean = [lang for lang, bad in zip(_SLAVIC, excluded, strict=True) if not bad]
        if clean and (slack == 0 or len(clean) == len(_SLAVIC)):
            return tuple(clean), False
    violations = [0, 0, 0]
    foreign = 0
    for word in joined.split():
        if foreign_letters and _FOREIGN_CYRILLIC_RE.search(word):
            foreign += 1
            continue
        for i, bad in enumerate(_excluded(word)):
            if bad:
                violations[i] += 1
    if foreign * 5 >= len(words):
        return (), True
    limit = min(violations) + slack
    return tuple(lang for lang, v in zip(_SLAVIC, violations, strict=True) if v <= limit), False


@cache
def _detector():  # noqa: ANN202 - lingua type is optional at import time
    """The lingua detector for be, ru, uk, en (built once; None if lingua is missing)."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:  # pragma: no cover - lingua is a declared dependency
        return None
    languages = (Language.BELARUSIAN, Language.RUSSIAN, Language.UKRAINIAN, Language.ENGLISH)
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _iso(language) -> str:  # noqa: ANN001
    """ISO 639-1 code of a lingua Language."""
    return language.iso_code_639_1.name.lower()


def _choose(candidates: tuple[str, ...], confidences: dict[str, float], n_words: int) -> str:
    """Pick among spelling candidates by model confidence; und when the evidence is thin."""
    total = sum(confidences.get(lang, 0.0) for lang in candidates)
    if total <= 0.0:
        return UND
    best = max(candidates, key=lambda lang: (confidences.get(lang, 0.0), -_SLAVIC.index(lang)))
    share = confidences.get(best, 0.0) / total
    if n_words == 1 and share < 0.99:
        return UND
    if n_words == 2 and share < 0.8:
        return UND
    return best


class _Plan:
    """What is decided for one text before the statistical model is consulted."""

    __slots__ = ("result", "candidates", "model_text", "n_words")

    def __init__(
        self,
        result: str | None,
        candidates: tuple[str, ...] = (),
        model_text: str = "",
        n_words: int = 0,
    ):
        self.result = result
        self.candidates = candidates
        self.model_text = model_text
        self.n_words = n_words


# Characters no written sentence holds: control characters, U+FFFD (bytes that were not text),
# surrogates, private use. One per ten letters makes a text binary noise, not language.
_JUNK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd\ud800-\udfff\ue000-\uf8ff]")


def _plan(text: str) -> _Plan:
    """Decide a text by script and spelling, or say which candidates the model must rank."""
    text = _normalize(text)
    words = _split(text)
    cyr_letters = sum(len(w) for w in words.cyrillic)
    lat_letters = sum(len(w) for w in words.latin)
    if cyr_letters == 0 and lat_letters == 0:
        return _Plan(UND)
    if _JUNK.search(text) and len(_JUNK.findall(text)) * 10 >= cyr_letters + lat_letters:
        return _Plan(UND)
    if words.other_letters > max(cyr_letters, lat_letters):
        return _Plan(UND)
    if cyr_letters >= lat_letters:
        candidates, foreign = _slavic_candidates(words.cyrillic)
        if foreign:
            return _Plan(UND)
        if len(candidates) == 1:
            return _Plan(candidates[0])
        return _Plan(None, candidates, " ".join(words.cyrillic), len(words.cyrillic))
    return _Plan(_latin(words.latin))


def _latin(words: list[str]) -> str:
    """English, unless the Latin-script words are clearly another language or a bare acronym."""
    if len(words) == 1 and words[0].isupper():
        return UND
    foreign = english = 0
    for word in words:
        low = word.lower()
        if low in _ENGLISH_FUNCTION_WORDS:
            english += 1
        elif low in _OTHER_FUNCTION_WORDS or (word in _LOWER_ARTICLES):
            foreign += 1
        elif word == low and not _NON_ENGLISH_LATIN.isdisjoint(low):
            foreign += 1  # a common word (not a capitalized name) spelled with e.g. ä, ł, ñ
    if foreign >= 2 and foreign > english:
        return UND
    return "en"


def _resolve(plan: _Plan, confidences: dict[str, float] | None) -> str:
    """Final code for a plan given the model's confidences (None: no model installed)."""
    if plan.result is not None:
        return plan.result
    if confidences is None:
        return UND
    return _choose(plan.candidates, confidences, plan.n_words)


def _confidences(values) -> dict[str, float]:  # noqa: ANN001
    """Lingua confidence values as a code -> value dict."""
    return {_iso(v.language): v.value for v in values}


def detect(text: str) -> str:
    """Language of a short text: one of "be", "ru", "uk", "en" or "und"."""
    plan = _plan(text)
    if plan.result is not None:
        return plan.result
    detector = _detector()
    if detector is None:
        return UND
    values = detector.compute_language_confidence_values(plan.model_text)
    return _resolve(plan, _confidences(values))


_PARALLEL_MIN = 2000


def detect_many(texts: Iterable[str]) -> list[str]:
    """Languages of many texts, in order (the model runs once, in parallel, for the undecided)."""
    plans = [_plan(t) for t in texts]
    pending = [i for i, p in enumerate(plans) if p.result is None]
    results = [p.result or UND for p in plans]
    if not pending:
        return results
    detector = _detector()
    if detector is None:
        return results
    model_texts = [plans[i].model_text for i in pending]
    if len(model_texts) >= _PARALLEL_MIN:
        values = detector.compute_language_confidence_values_in_parallel(model_texts)
    else:
        values = [detector.compute_language_confidence_values(t) for t in model_texts]
    for i, vals in zip(pending, values, strict=True):
        results[i] = _resolve(plans[i], _confidences(vals))
    return results


def detect_lines(lines: Iterable[str], batch: int = 1000) -> Iterator[str]:
    """One code per input line ("und" for blank lines), streamed in batches."""
    chunk: list[str] = []
    for line in lines:
        chunk.append(line.rstrip("\r\n"))
        if len(chunk) >= batch:
            yield from detect_many(chunk)
            chunk = []
    if chunk:
        yield from detect_many(chunk)


_SUBTAG_SEP = re.compile(r"[-_@.]")


def _base_language(code: str) -> str:
    """Primary subtag of a language code: "be_BY", "be-BY", "be@tarask" -> "be"."""
    return _SUBTAG_SEP.split(code.strip(), maxsplit=1)[0].lower()


def foreign_words(text: str, expected: str) -> list[str]:
    """Words of ``text`` whose spelling cannot belong to ``expected`` (unique, in text order).

    For be/ru/uk only Cyrillic words spelled with a letter the expected alphabet lacks are
    returned (Latin names and brands are never foreign); for en, every Cyrillic word. Languages
    outside SUPPORTED yield no words (nothing is known about their spelling here).
    """
    lang = _base_language(expected)
    if lang not in SUPPORTED:
        return []
    text = _normalize(text)
    if lang == "en":
        if _HAS_CYR.search(text) is None:
            return []
    elif _EXCLUDES[lang].isdisjoint(text.lower()):
        return []  # no letter the alphabet lacks, so no word spelled with one
    found: list[str] = []
    seen: set[str] = set()
    for word in _WORD_RE.findall(text):
        if _HAS_CYR.search(word) is None or _ROMAN.fullmatch(word):
            continue
        bad = lang == "en" or not _EXCLUDES[lang].isdisjoint(word.lower())
        if bad and word not in seen:
            seen.add(word)
            found.append(word)
    return found

"""Belarusian Łacinka: transliterate Belarusian Cyrillic text to the Latin alphabet (`be-Latn`).

The rules are the ones of the modern Łacinka as used in the press, applied letter by letter
(no phonetic assimilation is guessed):

* one letter to one letter or digraph: в v, г h, ґ g, ж ž, ў ŭ, х ch, ц c, ч č, ш š, ы y, э e;
* е ё ю я become je jo ju ja at the start of a word, after a vowel, after ў, after the apostrophe
  and after a separating soft sign; ie io iu ia after other consonants; e o u a after л;
* л is l before ь and before the soft vowels (е ё ю я і) and ł elsewhere;
* the soft sign marks the consonant before it: зь ź, сь ś, нь ń, ць ć, дзь dź, ль l; it is dropped
  after other letters;
* the apostrophe between letters is dropped (the j of the next vowel carries the separation);
* capitals follow the word: "Ч" is "Č"; "Я" is "Ja" in a capitalised word, "JA" in an all-caps one.

Anything that is not Belarusian Cyrillic (Latin text, digits, placeholders such as ``<b>`` or
``<a1>``, punctuation) passes through untouched.
"""

from __future__ import annotations

#: BCP 47 tag of Belarusian in the Latin alphabet.
LANG_TAG = "be-Latn"

_VOWELS = frozenset("аеёіоуыэюяиї")
_IOTATED = {"е": "e", "ё": "o", "ю": "u", "я": "a"}
_SOFT_VOWELS = frozenset("еёюяі")
_APOSTROPHES = frozenset("'’ʼ")
_SOFTENED = {"з": "ź", "с": "ś", "н": "ń", "ц": "ć", "л": "l"}

_SIMPLE = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "ж": "ž",
    "з": "z",
    "і": "i",
    "и": "i",  # Russian letter, seen in quoted names
    "ї": "ji",
    "й": "j",
    "к": "k",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ў": "ŭ",
    "ф": "f",
    "х": "ch",
    "ц": "c",
    "ч": "č",
    "ш": "š",
    "щ": "šč",  # Russian letter
    "ы": "y",
    "э": "e",
}

_CYRILLIC = frozenset(_SIMPLE) | frozenset(_IOTATED) | frozenset("льъ")


def _is_cyr(ch: str) -> bool:
    return ch.lower() in _CYRILLIC


def _word_is_upper(text: str, i: int) -> bool:
    """True when the Cyrillic word around position i is written in capitals (two or more)."""
    start = i
    while start > 0 and (_is_cyr(text[start - 1]) or text[start - 1] in _APOSTROPHES):
        start -= 1
    end = i + 1
    while end < len(text) and (_is_cyr(text[end]) or text[end] in _APOSTROPHES):
        end += 1
    letters = [c for c in text[start:end] if c.isalpha() and c.lower() not in "ьъ"]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _apply_case(latin: str, upper: bool, all_caps: bool) -> str:
    if not upper or not latin:
        return latin
    return latin.upper() if all_caps else latin[0].upper() + latin[1:]


def _letter(text: str, i: int) -> str:
    """The Łacinka of the Cyrillic letter text[i] (lower case), looking at its neighbours."""
    ch = text[i].lower()
    prev = text[i - 1].lower() if i > 0 else ""
    nxt = text[i + 1].lower() if i + 1 < len(text) else ""
    if ch in ("ь", "ъ"):
        return ""  # folded into the consonant before it
    if ch in _IOTATED:
        vowel = _IOTATED[ch]
        if prev == "л":
            return vowel
        if prev and (prev in _CYRILLIC) and prev not in _VOWELS and prev not in "ўьъ":
            return "i" + vowel
        return "j" + vowel  # word start, after a vowel, ў, apostrophe or separating ь/ъ
    if ch == "і" and prev in _APOSTROPHES | {"ь", "ъ"} and i >= 2 and _is_cyr(text[i - 2]):
        return "ji"
    if ch in _SOFTENED and nxt == "ь":
        return _SOFTENED[ch]
    if ch == "л":
        return "l" if nxt in _SOFT_VOWELS else "ł"
    return _SIMPLE[ch]


def to_lacinka(text: str) -> str:
    """Transliterate Belarusian Cyrillic in `text` to Łacinka; other characters are kept."""
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in _APOSTROPHES:
            between = 0 < i < n - 1 and _is_cyr(text[i - 1]) and _is_cyr(text[i + 1])
            if not between:
                out.append(ch)
            continue
        if not _is_cyr(ch):
            out.append(ch)
            continue
        latin = _letter(text, i)
        if ch.isupper() and latin:
            latin = _apply_case(latin, True, _word_is_upper(text, i))
        out.append(latin)
    return "".join(out)

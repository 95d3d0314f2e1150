"""Adapt words Apertium did not know between Russian and Belarusian spelling; post-edit output.

Apertium copies unknown words (mostly names, rare verbs, new terms) in the source spelling. The
rules here respell such a word with the regular correspondences of the two orthographies. Every
rule has a name so a benchmark can switch it off (`disabled=`) and measure what it is worth; rules
that depend on stress (Belarusian akanne) are limited to positions where the outcome is predictable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

Rule = tuple[str, Callable[[str], str]]

_V_RU = "аеёиоуыэюя"
_HARD = "жшчцр"  # consonants that are always hard in Belarusian
_APOS = "'’ʼ"


def _sub(pattern: str, repl: str | Callable[[re.Match[str]], str]) -> Callable[[str], str]:
    rx = re.compile(pattern)
    return lambda w: rx.sub(repl, w)


def _vowels(word: str, vowels: str) -> int:
    return sum(ch in vowels for ch in word)


def _final_o_to_a(w: str) -> str:
    """A final unstressed -o of a name or noun of 2+ syllables becomes -a (Лукашенко -> -ка)."""
    if _vowels(w, _V_RU) >= 2 and re.search(rf"[^{_V_RU}]о$", w):
        return w[:-1] + "а"
    return w


def _pre_penult_o_to_a(w: str) -> str:
    """o before the penultimate syllable is unstressed in most long words: o -> a."""
    idx = [i for i, ch in enumerate(w) if ch in _V_RU]
    if len(idx) < 3:
        return w
    cut = idx[-2]
    return w[:cut].replace("о", "а") + w[cut:]


_GEM = {"т": "цц", "д": "ддз", "з": "зз", "с": "сс", "л": "лл", "н": "нн"}

# Russian -> Belarusian, applied in this order to a lower-case word.
RU_BE_RULES: list[Rule] = [
    ("shch", _sub("щ", "шч")),
    ("hard-sign", _sub("ъ", "'")),
    ("adj-gen", _sub(r"(?<=[^аеёиоуыэюя])ого$", "ага")),
    ("adj-dat", _sub(r"(?<=[^аеёиоуыэюя])ому$", "аму")),
    ("adj-fem", _sub(r"(?<=[скн])ой$", "ай")),
    ("adj-ij", _sub(r"(?<=[кгх])ий$", "і")),
    ("adj-yj", _sub(r"(?<=[^р])ый$", "ы")),
    ("fem-ova", _sub(r"(?<=[^аеёиоуыэюя])ова$", "ава")),
    ("pre-o", _pre_penult_o_to_a),
    ("final-o", _final_o_to_a),
    ("double-ss", _sub(r"([сл])\1", r"\1")),
    ("labial-apos", _sub(r"(?<=[бпвмфр])ь(?=[еёюяи])", "'")),
    ("hard-i", _sub(rf"(?<=[{_HARD}])и", "ы")),
    ("hard-e", _sub(rf"(?<=[{_HARD}])е", "э")),
    ("hard-yo", _sub(rf"(?<=[{_HARD}])ё", "о")),
    ("hard-ya", _sub(rf"(?<=[{_HARD}])я", "а")),
    ("hard-yu", _sub(rf"(?<=[{_HARD}])ю", "у")),
    ("hard-soft-sign", _sub(rf"(?<=[{_HARD}])ь", "")),
    ("geminate", _sub(r"([тдзслн])ь(?=[еёюяи])", lambda m: _GEM[m.group(1)])),
    ("cekanne", _sub(r"т(?=[ьеёиюя])", "ц")),
    ("dzekanne", _sub(r"д(?=[ьеёиюя])", "дз")),
    ("i", _sub("и", "і")),
    ("short-v", _sub(r"(?<=[аеёіоуыэюя])в(?=[^аеёіоуыэюя'ь]|$)", "ў")),
    ("short-u", _sub(r"(?<=.[аеёіоыэюя])у(?=[^аеёіоуыэюя'ь]|$)", "ў")),
    # verb endings, on the respelled word: 3rd person -дзет is -дзе (пройдет -> пройдзе),
    # 3rd person plural -ут/-ют is -уць/-юць (покажут -> пакажуць)
    ("verb-3sg-dze", _sub(r"(?<=[йоіаеуы])дз[еёэ]т$", "дзе")),
    ("verb-3pl", _sub(r"(?<=[аеёіоуяджшч])(у|ю)т$", r"\1ць")),
]


_PREFIX_RX = re.compile(r"(?:аб|ад|пад|над|раз|з|с|ін|між|звыш)$")


def _apostrophe(w: str) -> str:
    """Apostrophe after a prefix is ъ in Russian (аб'ём), elsewhere ь (Дар'я)."""
    return re.sub(
        rf"(?<=.)[{_APOS}]", lambda m: "ъ" if _PREFIX_RX.match(w[: m.start()]) else "ь", w
    )


def _gem(m: re.Match[str]) -> str:
    """A Belarusian long soft consonant stands for Russian consonant + ь (Наталля -> Наталья)."""
    return {"ц": "ть", "дз": "дь"}.get(m.group(1), m.group(1) + "ь")


_NNE = {"е": "е", "ем": "ем", "я": "я", "ю": "ю", "і": "и", "ямі": "ями", "ях": "ях", "ям": "ям"}


# Belarusian -> Russian, applied in this order to a lower-case word.
BE_RU_RULES: list[Rule] = [
    # -йдзе is a verb (пройдзе, знойдзе -> пройдет, найдет); a name's locative -дзе is not touched
    ("verb-3sg-jde", _sub(r"(?<=й)дзе$", "дет")),
    ("shch", _sub("шч", "щ")),
    ("apostrophe", _apostrophe),
    ("loan-ty", _sub(r"(?<=[тдр])ы(?=[^\W\d_])", "и")),
    ("nne", _sub(r"нн(е|ем|я|ю|і|ямі|ях|ям)$", lambda m: "ни" + _NNE[m.group(1)])),
    ("cce", _sub(r"цц(ё|е|я|ю|і)$", lambda m: "ти" + _NNE.get(m.group(1), "е"))),
    ("geminate", _sub(r"(дз|[лсзцчжш])\1(?=[еёіюя])", _gem)),
    ("tsa", _sub(r"(?<=[еаяуюі])цца$", "тся")),
    ("tsa-inf", _sub(r"цца$", "ться")),
    ("verb-3pl", _sub(r"(?<=[юу])ць$", "т")),
    ("past-masc", _sub(r"(?<=[іыеёа])ў$", "л")),
    ("enka", _sub(r"(?<=[еэ])нка$", "нко")),
    ("adj-sk", _sub(r"(?<=[сц]к)і$", "ий")),
    ("adj-gen", _sub(r"(?<=[сц]к|.н)ага$", "ого")),
    ("adj-dat", _sub(r"(?<=[сц]к|.н)аму$", "ому")),
    ("adj-fem", _sub(r"(?<=[сц]к|.н)ай$", "ой")),
    ("cy-vowel", _sub(r"цы(?=[аеёіоуэюя])", "ци")),
    ("dzekanne", _sub(r"дз(?=[еёіюяь])", "д")),
    ("cekanne", _sub(r"ц(?=[еёіюяь])", "т")),
    ("hard-y", _sub(r"(?<=[жшчщ])ы", "и")),
    ("i", _sub("і", "и")),
    ("short-u", _sub("ў", "в")),
    ("e", _sub(r"(?<=[^аеёиоуыэюя\W])э", "е")),
]


def _apply(word: str, rules: list[Rule], disabled: Collection[str]) -> str:
    lower = word.lower()
    out = lower
    for name, fn in rules:
        if name not in disabled:
            out = fn(out)
    return _recase(word, out)


def _recase(original: str, new: str) -> str:
    if original.isupper() and len(original) > 1:
        return new.upper()
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


_ALL_CAPS = re.compile(r"^[^\W\d_]+$")


def adapt_word(word: str, src: str, tgt: str, disabled: Collection[str] = ()) -> str:
    """Respell an untranslated source word in the target orthography (ru->be or be->ru)."""
    if (src, tgt) == ("ru", "be"):
        rules = RU_BE_RULES
    elif (src, tgt) == ("be", "ru"):
        rules = BE_RU_RULES
    else:
        return word
    parts = re.split(r"(-)", word)
    out = []
    for part in parts:
        if part == "-" or not part or not re.search(r"[^\W\d_]", part):
            out.append(part)
        elif part.isupper() and len(part) > 1:  # acronyms: letters only, no endings
            out.append(_apply(part, [r for r in rules if r[0] in _LETTER_RULES], disabled))
        else:
            out.append(_apply(part, rules, disabled))
    return "".join(out)


_LETTER_RULES = {"shch", "i", "hard-i", "hard-y", "e"}

# Post-editing of Apertium's output: systematic errors, fixed in the target text.


def _u_short(text: str) -> str:
    """у after a word ending in a vowel becomes ў (нарада ў Мінску, можна ўбачыць)."""

    def repl(m: re.Match[str]) -> str:
        nxt = text[m.end() : m.end() + 1]
        if m.group(1) == "У" and nxt and nxt.islower():  # a capitalised word: name, keep
            return m.group(0)
        return " " + ("ў" if m.group(1) == "у" else "Ў")

    return re.sub(r"(?<=[аеёіоуыэюя]) (у)(?=[^\W\d_]|\s|$)", repl, text)


POST_RULES: dict[tuple[str, str], list[Rule]] = {
    ("ru", "be"): [
        ("post-u", _u_short),
        (
            "post-budze",
            _sub(
                r"\b([Ёё])сць(?= [^\W\d_]+(?:ць|ці|цца|чы)\b)",
                lambda m: "Будзе" if m.group(1) == "Ё" else "будзе",
            ),
        ),
    ],
    ("be", "ru"): [
        ("post-bolee", _sub(r"\b(более|Более) за\b", r"\1")),
        ("post-do", _sub(r"\b([кК]) (?=\d)", lambda m: "до " if m.group(1) == "к" else "До ")),
    ],
}


def post_edit(text: str, src: str, tgt: str, disabled: Collection[str] = ()) -> str:
    """Fix systematic errors of Apertium's output for the pair src -> tgt."""
    for name, fn in POST_RULES.get((src, tgt), []):
        if name not in disabled:
            text = fn(text)
    return text

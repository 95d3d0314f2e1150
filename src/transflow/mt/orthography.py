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


def _drop_ir(m: re.Match[str]) -> str:
    """Loan verbs in -ировать are -аваць/-уе in Belarusian; after л it is soft (-ляваць)."""
    rest = m.group(2)
    if m.group(1) == "л":
        return "л" + {"о": "я", "у": "ю"}[rest[0]] + rest[1:]
    return m.group(1) + rest


_OST_RX = re.compile(r"ост(ь|и|ью|ей|ям|ями|ях)$")


def _ost(w: str) -> str:
    """-ость/-ости is unstressed -асць/-асці in words of 2+ syllables (гатоўнасць; not кость)."""
    m = _OST_RX.search(w)
    if m and _vowels(w[: m.start()], _V_RU) >= 1:
        return w[: m.start()] + "аст" + m.group(1)
    return w


_NIE = {"е": "е", "ем": "ем", "ям": "ям", "ями": "ями", "ях": "ях"}
#: first elements of compounds: Russian linking -о- is unstressed -а- in Belarusian
_COMPOUND_RU = "электро|гидро|авто|агро|фото|кино|эко|микро|аэро|вело|термо"

# Russian -> Belarusian, applied in this order to a lower-case word.
RU_BE_RULES: list[Rule] = [
    ("ispolkom", _sub(r"(гор|)исполком", lambda m: ("гар" if m.group(1) else "") + "выканкам")),
    ("compound-o", _sub(rf"({_COMPOUND_RU})(?=[^\W\d_]{{3}})", lambda m: m.group(1)[:-1] + "а")),
    # -ировать/-ирует loan verbs: фінансаваць, плануюць, прагназуе, кантралюе
    (
        "verb-ir",
        _sub(
            r"(?<=[аеёиоуыэюя])([^аеёиоуыэюя]{1,3}?)ир(ова|у[ейюя])",
            lambda m: _drop_ir(m),
        ),
    ),
    # unstressed verb suffix -ова- (рыхтаваць, арганізаваны, будаванне)
    ("verb-ova", _sub(r"(?<=.[^аеёиоуыэюя])ова(?=ть|ться|л|н|вш)", "ава")),
    # reflexive -тся/-ться is -цца; 3sg -ёт(ся) after a vowel is -е(цца) (застаецца)
    ("tsa", _sub(r"(?<=[аеёиуяюы])ть?ся$", "цца")),
    ("reflexive-past", _sub(r"(?<=л[аоие])сь$", "ся")),
    ("past-masc-refl", _sub(r"(?<=[аеиыоя])лся$", "ўся")),
    # past masculine -ил/-ыл/-овал of verbs is -іў/-ыў/-аваў (выпусціў, заявіў)
    ("past-masc", _sub(r"(?<=..[^аеёиоуыэюя])([иы])л$|(?<=..[оа]в)(а)л$", r"\1\2ў")),
    # deverbal nouns -ние/-ание/-ение are -нне (абследаванне), not -ния (country names)
    ("nne", _sub(r"(?<=[аея])ни(е|ем|ям|ями|ях)$", lambda m: "нн" + _NIE[m.group(1)])),
    # -ость/-ости is unstressed -асць/-асці in words of 2+ syllables (гатоўнасць)
    ("ost", _ost),
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
    # 3rd person singular of the first conjugation after a vowel has no -т (фінансуе, чытае)
    ("verb-3sg", _sub(r"(?<=[аяуюеі])[её]т$", "е")),
    ("verb-3sg-tsa", _sub(r"(?<=[аяуюі])ёцца$", "ецца")),
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


_COMPOUND_BE = "электра|гідра|аўта|агра(?!р)|фота|кіна|эка|мікра|аэра|вела|тэрма"

# Belarusian -> Russian, applied in this order to a lower-case word.
BE_RU_RULES: list[Rule] = [
    ("ispolkom", _sub(r"(гар|)выканкам", lambda m: ("гор" if m.group(1) else "") + "исполком")),
    ("compound-o", _sub(rf"({_COMPOUND_BE})(?=[^\W\d_]{{3}})", lambda m: m.group(1)[:-1] + "о")),
    # Belarusian пра- is Russian про- (праводзіць, прапусціць), not in права, практыка, праца
    ("pra-pro", _sub(r"^пра(?!в[аыуі]|в$|[кц])(?=..)", "про")),
    # past reflexive -лася/-лося/-ліся is -лась/-лось/-лись
    ("reflexive-past", _sub(r"(?<=л[аоі])ся$", "сь")),
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


_OV = {"а": "о", "е": "е", "э": "е", "ё": "ё"}
_AVA = {"а": "а", "у": "у", "ым": "ым", "е": "е", "ай": "ой", "ы": "ы", "ых": "ых", "аў": "ов"}

# Belarusian -> Russian, first, for capitalised words only (surnames and place names).
BE_RU_NAME_RULES: list[Rule] = [
    # -аў/-еў/-ёў surnames and towns are -ов/-ев/-ёв (Кухараў, Караеў, Барысаў)
    ("name-ov", _sub(r"(?<=..)(а|е|э|ё)ў$", lambda m: _OV[m.group(1)] + "в")),
    # their unstressed forms -ава/-аву/-авым/-авай are -ова/-ову/-овым/-овой (Кавалёва, Барысава)
    (
        "name-ova",
        _sub(
            r"(?:(?<=..[^аеёіоуыэюя])(?<!сл)(?<!ш)а|(?<=[ёе]))в(а|у|ым|е|ай|ы|ых)$",
            lambda m: ("ов" if m.group(0)[0] == "а" else "в") + _AVA[m.group(1)],
        ),
    ),
    # Ukrainian-type surnames -чанка are Russian -ченко (Марчанка, Галоўчанка)
    ("name-chenko", _sub(r"(?<=.)чанк[аі]$", "ченко")),
]


def _apply(
    word: str, rules: list[Rule], disabled: Collection[str], pre: list[Rule] | None = None
) -> str:
    lower = word.lower()
    out = lower
    for name, fn in (pre or []) + rules:
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
            pre = BE_RU_NAME_RULES if rules is BE_RU_RULES and part[:1].isupper() else None
            out.append(_apply(part, rules, disabled, pre))
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


def _minuly(m: re.Match[str]) -> str:
    """мінулым + the locative годзе (Apertium leaves the Russian-like году)."""
    return "мінулым " + ("годзе" if m.group(1) == "году" else m.group(1))


POST_RULES: dict[tuple[str, str], list[Rule]] = {
    ("ru", "be"): [
        ("post-u", _u_short),
        # comparison with a number takes за in Belarusian: больш за 400, менш за 5
        ("post-bolsh-za", _sub(r"\b([Бб]ольш|[Мм]енш) (?=\d)", r"\1 за ")),
        # "по сравнению с" is у параўнанні з, not a calque
        ("post-paraunanni", _sub(r"\b([Пп])а параўнанню з", lambda m: "ў параўнанні з")),
        # sports score: со счётом 3:1 is з лікам 3:1 (рахунак is a bill)
        ("post-score", _sub(r"\bрахункам (?=\d+:\d)", "лікам ")),
        # Apertium renders прошлый as мінуўшчына (the past): у мінулым годзе
        (
            "post-minuly",
            _sub(r"\bмінуўшчын(?:е|ай) (год(?:зе|у|ам|а))\b", _minuly),
        ),
        (
            "post-budze",
            _sub(
                r"\b([Ёё])сць(?= [^\W\d_]+(?:ць|ці|цца|чы)\b)",
                lambda m: "Будзе" if m.group(1) == "Ё" else "будзе",
            ),
        ),
    ],
    ("be", "ru"): [
        # a prefix Apertium translated apart from its stem keeps the Belarusian apostrophe:
        # з'ехаў -> с'ехал; Russian writes a hard sign there (съехал, объект, подъём)
        ("post-hard-sign", _sub(r"(?<=[бвдзкпрстхБВДЗКПРСТХ])'(?=[еёюя])", "ъ")),
        # Apertium reads годзе (locative of год) as "enough": у мінулым годзе -> в прошлом году
        ("post-godze", _sub(r"\b([вВ]) (\w+?)(?:ым|ом) полно\b", r"\1 \2ом году")),
        # sports score: з лікам 3:1 is со счётом 3:1 (not "с числом")
        ("post-score", _sub(r"\b([сС]) числом (?=\d+:\d)", lambda m: m.group(1) + "о счётом ")),
        ("post-bolee", _sub(r"\b(более|Более) за\b", r"\1")),
        ("post-do", _sub(r"\b([кК]) (?=\d)", lambda m: "до " if m.group(1) == "к" else "До ")),
        # Belarusian locative -ску of towns in -ск left as is: after в Russian needs -ске
        ("post-sk-loc", _sub(r"\b([вВ]) ([А-ЯЁ][а-яё]+с)ку\b", r"\1 \2ке")),
    ],
}


def post_edit(text: str, src: str, tgt: str, disabled: Collection[str] = ()) -> str:
    """Fix systematic errors of Apertium's output for the pair src -> tgt."""
    for name, fn in POST_RULES.get((src, tgt), []):
        if name not in disabled:
            text = fn(text)
    return text

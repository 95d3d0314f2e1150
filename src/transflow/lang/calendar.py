"""Month names of be, ru and en in every form news text uses: Babel's locale data, plus a table of
the forms it lacks (other cases, the native Belarusian May, the usual short forms)."""

from __future__ import annotations

from functools import cache

from babel import Locale

LANGS = ("en", "ru", "be")

#: Month forms CLDR does not give: locative ("у сакавіку", "в марте"), Belarusian "травень"
#: beside CLDR's "май", and abbreviations news writers use beside CLDR's.
EXTRA_FORMS: dict[str, dict[int, tuple[str, ...]]] = {
    "en": {9: ("sept",)},
    "ru": {
        1: ("январе",),
        2: ("феврале", "фев"),
        3: ("марте", "мар"),
        4: ("апреле",),
        5: ("мае",),
        6: ("июне",),
        7: ("июле",),
        8: ("августе",),
        9: ("сентябре", "сен"),
        10: ("октябре",),
        11: ("ноябре", "ноя"),
        12: ("декабре",),
    },
    "be": {
        1: ("студзені", "студ", "студз"),
        2: ("лютым",),
        3: ("сакавіку",),
        4: ("красавіку", "крас"),
        5: ("травень", "траўня", "траўні", "тра"),
        6: ("чэрвені", "чэрв"),
        7: ("ліпені",),
        8: ("жніўні", "жнів"),
        9: ("верасні",),
        10: ("кастрычніку", "кастр"),
        11: ("лістападзе", "ліст"),
        12: ("снежні", "снеж"),
    },
}


@cache
def month_forms(lang: str) -> tuple[tuple[str, ...], ...]:
    """For each month 1..12 of `lang`: its word forms, lower case, without abbreviation dots."""
    locale = Locale.parse(lang)
    months = []
    for number in range(1, 13):
        words = [
            locale.months[context][width][number].lower().rstrip(".")
            for context in ("stand-alone", "format")
            for width in ("wide", "abbreviated")
        ]
        words.extend(EXTRA_FORMS.get(lang, {}).get(number, ()))
        months.append(tuple(dict.fromkeys(words)))
    return tuple(months)


@cache
def month_numbers(langs: tuple[str, ...] = LANGS) -> dict[str, int]:
    """Every month word of `langs` -> its number (1..12)."""
    return {
        word: number
        for lang in langs
        for number, words in enumerate(month_forms(lang), start=1)
        for word in words
    }

"""Number and date checks: values must survive translation whatever the locale's notation."""

from __future__ import annotations

import re
from functools import lru_cache

from transflow.qa.base import ERROR, TAG_RE, URL_RE, Check, Unit

_MONTHS_RAW = {
    1: "january jan студзень студзеня студз январь января янв",
    2: "february feb люты лютага лют февраль февраля фев февр",
    3: "march mar сакавік сакавіка сак март марта мар",
    4: "april apr красавік красавіка крас апрель апреля апр",
    5: "may травень траўня мая май",
    6: "june jun чэрвень чэрвеня чэрв июнь июня июн",
    7: "july jul ліпень ліпеня ліп июль июля июл",
    8: "august aug жнівень жніўня жнів август августа авг",
    9: "september sep sept верасень верасня вер сентябрь сентября сен сент",
    10: "october oct кастрычнік кастрычніка кастр октябрь октября окт",
    11: "november nov лістапад лістапада ліст ноябрь ноября нояб",
    12: "december dec снежань снежня снеж декабрь декабря дек",
}
MONTHS = {name: num for num, names in _MONTHS_RAW.items() for name in names.split()}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_SP = r"[ \u00a0\u202f\u2009]"
_YEAR = rf"(?:,?{_SP}*(?P<{{y}}>\d{{{{4}}}})(?!\d))?"

#: Day month [year]: "9 March 2021", "9 сакавіка", "9th of March", "09 марта 2021 г."
_DMY = (
    rf"(?<!\d)(?P<d1>[0-3]?\d)(?:st|nd|rd|th|-?га|-?е|-?го)?{_SP}+(?:of{_SP}+)?"
    rf"(?P<m1>{_MONTH_ALT})\.?(?![^\W\d_])" + _YEAR.format(y="y1")
)
#: Month day [, year]: "March 9, 2021"
_EN_MONTHS = "|".join(
    sorted((n.capitalize() for n in MONTHS if n.isascii()), key=len, reverse=True)
)
_MDY = (
    rf"(?<![^\W\d_])(?P<m2>(?-i:{_EN_MONTHS}))\.?{_SP}+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    + _YEAR.format(y="y2")
)
#: Numeric: 9.03.2021, 09.03.21, 2021-03-09, 03/09/2021 (slash is ambiguous: d/m or m/d)
_NUM_DOT = r"(?<![\d.,])(?P<d3>[0-3]?\d)\.(?P<m3>[01]?\d)\.(?P<y3>\d{4}|\d{2})(?![\d])"
_NUM_ISO = r"(?<![\d.,])(?P<y4>\d{4})-(?P<m4>[01]\d)-(?P<d4>[0-3]\d)(?!\d)"
_NUM_SLASH = r"(?<![\d/])(?P<a5>[0-3]?\d)/(?P<b5>[0-3]?\d)/(?P<y5>\d{4}|\d{2})(?!\d)"
DATE_RE = re.compile(
    "|".join(f"(?:{p})" for p in (_NUM_ISO, _NUM_DOT, _NUM_SLASH, _DMY, _MDY)), re.IGNORECASE
)

#: Numbers: digits with optional thousands groups (space, NBSP, thin space, comma, period,
#: apostrophe) and an optional decimal part.
NUMBER_RE = re.compile(
    rf"(?<![\w.,])\d{{1,3}}(?:(?P<sep>{_SP}|,|\.|')\d{{3}}(?:(?P=sep)\d{{3}})*)(?:[.,]\d+)?(?!\d)"
    r"|(?<![\w])\d+(?:[.,]\d+)?(?!\d)"
)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    return y + 2000 if y < 100 else y


def _date_candidates(m: re.Match[str]) -> frozenset[tuple[int, int, int | None]]:
    g = m.groupdict()
    if g["y4"]:
        return frozenset({(int(g["d4"]), int(g["m4"]), int(g["y4"]))})
    if g["d3"]:
        return frozenset({(int(g["d3"]), int(g["m3"]), _year(g["y3"]))})
    if g["a5"]:
        a, b, y = int(g["a5"]), int(g["b5"]), _year(g["y5"])
        return frozenset({(a, b, y), (b, a, y)})
    if g["d1"]:
        return frozenset({(int(g["d1"]), MONTHS[g["m1"].lower()], _year(g["y1"]))})
    return frozenset({(int(g["d2"]), MONTHS[g["m2"].lower()], _year(g["y2"]))})


def _number_value(text: str, lang: str) -> str:
    """Canonical value of a written number: grouping removed, decimal point as '.'."""
    raw = re.sub(rf"{_SP}|'", "", text)
    if "," in raw and "." in raw:  # 1,234.5 or 1.234,5: the last one is the decimal mark
        dec = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif raw.count(",") > 1 or raw.count(".") > 1:
        raw = raw.replace(",", "").replace(".", "")
    elif "," in raw:
        head, tail = raw.split(",")
        # English groups thousands with a comma; be/ru write the decimal comma.
        grouping = lang == "en" and len(tail) == 3 and head != "0"
        raw = head + tail if grouping else f"{head}.{tail}"
    if "." in raw:
        raw = raw.rstrip("0").rstrip(".") or "0"
    raw = raw.lstrip("0") or "0"
    return raw if not raw.startswith(".") else "0" + raw


@lru_cache(maxsize=65536)
def analyze(text: str, lang: str) -> tuple[tuple[frozenset, ...], tuple[str, ...]]:
    """Dates (as sets of (day, month, year) readings) and number values found in `text`."""
    text = URL_RE.sub(" ", TAG_RE.sub(" ", text))
    dates = tuple(_date_candidates(m) for m in DATE_RE.finditer(text))
    rest = DATE_RE.sub(" ", text)
    numbers = tuple(_number_value(m.group(0), lang) for m in NUMBER_RE.finditer(rest))
    return dates, numbers


def _same_date(a: frozenset, b: frozenset) -> bool:
    for d1, m1, y1 in a:
        for d2, m2, y2 in b:
            if d1 == d2 and m1 == m2 and (y1 is None or y2 is None or y1 == y2):
                return True
    return False


def _fmt_date(c: frozenset) -> str:
    d, m, y = sorted(c, key=lambda x: (x[1], x[0]))[0]
    return f"{d:02d}.{m:02d}" + (f".{y}" if y else "")


class Numbers(Check):
    """The numbers of the translation differ from those of the source."""

    check_id = "numbers"
    name = "Numbers"
    description = "A number is missing, extra or changed (notation differences are fine)."
    severity = ERROR

    def check(self, unit: Unit) -> list[str]:
        """Compare the sets of number values (1,5 = 1.5; 10 000 = 10,000; 7-12 = 7–12)."""
        src_dates, src_nums = analyze(unit.msgid, unit.src_lang)
        tgt_dates, tgt_nums = analyze(unit.msgstr, unit.tgt_lang)
        # A year or day written inside a date on one side and alone on the other still counts.
        src_set = set(src_nums) | {str(x) for c in src_dates for t in c for x in t if x}
        tgt_set = set(tgt_nums) | {str(x) for c in tgt_dates for t in c for x in t if x}
        missing = [n for n in dict.fromkeys(src_nums) if n not in tgt_set]
        extra = [n for n in dict.fromkeys(tgt_nums) if n not in src_set]
        out = []
        if missing:
            out.append("number missing in translation: " + ", ".join(missing))
        if extra:
            out.append("number not in source: " + ", ".join(extra))
        return out


class Dates(Check):
    """A date of the source is missing or changed in the translation."""

    check_id = "dates"
    name = "Dates"
    description = "A date differs (9.03.2021 = 09.03.2021 = 9 March 2021 = 9 сакавіка)."
    severity = ERROR

    def check(self, unit: Unit) -> list[str]:
        """Compare day and month (and the year when both sides give it) of every date."""
        src_dates, _ = analyze(unit.msgid, unit.src_lang)
        tgt_dates, _ = analyze(unit.msgstr, unit.tgt_lang)
        out = []
        missing = [d for d in src_dates if not any(_same_date(d, t) for t in tgt_dates)]
        extra = [t for t in tgt_dates if not any(_same_date(t, d) for d in src_dates)]
        if missing:
            out.append("date missing or changed: " + ", ".join(_fmt_date(d) for d in missing))
        if extra:
            out.append("date not in source: " + ", ".join(_fmt_date(d) for d in extra))
        return out

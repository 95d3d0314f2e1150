"""Number and date checks: values must survive translation whatever the locale's notation."""

from __future__ import annotations

import re
from functools import lru_cache

from transflow.lang.calendar import month_numbers
from transflow.qa.base import ERROR, Check, Unit, strip_markup

MONTHS = month_numbers()
#: Cyrillic month names in any case; English ones capitalised only ("5 may rise" is no date).
_MONTH_ALT = "|".join(sorted((n for n in MONTHS if not n.isascii()), key=len, reverse=True))
_MONTH_ALT += (
    "|(?-i:"
    + "|".join(sorted((n.capitalize() for n in MONTHS if n.isascii()), key=len, reverse=True))
    + ")"
)
_SP = r"[ \u00a0\u202f\u2009]"
_YEAR = rf"(?:,?{_SP}*(?P<{{y}}>\d{{{{4}}}})(?!\d))?"

#: Day month [year]: "9 March 2021", "9 сакавіка", "9th of March", "09 марта 2021 г."
_DMY = (
    rf"(?=\d)(?<!\d)(?P<d1>[0-3]?\d)(?:st|nd|rd|th|-?га|-?е|-?го)?{_SP}+(?:of{_SP}+)?"
    rf"(?P<m1>{_MONTH_ALT})\.?(?![^\W\d_])" + _YEAR.format(y="y1")
)
#: Month day [, year]: "March 9, 2021"
_EN_MONTHS = "|".join(
    sorted((n.capitalize() for n in MONTHS if n.isascii()), key=len, reverse=True)
)
_MDY = (
    rf"(?=[A-Z])(?<![^\W\d_])(?P<m2>(?-i:{_EN_MONTHS}))\.?{_SP}+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    + _YEAR.format(y="y2")
)
#: Numeric: 9.03.2021, 09.03.21, 2021-03-09, 03/09/2021 (slash is ambiguous: d/m or m/d)
_NUM_DOT = r"(?=\d)(?<![\d.,])(?P<d3>[0-3]?\d)\.(?P<m3>[01]?\d)\.(?P<y3>\d{4}|\d{2})(?![\d])"
_NUM_ISO = r"(?=\d)(?<![\d.,])(?P<y4>\d{4})-(?P<m4>[01]\d)-(?P<d4>[0-3]\d)(?!\d)"
_NUM_SLASH = r"(?=\d)(?<![\d/])(?P<a5>[0-3]?\d)/(?P<b5>[0-3]?\d)/(?P<y5>\d{4}|\d{2})(?!\d)"
#: Dates that start with a digit (every language), and "March 9" (English only).
DATE_RE = re.compile(
    r"(?=\d)(?:" + "|".join(f"(?:{p})" for p in (_NUM_ISO, _NUM_DOT, _NUM_SLASH, _DMY)) + ")",
    re.IGNORECASE,
)
MDY_RE = re.compile(_MDY, re.IGNORECASE)
#: Every English month name starts with one of these (case-sensitive, as in MDY_RE).
_EN_MONTH_PREFIXES = tuple(sorted({n.capitalize()[:3] for n in MONTHS if n.isascii()}))

#: Numbers: digits with optional thousands groups (space, NBSP, thin space, comma, period,
#: apostrophe) and an optional decimal part; clock times and scores (10:30, 3:1) stay whole.
NUMBER_RE = re.compile(
    r"(?=\d)(?:(?<![\w:])\d{1,2}:\d{2}(?![\d:])"
    rf"|(?<![\w.,])\d{{1,3}}(?:(?P<sep>{_SP}|,|\.|')\d{{3}}(?:(?P=sep)\d{{3}})*)(?:[.,]\d+)?(?!\d)"
    r"|(?<![\w])\d+(?:[.,]\d+)?(?!\d))"
)
#: Scale words after a number: "10 тыс." = 10,000; "1.5 million" = 1,500,000.
_SCALE_RE = re.compile(
    rf"{_SP}*(?:(?P<k>thousand|тыс|тысяч|k\b)|(?P<m>million|mln|m\b|млн|мільён|миллион)"
    r"|(?P<b>billion|bn|млрд|мільярд|миллиард))",
    re.IGNORECASE,
)
_AMPM_RE = re.compile(rf"{_SP}?([ap])\.?m\b\.?", re.IGNORECASE)
_SCALES = {"k": 1000, "m": 1000000, "b": 1000000000}


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    return y + 2000 if y < 100 else y


def _date_candidates(m: re.Match[str]) -> frozenset[tuple[int, int, int | None]]:
    g = m.groupdict()
    if g.get("m2"):
        return frozenset({(int(g["d2"]), MONTHS[g["m2"].lower()], _year(g["y2"]))})
    if g["y4"]:
        return frozenset({(int(g["d4"]), int(g["m4"]), int(g["y4"]))})
    if g["d3"]:
        return frozenset({(int(g["d3"]), int(g["m3"]), _year(g["y3"]))})
    if g["a5"]:
        a, b, y = int(g["a5"]), int(g["b5"]), _year(g["y5"])
        return frozenset({(a, b, y), (b, a, y)})
    return frozenset({(int(g["d1"]), MONTHS[g["m1"].lower()], _year(g["y1"]))})


_CLOCK_RE = re.compile(r"([0-2]?\d)[.,]([0-5]\d)")
_DROP_GROUPING = str.maketrans("", "", " \u00a0\u202f\u2009'")
_DIGIT = re.compile(r"\d")


def _number_value(text: str, lang: str) -> str:
    """Canonical value of a written number: grouping removed, decimal point as '.'."""
    raw = text.translate(_DROP_GROUPING)
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


def _readings(m: re.Match[str], text: str, lang: str) -> frozenset[str]:
    """Every value a written number can stand for ("10.30" is 10.3 or half past ten)."""
    raw = m.group(0)
    if ":" in raw:
        return frozenset({raw.lstrip("0") or "0"})
    if raw.isdecimal():  # plain digits: no grouping, no decimal part, no clock time
        value = raw.lstrip("0") or "0"
        out = {value}
    else:
        value = _number_value(raw, lang)
        out = {value}
        clock = _CLOCK_RE.fullmatch(raw)
        if clock and int(clock.group(1)) <= 24:
            out.add(f"{int(clock.group(1))}:{clock.group(2)}")
    end = m.end()
    if end >= len(text):
        return frozenset(out)
    half = _AMPM_RE.match(text, end)
    if half and value.isdigit() and 1 <= int(value) <= 12:
        hour = int(value) % 12 + (12 if half.group(1).lower() == "p" else 0)
        out.update({str(hour), f"{hour}:00"})
    scale = _SCALE_RE.match(text, end)
    if scale:
        factor = _SCALES[scale.lastgroup or "k"]
        out.add(_fmt_value(float(value) * factor))
    return frozenset(out)


def _fmt_value(x: float) -> str:
    return str(int(round(x))) if abs(x - round(x)) < 1e-6 else repr(x)


@lru_cache(maxsize=65536)
def analyze(text: str, lang: str) -> tuple[tuple[frozenset, ...], tuple[frozenset[str], ...]]:
    """Dates (sets of (day, month, year) readings) and numbers (sets of value readings)."""
    if _DIGIT.search(text) is None:  # stripping markup never adds a digit
        return (), ()
    text = strip_markup(text)
    if _DIGIT.search(text) is None:
        return (), ()
    found = list(DATE_RE.finditer(text))
    if lang == "en" and any(p in text for p in _EN_MONTH_PREFIXES):
        taken = [(m.start(), m.end()) for m in found]
        for m in MDY_RE.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                found.append(m)
        found.sort(key=lambda m: m.start())
    dates = tuple(_date_candidates(m) for m in found)
    rest = text
    for m in reversed(found):
        rest = rest[: m.start()] + " " + rest[m.end() :]
    numbers = tuple(_readings(m, rest, lang) for m in NUMBER_RE.finditer(rest))
    return dates, numbers


_ROMAN_RE = re.compile(r"(?<![^\W\d_])[IVXLCХ]+(?![^\W\d_])")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "Х": 10}


def _roman_values(text: str) -> set[str]:
    out = set()
    for m in _ROMAN_RE.finditer(text):
        total, prev = 0, 0
        for ch in reversed(m.group(0)):
            v = _ROMAN[ch]
            total = total - v if v < prev else total + v
            prev = max(prev, v)
        out.add(str(total))
    return out


#: Numbers that translators often write as words (or imply: "24 hours" -> "сутки"). A number
#: missing on one side is accepted when the other side has one of these words. Long stems match
#: as prefixes ("четыр" covers четыре/четырёх), shorter forms only as whole words unless they
#: end with "*" (combining forms: "двух*" covers двухгадовы, двухлетний).
_NUMBER_WORDS_RAW = {
    "1": "one first once адзін адна адно аднаго адной адну першы першая першае "
    "один одна одно одного одной одну первый первая первое",
    "2": "two second twice both два дзве двух* двум двума дзвюма другі другая двое двайны двойчы "
    "две двумя второй вторая двое дважды оба обе",
    "3": "three third thrice тры трох* тром трыма трэці трэцяя трое тройчы "
    "три трёх* трех* тремя третий третья трое трижды",
    "4": "four fourth чатыр чацвёр чацвер чацвяр четыр четвёр четвер четверт",
    "5": "five fifth пяць пяці* пяцьма пяты пятая пять пяти* пятью пятый",
    "6": "six sixth шэсць шасці* шосты шесть шести* шестой",
    "7": "seven seventh сем сямі* сёмы семь семи* седьм",
    "8": "eight eighth восем васьмі восьм восемь восьми",
    "9": "nine ninth дзевяць дзевяці дзявят девят",
    "10": "ten tenth decade дзесяць дзесяці дзясят десят",
    "12": "twelve dozen дванаццац двенадцат тузін дюжин",
    "24": "суткі сутак сутках сутки суток",
    "100": "hundred сто сотн",
    "1000": "thousand тысяч",
    "1.5": "полтора полутора паўтара",
    "0.5": "half палов палавін паўгод паўгадз половин полгод полчас",
}
NUMBER_WORDS = {k: tuple(v.split()) for k, v in _NUMBER_WORDS_RAW.items()}


def _has_number_word(value: str, words: list[str]) -> bool:
    forms = NUMBER_WORDS.get(value)
    if not forms:
        return False
    for w in words:
        low = w.lower()
        for f in forms:
            stem = f.rstrip("*")
            if low == stem or ((len(f) >= 5 or f.endswith("*")) and low.startswith(stem)):
                return True
    return False


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
        """Compare the number values (1,5 = 1.5; 10 000 = 10,000 = 10 тыс.; 7-12 = 7–12)."""
        src_dates, src_nums = analyze(unit.msgid, unit.src_lang)
        tgt_dates, tgt_nums = analyze(unit.msgstr, unit.tgt_lang)
        if src_nums == tgt_nums:
            return []  # the same values in the same order: none missing, none extra
        # A year or day written inside a date on one side and alone on the other still counts.
        src_all = set().union(*src_nums) | {str(x) for c in src_dates for t in c for x in t if x}
        tgt_all = set().union(*tgt_nums) | {str(x) for c in tgt_dates for t in c for x in t if x}
        missing = [_show(n) for n in dict.fromkeys(src_nums) if not n & tgt_all]
        extra = [_show(n) for n in dict.fromkeys(tgt_nums) if not n & src_all]
        if missing:
            words, roman = unit.tgt_words, _roman_values(unit.tgt_plain)
            missing = [n for n in missing if n not in roman and not _has_number_word(n, words)]
        if extra:
            words, roman = unit.src_words, _roman_values(unit.src_plain)
            extra = [n for n in extra if n not in roman and not _has_number_word(n, words)]
        out = []
        if missing:
            out.append("number missing in translation: " + ", ".join(missing))
        if extra:
            out.append("number not in source: " + ", ".join(extra))
        return out


def _show(readings: frozenset[str]) -> str:
    """The plain value among a number's readings (not the scaled or clock one)."""
    return min(readings, key=lambda r: (":" in r, len(r), r))  # ties: same text every run


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

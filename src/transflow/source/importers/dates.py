"""Date lines ("9 Mar 2021", "09.03.2021") and news datelines."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from transflow.lang.calendar import month_numbers

_MONTH_INDEX = month_numbers()
_WORD = r"[^\W\d_]+"

_DAY_MONTH_YEAR = re.compile(
    rf"^(\d{{1,2}})\s+({_WORD})\.?,?\s+(\d{{4}})(?:\s*(?:г\.?|года|год))?$"
)
_MONTH_DAY_YEAR = re.compile(rf"^({_WORD})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})$")
_NUMERIC = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEKDAY_PREFIX = re.compile(rf"^{_WORD},\s*")
_TIME_SUFFIX = re.compile(r"[,\s|]+\d{1,2}:\d{2}(?::\d{2})?$")

_DASHES = "-–—‒―"  # hyphen-minus, en dash, em dash, figure dash, horizontal bar
_DATELINE = re.compile(
    rf"""^\s*
    (?P<place>[^\W\d_][^\W\d_.'’\- ]*(?:[ .'’\-]+[^\W\d_]+){{0,3}}\.?)   # MINSK, NEW YORK
    (?:\s*,\s*(?P<day>\d{{1,2}})\s+(?P<month>{_WORD})\.?)?              # , 9 March
    \s*\((?P<agency>[^()\n]{{1,40}})\)                                   # (BelTA)
    \s*(?:-\s+|[{_DASHES[1:]}]\s*)""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Dateline:
    """A news dateline split into parts: "MINSK, 9 March (BelTA) - " -> place, date, agency."""

    place: str
    agency: str
    day: int | None
    month: int | None
    end: int  # index in the paragraph where the text after the dateline starts


def month_number(word: str) -> int | None:
    """Month number (1-12) of an en/ru/be month name or abbreviation, or None."""
    token = word.strip().rstrip(".").casefold().replace("'", "ʼ")
    if not token:
        return None
    found = _MONTH_INDEX.get(token.replace("ʼ", ""))
    if found is not None:
        return found
    if len(token) >= 3:
        numbers = {n for w, n in _MONTH_INDEX.items() if w.startswith(token)}
        if len(numbers) == 1:
            return numbers.pop()
    return None


def _make_date(year: int, month: int | None, day: int) -> dt.date | None:
    if month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date_line(line: str) -> dt.date | None:
    """Parse a whole line that is only a date ("9 Mar 2021", "09.03.2021", "2021-03-09")."""
    text = _TIME_SUFFIX.sub("", " ".join(line.split()))
    text = _WEEKDAY_PREFIX.sub("", text)
    if not text or len(text) > 40:
        return None
    if match := _DAY_MONTH_YEAR.match(text):
        return _make_date(int(match[3]), month_number(match[2]), int(match[1]))
    if match := _MONTH_DAY_YEAR.match(text):
        return _make_date(int(match[3]), month_number(match[1]), int(match[2]))
    if match := _NUMERIC.match(text):
        return _make_date(int(match[3]), int(match[2]), int(match[1]))
    if match := _ISO.match(text):
        return _make_date(int(match[1]), int(match[2]), int(match[3]))
    return None


def title_case_place(place: str) -> str:
    """Title-case a place written in capitals ("NEW YORK" -> "New York"); keep mixed case."""
    words = re.split(r"([ \-.'’]+)", place.strip())
    out = []
    for word in words:
        if word.isupper() and len(word) > 1:
            out.append(word[0] + word[1:].lower())
        else:
            out.append(word)
    return "".join(out)


def parse_dateline(paragraph: str) -> Dateline | None:
    """Recognise a dateline at the start of a paragraph; None when there is none."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match["place"].strip()
    words = re.split(r"[ \-]+", place)
    if not (place.isupper() or all(w[:1].isupper() for w in words)):
        return None
    month = None
    day = None
    if match["month"]:
        month = month_number(match["month"])
        if month is None:
            return None
        day = int(match["day"])
        if not 1 <= day <= 31:
            return None
    agency = match["agency"].strip()
    if not agency[:1].isupper() or len(agency.split()) > 4:
        return None
    return Dateline(title_case_place(place), agency, day, month, match.end())

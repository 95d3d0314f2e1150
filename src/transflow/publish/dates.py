"""Localized dates and datelines (Babel locale data), and ISO timestamps for feeds.

Dates are structured data, never MT input: an article's date and dateline are rendered per
language from the date, the place and the agency (both already translated by the caller).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_format_date
from babel.dates import format_skeleton

from transflow.errors import TransflowError
from transflow.publish.lacinka import LANG_TAG as LATIN_TAG
from transflow.publish.lacinka import to_lacinka

#: Output language -> Babel locale. English follows British usage ("9 March 2021").
LOCALES = {"be": "be", "ru": "ru", "en": "en_GB", LATIN_TAG: "be"}


def _locale(lang: str) -> str:
    try:
        return LOCALES[lang]
    except KeyError:
        raise TransflowError(
            f"no date format for language {lang!r} (known: {', '.join(LOCALES)})"
        ) from None


def _as_date(value: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise TransflowError(f"not an ISO date: {value!r}") from None


#: Babel (CLDR) puts narrow or plain no-break spaces in some patterns ("2021\u202fг."); we
#: write ordinary spaces so that texts compare and search predictably (templates may re-join).
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})


def _script(text: str, lang: str) -> str:
    text = text.translate(_SPACES)
    return to_lacinka(text) if lang == LATIN_TAG else text


def format_date(date: dt.date | dt.datetime | str, lang: str) -> str:
    """Long date in `lang`: be "9 сакавіка 2021 г.", ru "9 марта 2021 г.", en "9 March 2021"."""
    text = _babel_format_date(_as_date(date), format="long", locale=_locale(lang))
    return _script(text, lang)


def format_day_month(date: dt.date | dt.datetime | str, lang: str) -> str:
    """Day and (genitive) month without the year: be "9 сакавіка", en "9 March"."""
    text = format_skeleton("MMMMd", _as_date(date), locale=_locale(lang))
    return _script(text, lang)


def format_dateline(place: str, date: dt.date | dt.datetime | str, agency: str, lang: str) -> str:
    """Dateline such as en "MINSK, 9 March (BelTA)" or be "МІНСК, 9 сакавіка (БЕЛТА)".

    `place` and `agency` are given already translated; the place is upper-cased, an empty place
    or agency is left out.
    """
    day = format_day_month(date, lang)
    place_text = _script(place.strip(), lang).upper()
    text = f"{place_text}, {day}" if place_text else day
    agency = _script(agency.strip(), lang)
    return f"{text} ({agency})" if agency else text


def iso_datetime(date: dt.date | dt.datetime | str) -> str:
    """RFC 3339 timestamp for Atom feeds; a date is midnight UTC, a naive time is taken as UTC."""
    if isinstance(date, str):
        try:
            date = dt.datetime.fromisoformat(date) if "T" in date else _as_date(date)
        except ValueError:
            raise TransflowError(f"not an ISO date or datetime: {date!r}") from None
    if not isinstance(date, dt.datetime):
        date = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    if date.tzinfo is None:
        date = date.replace(tzinfo=dt.UTC)
    text = date.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text

"""Tests for transflow.publish.dates: localized dates, datelines and feed timestamps."""

from __future__ import annotations

import datetime as dt

import pytest

from transflow.errors import TransflowError
from transflow.publish.dates import format_date, format_dateline, format_day_month, iso_datetime

DAY = dt.date(2021, 3, 9)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("be", "9 сакавіка 2021 г."),
        ("ru", "9 марта 2021 г."),
        ("en", "9 March 2021"),
        ("be-Latn", "9 sakavika 2021 h."),
    ],
)
def test_format_date(lang: str, expected: str) -> None:
    assert format_date(DAY, lang) == expected


def test_format_date_accepts_iso_strings_and_datetimes() -> None:
    assert format_date("2021-03-09", "ru") == "9 марта 2021 г."
    assert format_date(dt.datetime(2021, 3, 9, 23, 59), "ru") == "9 марта 2021 г."


@pytest.mark.parametrize(
    ("month", "be", "ru"),
    [
        (1, "студзеня", "января"),
        (5, "мая", "мая"),
        (7, "ліпеня", "июля"),
        (11, "лістапада", "ноября"),
    ],
)
def test_genitive_month_names(month: int, be: str, ru: str) -> None:
    day = dt.date(2022, month, 15)
    assert format_day_month(day, "be") == f"15 {be}"
    assert format_day_month(day, "ru") == f"15 {ru}"


@pytest.mark.parametrize(
    ("place", "agency", "lang", "expected"),
    [
        ("Minsk", "BelTA", "en", "MINSK, 9 March (BelTA)"),
        ("Минск", "БЕЛТА", "ru", "МИНСК, 9 марта (БЕЛТА)"),
        ("Мінск", "БЕЛТА", "be", "МІНСК, 9 сакавіка (БЕЛТА)"),
        ("Мінск", "БЕЛТА", "be-Latn", "MINSK, 9 sakavika (BIEŁTA)"),
        ("Гродна", "", "be", "ГРОДНА, 9 сакавіка"),
        ("", "BelTA", "en", "9 March (BelTA)"),
    ],
)
def test_format_dateline(place: str, agency: str, lang: str, expected: str) -> None:
    assert format_dateline(place, DAY, agency, lang) == expected


def test_output_has_only_plain_spaces() -> None:
    for lang in ("be", "ru", "en", "be-Latn"):
        text = format_date(DAY, lang) + format_dateline("X", DAY, "Y", lang)
        assert "\u202f" not in text and "\u00a0" not in text


def test_unknown_language_is_a_transflow_error() -> None:
    with pytest.raises(TransflowError, match="'de'"):
        format_date(DAY, "de")


def test_bad_date_is_a_transflow_error() -> None:
    with pytest.raises(TransflowError, match="not an ISO date"):
        format_date("9 March", "en")
    with pytest.raises(TransflowError, match="not an ISO date"):
        iso_datetime("2021-13-45T00:00")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (DAY, "2021-03-09T00:00:00Z"),
        ("2021-03-09", "2021-03-09T00:00:00Z"),
        (dt.datetime(2021, 3, 9, 8, 30, 5, 123), "2021-03-09T08:30:05Z"),
        ("2021-03-09T10:11:12+03:00", "2021-03-09T10:11:12+03:00"),
        (dt.datetime(2021, 3, 9, 8, 30, tzinfo=dt.UTC), "2021-03-09T08:30:00Z"),
    ],
)
def test_iso_datetime(value: object, expected: str) -> None:
    assert iso_datetime(value) == expected

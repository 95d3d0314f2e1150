"""Tests for month names, date lines and datelines of imported pages."""

from __future__ import annotations

import datetime as dt

import pytest

from transflow.source.importers.dates import (
    month_number,
    parse_date_line,
    parse_dateline,
    title_case_place,
)


@pytest.mark.parametrize(
    ("word", "number"),
    [
        ("Mar", 3),
        ("March", 3),
        ("sept.", 9),
        ("мар", 3),
        ("марта", 3),
        ("мая", 5),
        ("май", 5),
        ("сак", 3),
        ("сакавіка", 3),
        ("траўня", 5),
        ("жніўня", 8),
        ("ліп", 7),
        ("ліс", 11),
        ("Снеж.", 12),
        ("нояб", 11),
    ],
)
def test_month_number_knows_en_ru_be_forms(word: str, number: int) -> None:
    assert month_number(word) == number


@pytest.mark.parametrize("word", ["", "ma", "мa", "Events", "События", "xyz"])
def test_month_number_rejects_non_months(word: str) -> None:
    assert month_number(word) is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("9 Mar 2021", dt.date(2021, 3, 9)),
        ("  9 Mar 2021  ", dt.date(2021, 3, 9)),
        ("9 мар 2021", dt.date(2021, 3, 9)),
        ("9 сак 2021", dt.date(2021, 3, 9)),
        ("09.03.2021", dt.date(2021, 3, 9)),
        ("09.03.2021 14:35", dt.date(2021, 3, 9)),
        ("2021-03-09", dt.date(2021, 3, 9)),
        ("March 9, 2021", dt.date(2021, 3, 9)),
        ("Tuesday, 9 March 2021", dt.date(2021, 3, 9)),
        ("9 марта 2021 г.", dt.date(2021, 3, 9)),
        ("31 снежня 2020", dt.date(2020, 12, 31)),
    ],
)
def test_parse_date_line(line: str, date: dt.date) -> None:
    assert parse_date_line(line) == date


@pytest.mark.parametrize(
    "line", ["Events", "31 Feb 2021", "9 Foo 2021", "Archive", "On 9 March 2021 the forum met", ""]
)
def test_parse_date_line_rejects_other_lines(line: str) -> None:
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    ("paragraph", "place", "agency", "rest"),
    [
        ("MINSK, 9 March (BelTA) - The forum opened.", "Minsk", "BelTA", "The forum opened."),
        ("MINSK, 9 March (BelTA) – The forum opened.", "Minsk", "BelTA", "The forum opened."),
        ("MINSK, 9 March (BelTA) — The forum opened.", "Minsk", "BelTA", "The forum opened."),
        ("NEW YORK, 25 March (BelTA) - Talks began.", "New York", "BelTA", "Talks began."),
        ("МИНСК, 9 марта (БЕЛТА) – Форум открылся.", "Минск", "БЕЛТА", "Форум открылся."),
        ("МІНСК, 9 сакавіка (БЕЛТА) — Форум адкрыўся.", "Мінск", "БЕЛТА", "Форум адкрыўся."),
        ("Brest (BelTA) - A new bridge opened.", "Brest", "BelTA", "A new bridge opened."),
    ],
)
def test_parse_dateline(paragraph: str, place: str, agency: str, rest: str) -> None:
    found = parse_dateline(paragraph)
    assert found is not None
    assert (found.place, found.agency, paragraph[found.end :]) == (place, agency, rest)


def test_parse_dateline_reads_day_and_month() -> None:
    found = parse_dateline("GOMEL, 14 April (BelTA) – Text.")
    assert found is not None and (found.day, found.month) == (14, 4)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The minister (right) - as usual - spoke first.",
        "MINSK, 9 Foo (BelTA) - Text.",
        "MINSK, 9 March (BelTA)-based text",
        "Twelve carvers from four countries spent a week in the park.",
    ],
)
def test_parse_dateline_rejects_other_paragraphs(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_title_case_place_keeps_mixed_case() -> None:
    assert title_case_place("ST. PETERSBURG") == "St. Petersburg"
    assert title_case_place("Minsk") == "Minsk"
    assert title_case_place("MARINA GORKA") == "Marina Gorka"

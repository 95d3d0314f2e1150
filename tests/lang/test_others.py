"""Tests for transflow.lang.others: languages outside be/ru/uk/en named through langdetect."""

from __future__ import annotations

import pytest

from transflow.lang.others import language_name, name_language, name_languages


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Wystawa rolnicza w Grodnie przyciągnęła w tym roku rekordową liczbę gości.", "pl"),
        ("La foire agricole de Grodno a attiré cette année un nombre record de visiteurs.", "fr"),
        ("Выстава адкрылася ў Гродне ў пятніцу.", "be"),
        ("Выставка открылась в Гродно в пятницу.", "ru"),
        ("The fair opened in Grodno on Friday.", "en"),
    ],
)
def test_names_the_language(text, code):
    assert name_language(text) == code


def test_too_little_text_stays_undetermined():
    assert name_language("Wystawa") in ("und", "en")
    assert name_language("12 345 !!") == "und"


def test_batches_keep_the_order_and_agree_with_single_calls():
    lines = ["Выставка открылась в Гродно.", "", "Les visiteurs sont venus nombreux cette année."]
    assert list(name_languages(lines, batch=2)) == [name_language(x) for x in lines]


def test_language_names_come_from_babel():
    assert language_name("pl") == "Polish"
    assert language_name("xx-nonsense") == "xx-nonsense"

"""Respelling of unknown words between Russian and Belarusian, and post-editing of output."""

from __future__ import annotations

import pytest

from transflow.mt.orthography import BE_RU_RULES, RU_BE_RULES, adapt_word, post_edit


@pytest.mark.parametrize(
    ("ru", "be"),
    [
        ("Жуковский", "Жукоўскі"),
        ("Щучинского", "Шчучынскага"),
        ("Короткевич", "Караткевіч"),
        ("Лукашенко", "Лукашэнка"),
        ("Раубичах", "Раўбічах"),
        ("Мадриде", "Мадрыдзе"),
        ("пройдет", "пройдзе"),
        ("придёт", "прыдзе"),
        ("покажут", "пакажуць"),
        ("ведут", "ведуць"),
        ("маршрут", "маршрут"),
        ("Татьяна", "Таццяна"),
        ("Наталья", "Наталля"),
        ("Росси", "Росі"),
        ("Смирнов", "Смірноў"),
        ("Дарья", "Дар'я"),
        ("реконструкция", "рэканструкцыя"),
        ("АИ-92", "АІ-92"),
    ],
)
def test_ru_to_be(ru: str, be: str) -> None:
    assert adapt_word(ru, "ru", "be") == be


@pytest.mark.parametrize(
    ("be", "ru"),
    [
        ("Шчучынскага", "Щучинского"),
        ("Лукашэнка", "Лукашенко"),
        ("заявіў", "заявил"),
        ("абяцаюць", "абяцают"),
        ("пройдзе", "пройдет"),
        ("Лідзе", "Лиде"),
        ("прагрэецца", "прагреется"),
        ("Наталля", "Наталья"),
        ("Дар'я", "Дарья"),
        ("аб'ём", "абъём"),
        ("рэфінансавання", "рефинансавания"),
        ("Інвестыцыі", "Инвестиции"),
        ("развіцця", "развития"),
    ],
)
def test_be_to_ru(be: str, ru: str) -> None:
    assert adapt_word(be, "be", "ru") == ru


def test_other_pairs_and_non_words_unchanged() -> None:
    assert adapt_word("Minsk", "en", "be") == "Minsk"
    assert adapt_word("2021", "ru", "be") == "2021"
    assert adapt_word("-", "be", "ru") == "-"


def test_case_is_kept() -> None:
    assert adapt_word("ЩУКИН", "ru", "be") == "ШЧУКІН"
    assert adapt_word("щукин", "ru", "be") == "шчукін"


def test_rules_can_be_disabled() -> None:
    assert adapt_word("Щукин", "ru", "be", disabled={"shch"}) == "Щукін"
    names = [n for n, _ in RU_BE_RULES] + [n for n, _ in BE_RU_RULES]
    assert "shch" in names and "cekanne" in names


def test_post_edit_short_u_after_vowel() -> None:
    assert post_edit("нарада у Мінску", "ru", "be") == "нарада ў Мінску"
    assert post_edit("можна убачыць", "ru", "be") == "можна ўбачыць"
    assert post_edit("У Мінску", "ru", "be") == "У Мінску"  # sentence start
    assert post_edit("завод у Мінску", "ru", "be") == "завод у Мінску"  # after a consonant
    assert post_edit("нарада, у Мінску", "ru", "be") == "нарада, у Мінску"  # after a comma
    assert post_edit("сустрэча Уладзіміра", "ru", "be") == "сустрэча Уладзіміра"  # a name


def test_post_edit_future_tense() -> None:
    assert post_edit("ёсць каштаваць", "ru", "be") == "будзе каштаваць"
    assert post_edit("ёсць грошы", "ru", "be") == "ёсць грошы"


def test_post_edit_be_ru() -> None:
    assert post_edit("более за 400 тысяч", "be", "ru") == "более 400 тысяч"
    assert post_edit("к 7,75 процента", "be", "ru") == "до 7,75 процента"
    assert post_edit("к засухе", "be", "ru") == "к засухе"
    assert post_edit("нарада у Мінску", "en", "be") == "нарада у Мінску"

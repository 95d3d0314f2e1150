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
        ("прагрэецца", "прогреется"),
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


@pytest.mark.parametrize(
    ("ru", "be"),
    [
        ("Мингорисполкома", "Мінгарвыканкама"),  # ispolkom
        ("райисполком", "райвыканкам"),
        ("Белгидромета", "Белгідрамета"),  # compound-o
        ("финансирует", "фінансуе"),  # verb-ir + verb-3sg
        ("планируют", "плануюць"),
        ("контролирует", "кантралюе"),
        ("прогнозировать", "прагназаваць"),  # verb-ir + verb-ova
        ("организовал", "арганізаваў"),  # verb-ova + past-masc
        ("остаётся", "астаецца"),  # tsa + verb-3sg-tsa
        ("ожидаются", "ажыдаюцца"),  # tsa
        ("длилась", "длілася"),  # reflexive-past
        ("поднялся", "падняўся"),  # past-masc-refl
        ("выпустил", "выпусціў"),  # past-masc
        ("заявил", "заявіў"),
        ("обследование", "абследаванне"),  # nne
        ("готовность", "гатоўнасць"),  # ost
    ],
)
def test_ru_to_be_new_rules(ru: str, be: str) -> None:
    assert adapt_word(ru, "ru", "be") == be


@pytest.mark.parametrize(
    "word", ["Михаил", "Павел", "канал", "Испания", "кость", "был", "бюджет", "совет"]
)
def test_ru_to_be_new_rules_leave_other_words(word: str) -> None:
    out = adapt_word(word, "ru", "be")
    assert not out.endswith(("ў", "цца", "нне", "асць")) and not out.endswith("е") or out == word


@pytest.mark.parametrize(
    ("be", "ru"),
    [
        ("Мінгарвыканкама", "Мингорисполкома"),  # ispolkom
        ("Белгідрамета", "Белгидромета"),  # compound-o
        ("праводзіцца", "проводится"),  # pra-pro
        ("права", "права"),
        ("правільна", "правильна"),
        ("праверыць", "проверить"),
        ("доўжылася", "довжилась"),  # reflexive-past
        ("Кухараў", "Кухаров"),  # name-ov
        ("Караеў", "Караев"),
        ("Барысава", "Барисова"),  # name-ova
        ("Кавалёвай", "Кавалёвой"),
        ("Ярослава", "Ярослава"),
        ("Галоўчанка", "Галовченко"),  # name-chenko
        ("аграрыі", "аграрии"),
    ],
)
def test_be_to_ru_new_rules(be: str, ru: str) -> None:
    assert adapt_word(be, "be", "ru") == ru


def test_surname_rules_only_for_capitalised_words() -> None:
    assert adapt_word("расказаў", "be", "ru") == "расказал"  # a verb stays a past tense


def test_post_edit_new_rules() -> None:
    assert post_edit("больш 400 тысяч", "ru", "be") == "больш за 400 тысяч"
    assert post_edit("больш людзей", "ru", "be") == "больш людзей"
    assert post_edit("вырас па параўнанню з", "ru", "be") == "вырас ў параўнанні з"
    assert post_edit("з рахункам 4:2", "ru", "be") == "з лікам 4:2"
    assert post_edit("у мінуўшчыне году", "ru", "be") == "у мінулым годзе"
    assert post_edit("в прошлым полно", "be", "ru") == "в прошлом году"
    assert post_edit("с числом 0:1", "be", "ru") == "со счётом 0:1"
    assert post_edit("в Бабруйску", "be", "ru") == "в Бабруйске"
    assert post_edit("к Бабруйску", "be", "ru") == "к Бабруйску"

"""Tests for transflow.publish.lacinka: Belarusian Cyrillic to Łacinka."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transflow.publish.lacinka import LANG_TAG, to_lacinka

WORDS = [
    # place names
    ("Мінск", "Minsk"),
    ("Беларусь", "Biełaruś"),
    ("Гомель", "Homiel"),
    ("Магілёў", "Mahiloŭ"),
    ("Віцебск", "Viciebsk"),
    ("Гродна", "Hrodna"),
    ("Брэст", "Brest"),
    ("Хатынь", "Chatyń"),
    ("Дзяржынск", "Dziaržynsk"),
    ("Полацк", "Połack"),
    ("Жодзіна", "Žodzina"),
    ("Слуцк", "Słuck"),
    ("Ліда", "Lida"),
    ("Наваполацк", "Navapołack"),
    ("Шклоў", "Škłoŭ"),
    # people
    ("Лукашэнка", "Łukašenka"),
    ("Ягор", "Jahor"),
    ("Ілья", "Ilja"),
    ("Ільюшын", "Iljušyn"),
    ("Юрый", "Juryj"),
    ("Ева", "Jeva"),
    # iotated vowels: word start, after vowel, after consonant, after л
    ("яблык", "jabłyk"),
    ("вёска", "vioska"),
    ("мая", "maja"),
    ("краіна", "kraina"),
    ("поезд", "pojezd"),
    ("лёс", "los"),
    ("люстра", "lustra"),
    ("лета", "leta"),
    ("поле", "pole"),
    ("зямля", "ziamla"),
    ("тыдзень", "tydzień"),
    ("дзеці", "dzieci"),
    ("час", "čas"),
    ("частка", "častka"),
    ("джаз", "džaz"),
    ("ўрад", "ŭrad"),
    ("шчасце", "ščascie"),
    ("хлеб", "chleb"),
    ("ґанак", "ganak"),
    # soft sign
    ("сьлязьмі", "ślaźmi"),
    ("соль", "sol"),
    ("конь", "koń"),
    ("восень", "vosień"),
    ("пісьмо", "piśmo"),
    ("васьмі", "vaśmi"),
    ("моладзь", "moładź"),
    ("бацька", "baćka"),
    ("рэчаіснасьць", "rečaisnaść"),
    # apostrophe
    ("з'ява", "zjava"),
    ("сям’я", "siamja"),
    ("аб'ём", "abjom"),
    ("сям'і", "siamji"),
    ("пад'езд", "padjezd"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), WORDS)
def test_words(cyrillic: str, latin: str) -> None:
    assert to_lacinka(cyrillic) == latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("МІНСК", "MINSK"),
        ("БЕЛАРУСЬ", "BIEŁARUŚ"),
        ("ЧАСТКА", "ČASTKA"),
        ("ХАТЫНЬ", "CHATYŃ"),
        ("ЯБЛЫК", "JABŁYK"),
        ("ЛЁС", "LOS"),
        ("ЮРЫЙ", "JURYJ"),
        ("ДЖАЗ", "DŽAZ"),
        ("ЗЬЯВА", "ŹJAVA"),
        ("Чэрвень", "Červień"),
        ("Хлеб", "Chleb"),
        ("Я", "Ja"),
        ("Ё", "Jo"),
        ("БЕЛТА", "BIEŁTA"),
        ("ЯНВАР Ёсць", "JANVAR Josć"),
    ],
)
def test_capitals(cyrillic: str, latin: str) -> None:
    assert to_lacinka(cyrillic) == latin


def test_sentence_with_punctuation_and_numbers() -> None:
    text = "У Мінску 9 сакавіка адкрылася выстава «Зямля і людзі» — упершыню за 5 гадоў!"
    expected = "U Minsku 9 sakavika adkryłasia vystava «Ziamla i ludzi» — upieršyniu za 5 hadoŭ!"
    assert to_lacinka(text) == expected


def test_placeholders_and_latin_text_untouched() -> None:
    text = "<b>Ягор</b> чытае <a1>BelTA</a1> і {name} %s"
    assert to_lacinka(text) == "<b>Jahor</b> čytaje <a1>BelTA</a1> i {name} %s"


def test_vowel_after_placeholder_counts_as_word_start() -> None:
    assert to_lacinka("<i>ява</i>") == "<i>java</i>"


def test_quote_apostrophes_are_kept() -> None:
    assert to_lacinka("'Мінск'") == "'Minsk'"
    assert to_lacinka("слова’") == "słova’"


def test_no_cyrillic_left_in_belarusian_text() -> None:
    alphabet = "абвгдеёжзійклмнопрстуўфхцчшыьэюя"
    text = alphabet + " " + alphabet.upper()
    out = to_lacinka(text)
    assert not any("\u0400" <= ch <= "\u04ff" for ch in out)


def test_lang_tag() -> None:
    assert LANG_TAG == "be-Latn"


@given(st.text())
def test_deterministic_and_non_cyrillic_passes_through(text: str) -> None:
    out = to_lacinka(text)
    assert out == to_lacinka(text)
    if not any("\u0400" <= ch <= "\u04ff" for ch in text):
        assert out == text

"""Tests for transflow.source.segment: lossless sentence splitting in be, ru and en."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transflow.source.markdown import parse_body
from transflow.source.model import Block
from transflow.source.segment import count_words, join, sentences, split, split_block

BE_NEWS = (
    "Мінск, 9 сакавіка. Прэм'ер-міністр Р. А. Галоўчанка правёў нараду ў Доме ўрада. "
    "Абмяркоўвалася будаўніцтва жылля на вул. Кальварыйскай і пр-т Пераможцаў, напр. новых "
    "кварталаў на 2,5 тыс. кватэр. Кошт праекта ацэньваецца ў 120 млн руб. Урад чакае "
    "вынікаў да канца года. «Мы не можам марудзіць. Людзі чакаюць», — адзначыў кіраўнік урада."
)
BE_EXPECTED = [
    "Мінск, 9 сакавіка.",
    "Прэм'ер-міністр Р. А. Галоўчанка правёў нараду ў Доме ўрада.",
    "Абмяркоўвалася будаўніцтва жылля на вул. Кальварыйскай і пр-т Пераможцаў, напр. новых "
    "кварталаў на 2,5 тыс. кватэр.",
    "Кошт праекта ацэньваецца ў 120 млн руб.",
    "Урад чакае вынікаў да канца года.",
    "«Мы не можам марудзіць. Людзі чакаюць», — адзначыў кіраўнік урада.",
]

RU_NEWS = (
    "Товарооборот вырос на 7,5 % и составил 3,2 млрд долл. США. По словам И.И. Петрова, "
    "поставки молока, мяса и т.д. увеличились в 1,5 раза. Он сказал: «Рынок открыт. Спрос "
    "растет». Совещание прошло 9.03.2021 в г. Гродно, ст. 12 закона не обсуждалась. "
    "Что дальше? Решение примут в 7-12 дней… или позже."
)
RU_EXPECTED = [
    "Товарооборот вырос на 7,5 % и составил 3,2 млрд долл. США.",
    "По словам И.И. Петрова, поставки молока, мяса и т.д. увеличились в 1,5 раза.",
    "Он сказал: «Рынок открыт. Спрос растет».",
    "Совещание прошло 9.03.2021 в г. Гродно, ст. 12 закона не обсуждалась.",
    "Что дальше?",
    "Решение примут в 7-12 дней… или позже.",
]

EN_NEWS = (
    "MINSK, 9 March (BelTA) - Mr. Lukashenko met Dr. Anna Smith of St. George's hospital at "
    "3 p.m. on Tuesday. The talks covered trade, energy, etc. and lasted two hours. "
    '"We are ready. We have the tools," she said. Exports grew by 4.5% in 2020, i.e. faster '
    "than imports. A. G. Lukashenko thanked the guests."
)
EN_EXPECTED = [
    "MINSK, 9 March (BelTA) - Mr. Lukashenko met Dr. Anna Smith of St. George's hospital at "
    "3 p.m. on Tuesday.",
    "The talks covered trade, energy, etc. and lasted two hours.",
    '"We are ready. We have the tools," she said.',
    "Exports grew by 4.5% in 2020, i.e. faster than imports.",
    "A. G. Lukashenko thanked the guests.",
]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [("be", BE_NEWS, BE_EXPECTED), ("ru", RU_NEWS, RU_EXPECTED), ("en", EN_NEWS, EN_EXPECTED)],
)
def test_realistic_news(lang, text, expected):
    sents, seps = split(text, lang)
    assert sents == expected
    assert join(sents, seps) == text


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("be", "І. Кубракоў прыехаў. Ён выступіў.", ["І. Кубракоў прыехаў.", "Ён выступіў."]),
        ("ru", "А. Г. Лукашенко и И.И. Иванов пришли.", ["А. Г. Лукашенко и И.И. Иванов пришли."]),
        ("en", "It was 1.5 times more. Then 3,5.", ["It was 1.5 times more.", "Then 3,5."]),
        ("ru", "Это т.е. пример. Дальше.", ["Это т.е. пример.", "Дальше."]),
        ("ru", "Цены выросли в 2021 г. Минск ответил.", ["Цены выросли в 2021 г. Минск ответил."]),
        ("be", "Тут і г.д. Потым далей.", ["Тут і г.д.", "Потым далей."]),
        ("be", "У в. Ракаў і с. Крупіца. Далей.", ["У в. Ракаў і с. Крупіца.", "Далей."]),
        ("be", "Працуе каап. «Світанак». Далей.", ["Працуе каап. «Світанак».", "Далей."]),
        ("ru", "«Все хорошо.» Потом ушел.", ["«Все хорошо.»", "Потом ушел."]),
        ("ru", "Он ждал… и дождался. Всё.", ["Он ждал… и дождался.", "Всё."]),
        ("en", "He said “No. Never” and left. Ok.", ["He said “No. Never” and left.", "Ok."]),
        ("en", "“It works.” Then more.", ["“It works.”", "Then more."]),
        ("en", "See e.g. Minsk. Mr. Brown agreed.", ["See e.g. Minsk.", "Mr. Brown agreed."]),
        ("en", "The U.S. team won. Good.", ["The U.S. team won.", "Good."]),
    ],
)
def test_tricky_cases(lang, text, expected):
    sents, seps = split(text, lang)
    assert sents == expected
    assert join(sents, seps) == text


def test_placeholders_stay_in_their_sentence():
    text = "<b>Першы сказ.</b> Другі <a1>сказ. Працяг</a1> тут. Трэці <c1/>. Чацвёрты."
    assert sentences(text, "be") == [
        "<b>Першы сказ.</b>",
        "Другі <a1>сказ. Працяг</a1> тут.",
        "Трэці <c1/>.",
        "Чацвёрты.",
    ]


def test_escaped_angle_bracket_is_text_not_placeholder():
    text = "Знак \\<b> у тэксце. Наступны сказ."
    assert sentences(text, "be") == ["Знак \\<b> у тэксце.", "Наступны сказ."]


def test_separators_shape():
    text = "  \tFirst one.\n\nSecond one!  Third?\t "
    sents, seps = split(text, "en")
    assert sents == ["First one.", "Second one!", "Third?"]
    assert seps == ["  \t", "\n\n", "  ", "\t "]


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_and_blank(text):
    assert split(text, "ru") == ([], [text])


def test_unknown_language_falls_back():
    assert sentences("Eins. Zwei.", "de") == ["Eins.", "Zwei."]


def test_join_rejects_wrong_lengths():
    with pytest.raises(ValueError):
        join(["a"], ["", "", ""])


def test_split_block_and_count_words():
    block = parse_body("Першы сказ з **вылучэннем**. Другі сказ з `кодам`.\n")[0]
    assert isinstance(block, Block)
    assert split_block(block, "be") == ["Першы сказ з <b>вылучэннем</b>.", "Другі сказ з <c1/>."]
    assert count_words(block.text) == 7
    assert count_words("Прэм'ер-міністр, 2,5 тыс. і e-mail <a1>тут</a1>!") == 6
    assert count_words("") == 0


_PIECES = st.sampled_from(
    [
        "Слова",
        "слова",
        "word",
        "Word",
        " ",
        "  ",
        "\t",
        "\n",
        ". ",
        "! ",
        "? ",
        "…",
        "...",
        "«",
        "»",
        "“",
        "”",
        "„",
        '"',
        "<b>",
        "</b>",
        "<a1>",
        "</a1>",
        "<c1/>",
        "\\<",
        "\\",
        "г.",
        "т.е.",
        "Mr.",
        "A.",
        "І.",
        "1.5",
        "9.03.2021",
        "7-12",
        "3,5",
        "—",
        " — ",
        "😀",
        "(",
        ")",
        "; ",
        "e.g.",
        "<",
        ">",
    ]
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(_PIECES, max_size=30).map("".join), st.sampled_from(["be", "ru", "en"]))
def test_join_split_is_identity_on_news_like_text(text, lang):
    sents, seps = split(text, lang)
    assert join(sents, seps) == text
    assert len(seps) == len(sents) + 1
    assert all(s and s == s.strip() for s in sents)
    assert all(not sep.strip() for sep in seps)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(), st.sampled_from(["be", "ru", "en", "xx"]))
def test_join_split_is_identity_on_any_text(text, lang):
    sents, seps = split(text, lang)
    assert join(sents, seps) == text
    assert all(s and s == s.strip() for s in sents)

"""Tests for transflow.lang.identify: be/ru/uk/en identification and foreign-word spotting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.paths import TEST_DATA
from transflow.lang import identify as langid
from transflow.lang.identify import SUPPORTED, detect, detect_lines, detect_many, foreign_words

DATA = TEST_DATA / "langid"


def _sentences(lang: str) -> list[str]:
    """Eval sentences of one language (one per non-blank line)."""
    lines = (DATA / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def test_supported_codes() -> None:
    assert SUPPORTED == ("be", "ru", "uk", "en")


@pytest.mark.parametrize("lang", SUPPORTED)
def test_eval_set_is_big_enough(lang: str) -> None:
    sentences = _sentences(lang)
    assert len(sentences) >= 60
    assert len(set(sentences)) == len(sentences)


@pytest.mark.parametrize("lang", SUPPORTED)
def test_accuracy_on_eval_set(lang: str) -> None:
    sentences = _sentences(lang)
    got = [detect(s) for s in sentences]
    wrong = [(s, g) for s, g in zip(sentences, got, strict=True) if g != lang]
    accuracy = 1 - len(wrong) / len(sentences)
    assert accuracy >= 0.98, wrong


def test_langdetect_alone_fails_on_belarusian() -> None:
    """Why this module exists: langdetect has no Belarusian profile at all."""
    from langdetect import DetectorFactory
    from langdetect import detect as langdetect_detect

    DetectorFactory.seed = 0
    sentences = _sentences("be")
    theirs = [langdetect_detect(s) for s in sentences]
    ours = [detect(s) for s in sentences]
    assert theirs.count("be") == 0
    assert set(theirs) <= {"uk", "ru", "bg", "mk", "sr"}
    assert ours.count("be") / len(ours) >= 0.98


def test_detect_many_matches_detect_including_parallel_path() -> None:
    corpus = [s for lang in SUPPORTED for s in _sentences(lang)]
    corpus += ["", "2024", "Лукашенко", "NATO"]
    single = [detect(s) for s in corpus]
    assert detect_many(corpus) == single
    big = corpus * (langid._PARALLEL_MIN // len(corpus) + 1)
    assert len(big) >= langid._PARALLEL_MIN
    assert detect_many(big) == single * (len(big) // len(corpus))


def test_detect_many_accepts_generators_and_empty() -> None:
    assert detect_many(iter(["Добры дзень, як справы ў вас?"])) == ["be"]
    assert detect_many([]) == []


@pytest.mark.parametrize(
    "text",
    ["", "   ", "2024", "12:30 – 15:45", "+375 (17) 200-00-00", "!!! ...", "№ 5, 7%", "—"],
)
def test_no_letters_is_und(text: str) -> None:
    assert detect(text) == "und"


@pytest.mark.parametrize(
    "text",
    [
        "Лукашенко",  # a surname spelled alike in be, ru and uk
        "Беларусь",  # the country's name in both be and ru
        "Брест",
        "Мінск",  # be or uk by letters; one word is too little to tell
        "NATO",
        "СНГ",
        "Да 2025 года",
    ],
)
def test_too_little_evidence_is_und(text: str) -> None:
    assert detect(text) == "und"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Эканоміка", "be"),  # э and і together only in be
        ("Палітыка", "be"),
        ("Экономика", "ru"),  # э and и together only in ru
        ("Політика", "uk"),  # и and і together only in uk
        ("Київ", "uk"),
        ("Аб'ём", "be"),  # ё rules out uk, the apostrophe ru
        ("Ўсё", "be"),
    ],
)
def test_one_word_decided_by_spelling(text: str, lang: str) -> None:
    assert detect(text) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # No letter tells be from ru here; the n-gram model must.
        ("Гэта быў добры год для нашай каманды.", "be"),
        ("Сёння ён дома з сям'ёй.", "be"),
        ("Это был хороший год для нашей команды.", "ru"),
        # No и, і, ў, ы, э, ё: all three Cyrillic languages fit the letters.
        ("Погода на завтра: дождь, ветер, до плюс пяти.", "ru"),
        ("Погода на завтра: дощ, вітер, до плюс п'яти.", "uk"),
        ("Надвор'е на заўтра: дождж, вецер, да плюс пяці.", "be"),
    ],
)
def test_statistical_cases(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_spelling_variants_are_normalized() -> None:
    # Latin "i" typed for Cyrillic "і", typographic apostrophes, stress marks.
    assert detect("Прэзiдэнт наведаў Мiнск у панядзелак") == "be"
    assert detect("Уряд виділив кошти на п’ять об’єктів") == "uk"
    assert detect("Сямʼя атрымала новую кватэру") == "be"
    assert detect("Мі\u0301нск прыма\u0301е гасце\u0301й з усёй краі\u0301ны") == "be"
    assert detect("ПРЭЗІДЭНТ ПРАВЁЎ НАРАДУ З УРАДАМ") == "be"


def test_mixed_texts_go_to_the_majority_spelling() -> None:
    # A Russian word quoted in a Belarusian sentence.
    assert detect("Ён назваў гэта словам «ещё» і засмяяўся, кажуць відавочцы.") == "be"
    # Russian apostrophes in foreign names are not Belarusian/Ukrainian evidence.
    assert detect("Шон О'Нил подписал контракт с клубом") == "ru"
    assert detect("Посол Кот-д'Ивуара вручил верительные грамоты") == "ru"
    # Latin brand names inside Cyrillic text.
    assert detect("Кампанія Apple адкрыла офіс у Мінску") == "be"
    # A Cyrillic word inside English text.
    assert detect("The word дзякуй means thank you in Belarusian.") == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Председник Србије је данас разговарао са министрима.",  # Serbian: ј
        "Президентът на България заяви във вторник, че ще подпише.",  # Bulgarian ъ
        "Қазақстан Республикасының Президенті сөз сөйледі.",  # Kazakh letters
    ],
)
def test_other_cyrillic_languages_are_und(text: str) -> None:
    assert detect(text) == "und"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Lukashenko, Xi Jinping hold talks in Beijing", "en"),
        ("Poland's Łukasz Wiśniewski wins gold in Kraków", "en"),
        ("Marine Le Pen visits El Salvador", "en"),
        ("Minsk", "en"),
        ("Der Präsident traf die Delegation in Berlin und sprach mit Journalisten.", "und"),
        ("El presidente se reunió con los ministros para hablar de la economía.", "und"),
        ("Prezydent spotkał się z premierem w Warszawie.", "und"),
        ("Le président a rencontré les ministres dans la capitale.", "und"),
    ],
)
def test_latin_script(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_non_cyrillic_non_latin_script_is_und() -> None:
    assert detect("明斯克是白俄罗斯的首都") == "und"
    assert detect("Ο πρόεδρος συναντήθηκε με τους υπουργούς") == "und"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_detect_always_returns_a_known_code(text: str) -> None:
    code = detect(text)
    assert code in (*SUPPORTED, "und")
    assert detect(text) == code
    assert detect_many([text, text]) == [code, code]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from(SUPPORTED))
def test_foreign_words_are_words_of_the_text(text: str, lang: str) -> None:
    found = foreign_words(text, lang)
    normalized = langid._normalize(text)
    assert all(word in normalized for word in found)
    assert len(found) == len(set(found))


def test_detect_lines() -> None:
    lines = ["Прэзідэнт правёў нараду.\n", "\n", "   \r\n", "The president met farmers.\n", "Київ"]
    assert list(detect_lines(lines)) == ["be", "und", "und", "en", "uk"]
    assert list(detect_lines(lines, batch=2)) == ["be", "und", "und", "en", "uk"]
    assert list(detect_lines([])) == []


@pytest.mark.parametrize("lang", SUPPORTED)
def test_no_false_alarms_on_own_language(lang: str) -> None:
    flagged = {s: foreign_words(s, lang) for s in _sentences(lang)}
    assert {s: w for s, w in flagged.items() if w} == {}


def test_foreign_words_in_belarusian() -> None:
    text = "Прэзідэнт сказаў, што ўсё будзе добра, и ещё дадаў пра объём і Їжакевіча."
    assert foreign_words(text, "be") == ["и", "ещё", "объём", "Їжакевіча"]
    # "что" is Russian (be writes "што") but its letters are all Belarusian: not certain.
    assert foreign_words("Ён ведае, что будзе", "be") == []
    # be words with дж, дз, ы, э, ё and apostrophes are fine; Latin names are not foreign.
    ok = "Джазавы фестываль у Дзяржынску сабраў сем'і з Brest і Vilnius, гэта ўсё вядома."
    assert foreign_words(ok, "be") == []


def test_foreign_words_in_russian_and_ukrainian() -> None:
    ru = "Президент сказаў, что встреча прошла у Мінску, а Київ промолчал."
    assert foreign_words(ru, "ru") == ["сказаў", "Мінску", "Київ"]
    uk = "Уряд ухвалив рішення, этот крок підтримали ўсе, сказав мер."
    assert foreign_words(uk, "uk") == ["этот", "ўсе"]
    # Russian apostrophes in names are not flagged.
    assert foreign_words("Посол Кот-д'Ивуара и О'Нил", "ru") == []


def test_foreign_words_in_english_and_others() -> None:
    assert foreign_words("Minsk hosted the Славянскі базар festival.", "en") == [
        "Славянскі",
        "базар",
    ]
    assert foreign_words("Lukashenko met Xi Jinping.", "en") == []
    assert foreign_words("Прэзідэнт и урад", "be_BY") == ["и"]
    assert foreign_words("Прэзідэнт и урад", "be-BY") == ["и"]
    assert foreign_words("Прэзідэнт и урад", "pl") == []


def test_foreign_words_reports_each_word_once_in_order() -> None:
    text = "и так и этак, щит и щит"
    assert foreign_words(text, "be") == ["и", "щит"]


def test_without_the_statistical_model_spelling_still_decides(monkeypatch) -> None:
    """If lingua were missing, spelling-decided texts keep their code and the rest are und."""
    monkeypatch.setattr(langid, "_detector", lambda: None)
    texts = ["Прэзідэнт правёў нараду", "Президент провёл совещание", "Это был год."]
    assert [detect(t) for t in texts] == ["be", "ru", "und"]
    assert detect_many(texts) == ["be", "ru", "und"]


def test_ukrainian_is_the_only_alphabet_with_both_i_letters() -> None:
    # и rules out be, і rules out ru: a text with both is Ukrainian by spelling alone.
    assert langid._plan("Минск і Гомель").result == "uk"
    assert langid._plan("Мінск и Гомель").result == "uk"
    assert langid._plan("Гомель").result is None  # no deciding letter: the model is asked


def test_a_quoted_name_does_not_outvote_a_long_text() -> None:
    # Russian without ы/э/ё fits Ukrainian spelling; the one Belarusian name (і) would rule
    # Russian out. In a text this long one word is tolerated and the model reads the rest.
    text = (
        "В воскресенье в Минске на сцене Большого театра коллектив «Харошкі» покажет "
        "программу «Купалле», рассказал продюсер"
    )
    assert langid._plan(text).candidates == ("ru", "uk")
    assert detect(text) == "ru"
    # In a short text spelling alone still decides.
    assert detect("Минск і Гомель") == "uk"

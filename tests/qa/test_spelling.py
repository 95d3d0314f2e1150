"""The spelling check and its agreement with foreign-words: what it reports, what it leaves."""

from __future__ import annotations

from pathlib import Path

from transflow.mt.glossary import Glossary, Term
from transflow.po.pofile import read_po
from transflow.qa import CHECKS
from transflow.qa.base import Unit
from transflow.qa.language import ForeignWords
from transflow.qa.runner import check_catalog, check_files
from transflow.qa.spelling import Spelling


def run(src: str, tgt: str, s: str = "ru", t: str = "be", **kw) -> list[str]:
    """Messages of the spelling check on one pair."""
    return Spelling().check(Unit(src, tgt, s, t, **kw))


def test_registered():
    assert "spelling" in [c.check_id for c in CHECKS]


def test_russian_words_in_belarusian_text_are_errors():
    msgs = run("«Мы готовы», — сказал председатель.", "«Мы гатовыя», — сказал старшыня.")
    assert msgs == ["Russian word in Belarusian text: сказал"]
    assert Spelling().severity_of(msgs[0]) == "error"
    msgs = run("Новые фонари установят осенью.", "Новыя ліхтары установят увосень.")
    assert msgs == ["Russian word in Belarusian text: установят"]


def test_belarusian_words_in_russian_text_are_errors():
    msgs = run("У горадзе адкрылася бібліятэка.", "В городе адкрылася библиотека.", "be", "ru")
    assert msgs == ["Belarusian word in Russian text: адкрылася"]


def test_unknown_words_are_warnings_with_suggestions():
    msgs = run("Об этом сообщил министр.", "Пра гэта саобшчыў міністр.")
    assert len(msgs) == 1 and msgs[0].startswith("unknown word: саобшчыў")
    assert Spelling().severity_of(msgs[0]) == "warning"
    msgs = run("Мы рассчитываем на вас.", "Мы расчытываем на вас.")
    assert [m.split(" (")[0] for m in msgs] == ["unknown word: расчытываем"]
    msgs = run("The mayor opened it.", "The mayor openned it.", "ru", "en")
    assert msgs[0].startswith("unknown word: openned (suggestions: opened")
    # a draft lists the word without asking the (slow) suggester
    assert run("Об этом сообщил министр.", "Пра гэта саобшчыў міністр.", fuzzy=True) == [
        "unknown word: саобшчыў"
    ]


def test_a_misread_source_word_is_a_warning():
    msgs = run("Схема маршрута уже опубликована.", "Схема маршруту вузей апублікавана.")
    assert msgs == ["вузей for уже: if it means 'already', write ужо"]
    assert Spelling().severity_of(msgs[0]) == "warning"
    assert run("Дорога стала узкой.", "Дарога стала вузей.") == []


def test_correct_human_text_gives_nothing():
    pairs = [
        ("Переговоры о вакцинации продолжатся.", "Перамовы аб вакцынацыі працягнуцца.", "ru", "be"),
        (
            "Віцэ-прэм'ер наведаў БДУ ў 2021 годзе.",
            "Вице-премьер посетил БГУ в 2021 году.",
            "be",
            "ru",
        ),
        (
            "Мінскі паўмарафон пройдзе 12 верасня.",
            "The Minsk half marathon is on 12 September.",
            "be",
            "en",
        ),
        ("Сказал он.", "Сказаў ён.", "ru", "be"),
        ("Ён жыве ў в. Ракаў.", "Он живёт в д. Раков.", "be", "ru"),
    ]
    for src, tgt, s, t in pairs:
        assert run(src, tgt, s, t) == [], tgt


def test_a_name_standing_in_the_source_is_accepted():
    src = "Песню исполнила Надежда Кадышева."
    assert run(src, "Песню выканала Надежда Кадышева.") == []
    # not a name: a lower-case word of the source copied into the translation
    assert run("Он сказал.", "Ён сказал.") == ["Russian word in Belarusian text: сказал"]
    # nor a sentence's first word, when its lower case is an ordinary word
    assert run("Сказал он.", "Сказал ён.") == ["Russian word in Belarusian text: Сказал"]


def test_names_and_abbreviations_are_not_warned_about():
    assert run("x", "Старшыня Кашэвіч прыехаў у вул. Цэнтральную ў 10-х.") == []


def test_no_word_is_reported_by_two_checks():
    unit = dict(src="Он был там и сказал это.", tgt="Ён был там і сказал гэта.", s="ru", t="be")
    foreign = ForeignWords().check(Unit(unit["src"], unit["tgt"], "ru", "be"))
    spelling = run(unit["src"], unit["tgt"])
    assert foreign == ["not Belarusian: был"]
    assert spelling == ["Russian word in Belarusian text: сказал"]


def test_words_impossible_by_spelling_stay_with_foreign_words():
    src, tgt = "Это также важно.", "Гэта также важна."
    assert ForeignWords().check(Unit(src, tgt, "ru", "be")) == ["not Belarusian: также"]
    assert run(src, tgt) == []


def test_mt_unknown_words_left_in_an_approved_entry():
    unit = {"mt_unknown": ("Озерцах",)}
    tgt = "Кірмаш адкрыецца ў Озерцах."
    src = "Ярмарка откроется в Озерцах."
    assert run(src, tgt, **unit) == ["mt-unknown word left unchanged: Озерцах"]
    assert run(src, "Кірмаш адкрыецца ў Азерцах.", **unit) == []  # changed by the reviewer
    assert run(src, tgt, fuzzy=True, **unit) == []  # a draft: not yet
    # a word known to the target lexicon is fine as it is
    assert run("Выставка в Гомеле.", "Выстава ў Гомелі.", mt_unknown=("Гомелі",)) == []


def test_glossary_terms_are_accepted():
    src, tgt = "Новый хештег.", "Новы хэштэгамі."
    assert run(src, tgt)[0].startswith("unknown word: хэштэгамі")
    glossary = Glossary([Term({"ru": ("хештег",), "be": ("хэштэгамі",)})])
    assert run(src, tgt, glossary=glossary) == []


def test_in_a_catalog_drafts_get_warnings_and_approved_entries_errors(tmp_path: Path):
    text = (
        'msgid ""\nmsgstr ""\n"Language: be\\n"\n"X-Source-Language: ru\\n"\n\n'
        'msgid "Он сказал."\nmsgstr "Ён сказал."\n\n'
        '#, fuzzy\nmsgid "Она сказала."\nmsgstr "Яна сказал."\n\n'
        '# ignore-spelling\nmsgid "Они сказали."\nmsgstr "Яны сказал."\n'
    )
    path = tmp_path / "a.po"
    path.write_text(text, encoding="utf-8")
    findings = [f for f in check_catalog(read_po(path)) if f.check_id == "spelling"]
    assert [(f.severity, f.message) for f in findings] == [
        ("error", "Russian word in Belarusian text: сказал"),
        ("warning", "Russian word in Belarusian text: сказал"),
    ]


def test_the_project_word_list_is_read(tmp_path: Path):
    root = tmp_path / "project"
    po = root / "locales" / "be" / "LC_MESSAGES" / "a.po"
    po.parent.mkdir(parents=True)
    (root / "transflow.toml").write_text("", encoding="utf-8")
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: be\\n"\n"X-Source-Language: ru\\n"\n\n'
        'msgid "Новый хештег."\nmsgstr "Новы хэштэгамі."\n',
        encoding="utf-8",
    )
    found = [f.message for f in check_files([po]).findings if f.check_id == "spelling"]
    assert found and found[0].startswith("unknown word: хэштэгамі")
    (root / "glossary").mkdir()
    (root / "glossary" / "words-be.txt").write_text("хэштэгамі  # plural\n", encoding="utf-8")
    assert [f for f in check_files([po]).findings if f.check_id == "spelling"] == []

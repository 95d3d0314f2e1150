"""Tests of the term base: loading CSV/TBX, inflection-tolerant matching, QA and render lookups."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import REPO_ROOT
from transflow.errors import ConfigError
from transflow.mt.glossary import Glossary, Term, load_tbx

REPO = REPO_ROOT
TERMS = REPO / "glossary" / "terms.csv"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    """The bundled starter glossary."""
    return Glossary.load(TERMS)


def pairs(found) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(matched text, target) of each match."""
    return [(m.source, m.target) for m in found]


# --- the starter glossary --------------------------------------------------------------------


def test_starter_glossary_has_the_core_terms(glossary: Glossary) -> None:
    assert 40 <= len(glossary) <= 80
    assert glossary.for_render("Minsk", "be") == "Мінск"
    assert glossary.for_render("Minsk", "ru") == "Минск"
    assert glossary.for_render("BelTA", "ru") == "БЕЛТА"
    assert glossary.for_render("Kyoto", "be") == "Кіёта"
    assert glossary.for_render("Mogilev", "be") == "Магілёў"
    assert glossary.for_render("Grodno", "be") == "Гродна"
    assert glossary.for_render("Ivan Kubrakov", "be") == "Іван Кубракоў"
    assert glossary.for_render("United Nations", "be") == "ААН"


def test_every_row_has_all_three_languages(glossary: Glossary) -> None:
    for term in glossary.terms:
        assert set(term.forms) == {"en", "ru", "be"}, term


def test_for_render_any_language_and_case_and_unknown(glossary: Glossary) -> None:
    assert glossary.for_render("Мінск", "en") == "Minsk"
    assert glossary.for_render("MINSK", "be") == "Мінск"
    assert glossary.for_render("Витебск", "be") == "Віцебск"
    assert glossary.for_render("Reykjavik", "be") == "Reykjavik"


# --- matching ------------------------------------------------------------------------------


def test_inflected_russian_and_caps_dateline(glossary: Glossary) -> None:
    text = "МИНСК, 4 мая (БЕЛТА) - В Минске и Гомеле обсудили решение Совета Министров."
    assert pairs(glossary.matches(text, "ru", "be")) == [
        ("МИНСК", "Мінск"),
        ("БЕЛТА", "БЕЛТА"),
        ("Минске", "Мінск"),
        ("Гомеле", "Гомель"),
        ("Совета Министров", "Савет Міністраў"),
    ]


def test_inflected_belarusian_with_consonant_changes(glossary: Glossary) -> None:
    text = "У Брэсце і Лідзе выступіў Іван Кубракоў, а ў Мінску пра гэта паведаміў Кубраковым."
    found = pairs(glossary.matches(text, "be", "ru"))
    assert ("Брэсце", "Брест") in found
    assert ("Лідзе", "Лида") in found
    assert ("Іван Кубракоў", "Иван Кубраков") in found
    assert ("Мінску", "Минск") in found


def test_offsets_and_inflected_flag(glossary: Glossary) -> None:
    text = "Гости приехали в Минск, затем в Гродно."
    found = glossary.matches(text, "ru", "en")
    assert [(text[m.start : m.end], m.target, m.inflected) for m in found] == [
        ("Минск", "Minsk", False),
        ("Гродно", "Grodno", False),
    ]
    minske = glossary.matches("Они живут в Минске.", "ru", "en")[0]
    assert minske.inflected and minske.target == "Minsk"


def test_longest_term_wins(glossary: Glossary) -> None:
    text = "The Minsk Region borders the Republic of Belarus's capital Minsk."
    assert pairs(glossary.matches(text, "en", "be")) == [
        ("Minsk Region", "Мінская вобласць"),
        ("Republic of Belarus's", "Рэспубліка Беларусь"),
        ("Minsk", "Мінск"),
    ]


def test_word_boundaries_and_case(glossary: Glossary) -> None:
    # "Belarusian" is not "Belarus"; a lower-case "minsk" inside prose is not the name
    assert glossary.matches("Belarusian farmers", "en", "ru") == []
    assert glossary.matches("the word minsk in lower case", "en", "ru") == []
    # БЕЛТА is an abbreviation: never inflected, so БЕЛТАы is not a match
    assert glossary.matches("БЕЛТАы", "ru", "be") == []
    assert glossary.matches("Минский тракторный завод", "ru", "be") == []


def test_sentence_initial_capital_of_lower_case_term(glossary: Glossary) -> None:
    found = glossary.matches("Белорусский рубль подешевел к евро.", "ru", "be")
    assert pairs(found) == [("Белорусский рубль", "беларускі рубель")]
    found = glossary.matches("Курс белорусского рубля вырос.", "ru", "be")
    assert pairs(found) == [("белорусского рубля", "беларускі рубель")]


def test_alternatives_all_match_and_preferred_is_target(glossary: Glossary) -> None:
    found = glossary.matches("Сотрудники МВД и Министерства внутренних дел.", "ru", "be")
    assert pairs(found) == [
        ("МВД", "Міністэрства ўнутраных спраў"),
        ("Министерства внутренних дел", "Міністэрства ўнутраных спраў"),
    ]


# --- missing terms (the QA check) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Exports from Minsk grew.", "Экспарт з Мінска вырас."),
        ("The talks took place in Minsk.", "Перамовы прайшлі ў Мінску."),
        ("He drove to Minsk.", "Ён паехаў за Мінскам."),
        ("A delegation came to Belarus.", "Дэлегацыя прыехала ў Беларусь."),
        ("Fruit grows well in Belarus.", "Садавіна добра расце ў Беларусі."),
        ("Trade with Belarus grew.", "Гандаль з Беларуссю вырас."),
        ("It opened in Brest.", "Яно адкрылася ў Брэсце."),
        ("It opened in Mogilev.", "Яно адкрылася ў Магілёве."),
        ("Ivan Kubrakov spoke.", "Выступіў Іван Кубракоў."),
        ("They met Ivan Kubrakov.", "Яны сустрэліся з Іванам Кубраковым."),
        ("The National Bank said so.", "Так заявілі ў Нацыянальным банку."),
        ("Rules of the National Bank.", "Правілы Нацыянальнага банка."),
        ("The House of Representatives voted.", "У Палаце прадстаўнікоў прагаласавалі."),
        ("The UN welcomed it.", "Арганізацыя Аб’яднаных Нацый гэта вітала."),
        ("On Independence Day we rest.", "На Дзень Незалежнасці мы адпачываем."),
        ("Parade of Independence Day.", "Парад Дня Незалежнасці."),
        ("The Belarusian ruble rose.", "Курс беларускага рубля вырас."),
        ("BelTA reported.", "Паведаміла БЕЛТА."),
    ],
)
def test_no_false_alarm_on_inflected_belarusian(
    glossary: Glossary, source: str, translation: str
) -> None:
    assert glossary.missing_terms(source, translation, "en", "be") == []


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Exports from Minsk grew.", "Экспорт из Минска вырос."),
        ("The talks took place in Minsk.", "Переговоры прошли в Минске."),
        ("It opened in Vitebsk.", "Он открылся в Витебске."),
        ("Trade with Belarus grew.", "Торговля с Беларусью выросла."),
        ("The Council of Ministers met.", "Заседание Совета Министров прошло."),
        ("The UN and Grodno.", "ООН и Гродно."),
    ],
)
def test_no_false_alarm_on_inflected_russian(
    glossary: Glossary, source: str, translation: str
) -> None:
    assert glossary.missing_terms(source, translation, "en", "ru") == []


def test_missing_term_reported_once_with_source_span(glossary: Glossary) -> None:
    source = "Minsk and Brest: Minsk again."
    missing = glossary.missing_terms(source, "Менск і Брэст: зноў Менск.", "en", "be")
    assert len(missing) == 1
    assert (missing[0].source, missing[0].target, missing[0].start) == ("Minsk", "Мінск", 0)


def test_wrong_term_in_translation_is_reported(glossary: Glossary) -> None:
    missing = glossary.missing_terms(
        "В Бресте работает БЕЛТА.", "У Брэсце працуе БелТА агенцтва.", "ru", "be"
    )
    assert missing == []  # target check ignores case: БелТА is БЕЛТА
    missing = glossary.missing_terms("В Могилеве.", "У Магілеве.", "ru", "be")
    assert [m.target for m in missing] == ["Магілёў"]


def test_english_target_with_possessive(glossary: Glossary) -> None:
    assert glossary.missing_terms("Мэр Минска.", "Minsk's mayor.", "ru", "en") == []
    assert [m.target for m in glossary.missing_terms("Мэр Минска.", "The mayor.", "ru", "en")] == [
        "Minsk"
    ]


# --- loading and errors --------------------------------------------------------------------


def test_csv_alternatives_note_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        'en,ru,be,note\n# a comment row\nGrodno|Hrodna,Гродно,Гродна,"city, west"\n\n',
        encoding="utf-8",
    )
    g = Glossary.load(path)
    assert g.terms == [
        Term({"en": ("Grodno", "Hrodna"), "ru": ("Гродно",), "be": ("Гродна",)}, "city, west")
    ]
    assert pairs(g.matches("Hrodna today", "en", "be")) == [("Hrodna", "Гродна")]


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("en,ru,be\nMinsk,Минск,Мінск,extra\n", 2, "fields"),
        ("english,russian\nMinsk,Минск\n", 1, "header"),
        ('en,ru,be\nMinsk,Минск,Мінск\n,,  \n"unclosed,x,y\n', 4, "CSV"),
        ("en,ru,be,note\nMinsk,Минск,Мінск,\n|,|,,only a note\n", 3, "no term"),
        ("", 1, "empty"),
    ],
)
def test_malformed_csv_names_file_and_line(
    tmp_path: Path, content: str, line: int, words: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Glossary.load(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert words in info.value.message


def test_csv_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes("en,ru\nMinsk,Минск\n".encode("cp1251"))
    with pytest.raises(ConfigError) as info:
        Glossary.load(path)
    assert info.value.line == 2 and "UTF-8" in info.value.message


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>written for transflow tests</p></sourceDesc>
  </fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <descrip type="definition">regional centre in the west</descrip>
      <langSet xml:lang="en-GB"><tig><term>Grodno</term></tig></langSet>
      <langSet xml:lang="be-BY">
        <tig><term>Горадня</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
        <tig><term>Гродна</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="ru"><ntig><termGrp><term>Гродно</term></termGrp></ntig></langSet>
    </termEntry>
    <termEntry id="c2">
      <langSet xml:lang="en"><tig><term>Supreme Court</term></tig></langSet>
      <langSet xml:lang="be"><tig><term>Вярхоўны Суд</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_tbx_import(tmp_path: Path) -> None:
    path = tmp_path / "terms.tbx"
    path.write_text(TBX, encoding="utf-8")
    g = Glossary.load(path)
    assert g.terms[0].forms == {"en": ("Grodno",), "be": ("Гродна",), "ru": ("Гродно",)}
    assert g.terms[0].note == "regional centre in the west"
    assert g.for_render("Grodno", "be") == "Гродна"
    assert g.missing_terms("The Supreme Court ruled.", "Вярхоўны суд вырашыў.", "en", "be") == []
    assert load_tbx(path).terms == g.terms


def test_tbx_malformed_names_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text(TBX.replace("</termGrp>", ""), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Glossary.load(path)
    assert info.value.path == str(path)
    assert info.value.line == 15  # the line of the mismatched end tag
    path.write_text(TBX.replace('<langSet xml:lang="ru">', "<langSet>"), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Glossary.load(path)
    assert info.value.line == 15 and "xml:lang" in info.value.message


def test_a_relational_adjective_renders_a_place_in_a_translation(glossary: Glossary) -> None:
    source = "The first Minsk Half Marathon was held in 2013."
    assert (
        glossary.missing_terms(source, "Первый Минский полумарафон прошел в 2013 году.", "en", "ru")
        == []
    )
    assert (
        glossary.missing_terms(source, "Першы Мінскі паўмарафон прайшоў у 2013 годзе.", "en", "be")
        == []
    )
    assert glossary.missing_terms(source, "Первый полумарафон прошел в 2013 году.", "en", "ru")

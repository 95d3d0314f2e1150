"""Each check on its own: what it must report and what it must leave alone."""

from __future__ import annotations

import pytest

from transflow.qa import CHECK_CLASSES, CHECKS, ERROR, WARNING
from transflow.qa.base import Unit
from transflow.qa.basic import (
    Capitalization,
    DoubledWord,
    DoubleSpace,
    EdgeWhitespace,
    Fuzzy,
    LengthRatio,
    SameAsSource,
    Untranslated,
)
from transflow.qa.language import ForeignWords, MixedScript, WrongLanguage
from transflow.qa.markup import MtMarks, Placeholders, Urls
from transflow.qa.numbers import Dates, Numbers
from transflow.qa.punctuation import Brackets, EndPunctuation, QuoteStyle, ending


def run(check, src: str, tgt: str, s: str = "en", t: str = "be", **kw) -> list[str]:
    """Messages of one check on one pair."""
    return check().check(Unit(src, tgt, s, t, **kw))


def test_registry_is_explicit_and_unique():
    ids = [c.check_id for c in CHECKS]
    assert len(ids) == len(set(ids)) == len(CHECK_CLASSES)
    for check in CHECKS:
        assert check.severity in (ERROR, WARNING)
        assert check.name and check.description


def test_untranslated_and_fuzzy():
    assert Untranslated().check(Unit("Hello.", "", translated=False)) == ["not translated"]
    assert Untranslated().check(Unit("Hello.", "Прывітанне.")) == []
    assert Fuzzy().check(Unit("Hello.", "Прывітанне.", fuzzy=True)) != []
    assert Fuzzy().check(Unit("Hello.", "Прывітанне.")) == []


@pytest.mark.parametrize(
    ("src", "tgt", "s", "t"),
    [
        ("1,5 млн рублёў", "1.5 million roubles", "be", "en"),
        ("7-12 March", "7–12 сакавіка", "en", "be"),
        ("up 5%", "на 5 %", "en", "ru"),
        ("10,000 people", "10 000 чалавек", "en", "be"),
        ("10,000 people", "10\u00a0000 чалавек", "en", "be"),
        ("10,000 people", "10\u202f000 чалавек", "en", "be"),
        ("10 000 человек", "10,000 people", "ru", "en"),
        ("over 10,000 workers", "больш за 10 тыс. рабочых", "en", "be"),
        ("$1.5bn", "1,5 млрд долараў", "en", "be"),
        ("at 10:00", "а 10.00", "en", "be"),
        ("two ministers", "2 міністры", "en", "be"),
        ("in 24 hours", "за суткі", "en", "ru"),
        ("the 20th century", "XX стагоддзе", "en", "be"),
        ("in 2021", "у 2021 г.", "en", "be"),
        ("since 1966", "с 1966 года", "en", "ru"),
        ("<a1>COVID-19</a1> cases", "выпадкі <a1>COVID-19</a1>", "en", "be"),
    ],
)
def test_numbers_equal_across_notations(src, tgt, s, t):
    assert run(Numbers, src, tgt, s, t) == []


@pytest.mark.parametrize(
    ("src", "tgt", "s", "t"),
    [
        ("1,5 млн рублёў", "15 million roubles", "be", "en"),
        ("1,500 metres", "1 050 метраў", "en", "be"),
        ("7-12 km", "7–14 км", "en", "be"),
        ("5% more", "на 50 % больш", "en", "ru"),
        ("1,5 млн", "15 million", "ru", "en"),
        ("a 3:1 win", "перамога 3:2", "en", "be"),
    ],
)
def test_numbers_differ(src, tgt, s, t):
    assert run(Numbers, src, tgt, s, t)


def test_number_message_names_the_values():
    (msg,) = run(Numbers, "Prices rose by 7%.", "Цэны выраслі на 17 %.", "en", "be")[:1]
    assert "7" in msg


@pytest.mark.parametrize(
    ("src", "tgt", "s", "t"),
    [
        ("on 9.03.2021", "09.03.2021", "en", "be"),
        ("on 9 March", "9 сакавіка", "en", "be"),
        ("on March 9, 2021", "9 сакавіка 2021 г.", "en", "be"),
        ("9 марта 2021 года", "9 March 2021", "ru", "en"),
        ("9 сакавіка", "9 марта", "be", "ru"),
        ("on 9.03.2021", "9 сакавіка 2021 года", "en", "be"),
        ("2021-03-09", "09.03.2021", "en", "ru"),
        ("on 1st May", "1 траўня", "en", "be"),
    ],
)
def test_dates_equal(src, tgt, s, t):
    assert run(Dates, src, tgt, s, t) == []
    assert run(Numbers, src, tgt, s, t) == []


@pytest.mark.parametrize(
    ("src", "tgt", "s", "t"),
    [
        ("on 9 March", "9 красавіка", "en", "be"),
        ("on 9.03.2021", "19.03.2021", "en", "be"),
        ("9 марта 2021 года", "9 March 2022", "ru", "en"),
        ("1 мая", "1 чэрвеня", "ru", "be"),
    ],
)
def test_dates_differ(src, tgt, s, t):
    assert run(Dates, src, tgt, s, t)


def test_may_the_verb_is_not_a_date():
    assert run(Dates, "Prices may 10 times rise.", "Цэны могуць вырасці ў 10 разоў.") == []


@pytest.mark.parametrize(
    ("tgt", "fragment"),
    [
        ("Чытайце галоўнае.", "missing"),
        ("Чытайце <i>галоўнае</i>.", "renamed"),
        ("Чытайце <b>галоўнае</b> <b>зараз</b>.", "not in source"),
        ("Чытайце <b>галоўнае.", "never closed"),
        ("Чытайце галоўнае</b><b>.", "closes nothing"),
    ],
)
def test_placeholders_defects(tgt, fragment):
    msgs = run(Placeholders, "Read <b>the news</b>.", tgt)
    assert any(fragment in m for m in msgs), msgs


def test_placeholders_nesting():
    src = "The <b>new <i>rules</i></b> apply."
    assert run(Placeholders, src, "Дзейнічаюць <b>новыя <i>правілы</i></b>.") == []
    assert run(Placeholders, src, "<i>Правілы</i> <b>новыя</b>.") == []  # reordered: fine
    bad = run(Placeholders, src, "Дзейнічаюць <b>новыя <i>правілы</b></i>.")
    assert any("overlap" in m for m in bad)
    assert run(Placeholders, "Type <c1/> here.", "Увядзіце <c1/> тут.") == []
    assert run(Placeholders, "Type <c1/> here.", "Увядзіце <c2/> тут.")


def test_urls():
    assert run(Urls, "See www.belta.by.", "Глядзіце www.belta.by.") == []
    assert run(Urls, "Mail info@mfa.gov.by now", "Пішыце на INFO@mfa.gov.by") == []
    assert run(Urls, "See www.belta.by.", "Глядзіце www.belta.com.")
    assert run(Urls, "Mail info@mfa.gov.by", "Пішыце на info@mfa.gov.ru")
    assert run(Urls, "See https://x.by/a?b=1", "Глядзіце сайт.")


def test_mt_marks():
    assert run(MtMarks, "Officials met.", "*Чыноўнікі сустрэліся.", "en", "be")
    assert run(MtMarks, "Officials met.", "Чыноўнікі #сустрэліся.", "en", "be")
    assert run(MtMarks, "Officials met.", "Чыноўнікі @сустрэліся.", "en", "be")
    # hashtags and mentions the source has, e-mails, numbers: not marks
    assert run(MtMarks, "Follow #Minsk2024 and @belta", "Сачыце за #Minsk2024 і @belta") == []
    assert run(MtMarks, "Write to a@b.by.", "Пішыце на a@b.by.") == []
    assert run(MtMarks, "It was #1.", "Гэта было #1.") == []


def test_brackets_and_quotes_balance():
    assert run(Brackets, "A (b) c.", "А (б) в.") == []
    assert run(Brackets, "A (b) c.", "А (б в.")
    assert run(Brackets, "He said “yes”.", "Ён сказаў «так».") == []
    assert run(Brackets, "He said “yes”.", "Ён сказаў «так.")
    assert run(Brackets, 'He said "yes".', "Ён сказаў «так»».")
    # a quotation split across segments stays open in both
    assert run(Brackets, "“We will win.", "«Мы пераможам.") == []
    # apostrophes are not quotes
    assert run(Brackets, "The city’s mayor.", "Мэр горада.") == []
    assert run(Brackets, "Мэр горада.", "The city’s mayor.", "be", "en") == []


def test_quote_style():
    assert run(QuoteStyle, "“A”", "«А»") == []
    assert run(QuoteStyle, "“A „b“ c”", "«А „б“ в»") == []
    assert run(QuoteStyle, "“A”", '"А"')
    assert run(QuoteStyle, "“A”", "“А”", "en", "ru")
    assert run(QuoteStyle, "«А»", "«A»", "ru", "en")
    assert run(QuoteStyle, "«А»", "“A”", "ru", "en") == []
    assert run(QuoteStyle, "«А»", '"A"', "ru", "en") == []
    # a Cyrillic source's own straight quotes kept in the translation: not a defect
    assert run(QuoteStyle, 'Газета "Звязда"', 'Газета "Звязда"', "be", "ru") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("He said “yes.”", "period"),
        ("Ён сказаў «так».", "period"),
        ("Ці так?", "question"),
        ("«Ці так?»", "question"),
        ("Стоп!", "exclamation"),
        ("Далей...", "ellipsis"),
        ("Далей…", "ellipsis"),
        ("Вось што:", "colon"),
        ("Загаловак", "none"),
        ("Read <b>this</b>.", "period"),
        ("Read <b>this.</b>", "period"),
    ],
)
def test_ending_classes(text, kind):
    assert ending(text) == kind


def test_end_punctuation():
    assert run(EndPunctuation, "He said “yes.”", "Ён сказаў «так».") == []
    assert run(EndPunctuation, "When?", "Калі.")
    assert run(EndPunctuation, "It grew in 2021", "Вырас у 2021 г.", "en", "be") == []
    assert run(EndPunctuation, "Done.", "Зроблена")


def test_whitespace_and_double_space():
    assert run(EdgeWhitespace, "Hello. ", "Прывітанне.")
    assert run(EdgeWhitespace, "Hello.", " Прывітанне.")
    assert run(EdgeWhitespace, "Hello.\n", "Прывітанне. ")
    assert run(EdgeWhitespace, " Hello. ", " Прывітанне. ") == []
    assert run(DoubleSpace, "A b c.", "А  б в.")
    assert run(DoubleSpace, "A  b c.", "А  б в.") == []
    assert run(DoubleSpace, "10 000", "10\u00a0000") == []


def test_doubled_word():
    assert run(DoubledWord, "the day", "the the day", "be", "en")
    assert run(DoubledWord, "Мы пойдзем у парк.", "We went to to the park.", "be", "en")
    assert run(DoubledWord, "We go to the park.", "Мы ідзём у у парк.")
    assert run(DoubledWord, "Well, well.", "Ну-ну.") == []
    assert run(DoubledWord, "It costs 10 10-rouble notes.", "Каштуе 10 10-рублёвых купюр.") == []
    assert run(DoubledWord, "Bora Bora", "Бора Бора") == []


def test_capitalization():
    assert run(Capitalization, "Minsk is ready.", "мінск гатовы.")
    assert run(Capitalization, "and then", "І потым")
    assert run(Capitalization, "“We won,” he said.", "«Мы перамаглі», — сказаў ён.") == []
    assert run(Capitalization, "iPhone sales rose.", "Продажы iPhone выраслі.") == []
    assert run(Capitalization, "5 people", "Пяць чалавек") == []


def test_length_ratio():
    src = "The minister stressed the importance of cooperation with neighbours."
    assert run(LengthRatio, src, "Міністр.")
    assert run(LengthRatio, src, "Міністр падкрэсліў важнасць супрацоўніцтва з суседзямі.") == []
    assert (
        run(LengthRatio, "WHO experts met.", "Эксперты Сусветнай арганізацыі аховы здароўя.") == []
    )
    assert run(LengthRatio, "Short.", "Вельмі доўгі пераклад кароткага слова.") == []


def test_wrong_language():
    assert run(WrongLanguage, "The concert was a success.", "Концерт прошёл с большим успехом.")
    assert run(
        WrongLanguage,
        "Farmers expect a good harvest.",
        "Фермеры чакаюць добрага ўраджаю.",
        "en",
        "ru",
    )
    assert (
        run(
            WrongLanguage,
            "Farmers expect a good harvest.",
            "Фермеры ждут хорошего урожая.",
            "en",
            "ru",
        )
        == []
    )
    assert run(WrongLanguage, "Спорт", "Спорт", "ru", "be") == []


def test_foreign_words():
    msgs = run(ForeignWords, "Он был в Минске.", "Ён был у Мінску.", "ru", "be")
    assert msgs and "был" in msgs[0]
    msgs = run(
        ForeignWords,
        "В Гродно прошёл фестиваль национальных культур.",
        "У Гродне прайшоў фестываль национальных культур.",
        "ru",
        "be",
    )
    assert msgs and "национальных" in msgs[0]
    assert run(ForeignWords, "Гэта важна для ўсіх.", "Это важно для ўсіх людей.", "be", "ru")
    assert run(ForeignWords, "Он был в Минске.", "Ён быў у Мінску.", "ru", "be") == []
    # a title quoted in its own language, as in the source
    assert (
        run(
            ForeignWords,
            "Газета «Советская Белоруссия» вышла.",
            "Газета «Советская Белоруссия» выйшла.",
            "ru",
            "be",
        )
        == []
    )


def test_mixed_script():
    assert run(MixedScript, "The mayor visited.", "Мэр наведаў cтадыён.")  # Latin c
    assert run(MixedScript, "Minsk and Brest.", "Мінск i Брэст.")  # Latin i
    assert run(MixedScript, "Отель Minsk.", "The Мinsk hotel.", "ru", "en")  # Cyrillic М
    assert run(MixedScript, "IT services", "IT-паслугі") == []
    assert run(MixedScript, "World War I", "Першая сусветная вайна (I)") == []
    assert run(MixedScript, "vitamin C", "вітамін C") == []


def test_same_as_source():
    assert run(SameAsSource, "Prices rise.", "Prices rise.")
    assert run(SameAsSource, "Apple Inc.", "Apple Inc.") == []
    assert run(SameAsSource, "2024", "2024") == []
    assert run(SameAsSource, "Спорт", "Спорт", "ru", "be") == []
    same = "Сельское хозяйство получит новые кредиты."
    assert run(SameAsSource, same, same, "ru", "be")


def test_twelve_hour_clock_and_may_the_verb():
    assert run(Numbers, "It starts at 3 p.m.", "Пачатак а 15.00.") == []
    assert run(Numbers, "It starts at 9am.", "Пачатак а 9:00.") == []
    assert run(Numbers, "It starts at 3 p.m.", "Пачатак а 16.00.")
    assert run(Dates, "Only 5 may apply.", "Толькі 5 могуць падаць заяўку.") == []
    assert run(Dates, "On 5 May.", "5 траўня.") == []


def test_abbreviations_are_not_sentence_ends_or_words():
    assert run(EndPunctuation, "He lives in the U.S.", "Ён жыве ў ЗША") == []
    assert run(ForeignWords, "The village of Rakau.", "Вёска в. Ракаў.", "en", "be") == []
    assert run(ForeignWords, "V. Petrov said.", "В. Пятроў сказаў.", "en", "be") == []


class _Term:
    """One glossary hit as transflow.mt.glossary reports it (start, end, source, target)."""

    def __init__(self, start: int, end: int, source: str, target: str):
        self.start, self.end, self.source, self.target = start, end, source, target


class _TinyGlossary:
    """The interface of transflow.mt.glossary.Glossary the check relies on: missing_terms()."""

    def __init__(self, terms: dict[str, str]):
        self.terms = terms

    def missing_terms(self, source: str, translation: str, src: str, tgt: str) -> list[_Term]:
        out = []
        for term, target in self.terms.items():
            at = source.find(term)
            if at >= 0 and target[:4].lower() not in translation.lower():
                out.append(_Term(at, at + len(term), term, target))
        return out


def test_glossary_check_reports_missing_terms():
    from transflow.qa.glossary import GlossaryTerms

    gloss = _TinyGlossary({"BelTA": "БелТА"})
    bad = GlossaryTerms().check(
        Unit("BelTA reports.", "Агенцтва паведамляе.", "en", "be", glossary=gloss)
    )
    assert bad == ["glossary: 'BelTA' should be rendered as 'БелТА'"]
    assert (
        GlossaryTerms().check(
            Unit("BelTA reports.", "БелТА паведамляе.", "en", "be", glossary=gloss)
        )
        == []
    )
    assert GlossaryTerms().check(Unit("BelTA reports.", "Агенцтва паведамляе.")) == []


def test_russian_spelling_inside_belarusian():
    msgs = run(
        ForeignWords,
        "The fair will run until evening.",
        "Кірмаш будет працаваць да вечара, кажа дырэктар.",
        "en",
        "be",
    )
    assert msgs and "будет" in msgs[0]
    clean = "Кірмаш будзе працаваць да вечара, кажа дырэктар."
    assert run(ForeignWords, "The fair will run until evening.", clean, "en", "be") == []


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        ("a 10.5 km run;", "забег на 10,5 км;", "ru"),
        ("a 10.5 km run;", "забег на 10,5 км;", "be"),
        ("a 5.5 km family run.", "сямейны забег на 5,5 км.", "be"),
        ("the half marathon, 21.1 km;", "паўмарафон, 21,1 км;", "be"),
    ],
)
def test_short_cyrillic_that_fits_the_target_is_not_called_another_language(src, tgt, lang):
    assert run(WrongLanguage, src, tgt, "en", lang) == []


def test_text_in_another_script_is_the_wrong_language():
    assert run(WrongLanguage, "Prices rose.", "Prices are expected to rise.", "en", "be")


def test_an_escaped_literal_tag_is_not_a_placeholder():
    found = Placeholders().check(Unit("Формула a \\<b> c", "Formula a <b> c", "be", "en"))
    assert found == ["placeholder not in source: <b>", "<b> is never closed"]


def test_foreign_words_with_a_quotation_in_the_translation():
    src = "Газета «Советская Белоруссия» выйдет завтра."
    assert run(ForeignWords, src, "Газета «Советская Белоруссия» выйдзе заўтра.", "ru", "be") == []


def test_invisible_characters_must_match_the_source():
    from transflow.qa.invisible import InvisibleCharacters

    check = InvisibleCharacters
    assert run(check, "The museum opens.", "Музей\u200b адкрываецца.") == [
        "invisible characters differ: source has none; translation has U+200B ZERO WIDTH SPACE"
    ]
    assert run(check, "Con\u00adcert today.", "Канцэрт сёння.") != []  # lost
    assert run(check, "A\u200eB today.", "A\u200fB сёння.") != []  # LRM became RLM
    assert run(check, "A\u200eB today.", "A\u200eB сёння.") == []  # kept
    assert run(check, "Family 👨\u200d👩\u200d👧 day.", "Дзень 👨\u200d👩\u200d👧 сям'і.") == []
    assert run(check, "Plain text.", "Просты тэкст.") == []
    assert check.severity == WARNING


def test_bidi_overrides_are_errors_even_when_the_source_has_them():
    from transflow.qa.invisible import BidiOverride

    assert run(BidiOverride, "Code A-17.", "Код \u202e71-A\u202c.") == [
        "U+202E RIGHT-TO-LEFT OVERRIDE in the translation"
    ]
    assert run(BidiOverride, "Code \u202dA\u202c.", "Код \u202dA\u202c.") == [
        "U+202D LEFT-TO-RIGHT OVERRIDE in the translation"
    ]
    assert run(BidiOverride, "Code \u202bA\u202c.", "Код \u202bA\u202c.") == []  # embedding
    assert BidiOverride.severity == ERROR

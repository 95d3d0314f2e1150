"""The supplementary be<->ru dictionary: file format, paradigms, lookups, real Apertium drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from transflow.errors import TransflowError
from transflow.lang.lexicon import lexicon_for
from transflow.mt.apertium import ApertiumEngine
from transflow.mt.factory import EngineSet
from transflow.mt.paradigms import paradigm
from transflow.mt.respell import Lexicons
from transflow.mt.supplement import Entry, Supplement, configured, load, parse
from transflow.pipeline.config import load_config


@pytest.fixture(scope="module")
def lexicons() -> Lexicons:
    return Lexicons()


# -- the file ------------------------------------------------------------------------------------


def test_the_packaged_file_parses_and_is_large() -> None:
    entries = load()
    assert len(entries) > 1500
    assert {e.pos for e in entries} == {"n", "adj", "v", "w"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("v\tпаведаміць", "expected pos<TAB>be<TAB>ru"),
        ("x\tпаведаміць\tсообщить", "unknown part of speech 'x'"),
        ("v\tпаведаміць\tсообщить гордо", "one word a cell"),
        ("v\t\tсообщить", "expected pos<TAB>be<TAB>ru"),
    ],
)
def test_a_bad_line_is_named(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "extra.tsv"
    path.write_text("# comment\n\nn\tвыстава\tвыставка\n" + line + "\n", encoding="utf-8")
    with pytest.raises(TransflowError) as err:
        load(path)
    assert message in str(err.value)
    assert str(path) in str(err.value) and ":4" in str(err.value)


def test_comments_blank_lines_and_several_word_translations() -> None:
    entries = parse("# a comment\n\nw\tлетась\tв прошлом году  # and a trailing one\n")
    assert entries == [Entry("w", "летась", "в прошлом году")]


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TransflowError, match="cannot read the supplement"):
        load(tmp_path / "absent.tsv")


# -- paradigms -----------------------------------------------------------------------------------


def test_verb_forms_share_tags_across_the_languages() -> None:
    be = paradigm("v", "паведаміць", "be")
    ru = paradigm("v", "сообщить", "ru")
    assert be["past.m"] == ["паведаміў"] and ru["past.m"] == ["сообщил"]
    assert be["past.pl"] == ["паведамілі"] and ru["past.pl"] == ["сообщили"]
    assert "паведамлены" in be["ppp.m.nom"] and "сообщённый" in ru["ppp.m.nom"]


def test_reflexive_verbs_and_a_given_present() -> None:
    be = paradigm("v", "абмяркоўвацца", "be")
    assert be["past.pl"] == ["абмяркоўваліся"] and "абмяркоўваецца" in be["prs.3sg"]
    ru = paradigm("v", "остаться;останет", "ru")
    assert ru["prs.3sg"] == ["останется"] and ru["past.f"] == ["осталась"]
    be = paradigm("v", "абмеркаваць;абмяркуе", "be")
    assert be["prs.3pl"] == ["абмяркуюць"]


def test_past_of_verbs_in_ti_comes_from_the_present() -> None:
    ru = paradigm("v", "провести;проведёт", "ru")
    assert ru["past.m"] == ["провёл"] and ru["past.f"] == ["провела"]
    assert paradigm("v", "пройти;пройдёт", "ru")["past.m"][0] == "прошёл"
    be = paradigm("v", "правесці;правядзе", "be")
    assert be["past.m"] == ["правёў"] and be["past.pl"] == ["правялі"]
    assert paradigm("v", "дапамагчы;дапаможа", "be")["past.m"] == ["дапамог"]


def test_noun_and_adjective_forms() -> None:
    assert paradigm("n", "выстава", "be")["sg.gen"] == ["выставы"]
    assert paradigm("n", "выставка", "ru")["sg.gen"] == ["выставки"]
    assert "узроўня" in paradigm("n", "узровень", "be")["sg.gen"]
    assert "уровня" in paradigm("n", "уровень", "ru")["sg.gen"]
    assert paradigm("n", "учёный:adj", "ru")["pl.nom"] == ["учёные"]
    assert paradigm("n", "область:f", "ru")["sg.ins"] == ["областью"]
    assert paradigm("adj", "устойлівы", "be")["f.gen"] == ["устойлівай"]
    assert paradigm("adj", "большой", "ru")["m.gen"] == ["большого"]


# -- lookups -------------------------------------------------------------------------------------


def test_translate_picks_the_form_the_lexicon_knows(lexicons: Lexicons) -> None:
    sup = configured()
    assert sup is not None
    got = sup.translate(["паведаміў", "Абмеркавалі", "выставы", "ПЛАНУЕ"], "be", "ru", lexicons)
    assert got == {
        "паведаміў": "сообщил",
        "Абмеркавалі": "Обсудили",
        "выставы": "выставки",
        "ПЛАНУЕ": "ПЛАНИРУЕТ",
    }
    got = sup.translate(["обсудили", "работать", "остается"], "ru", "be", lexicons)
    assert got == {"обсудили": "абмеркавалі", "работать": "працаваць", "остается": "застаецца"}


def test_readings_vote_for_the_form(lexicons: Lexicons) -> None:
    # навукоўцы is a genitive singular or a nominative plural; two readings say учёные
    assert configured().translate(["навукоўцы"], "be", "ru", lexicons) == {  # type: ignore[union-attr]
        "навукоўцы": "учёные"
    }


def test_plural_only_nouns_get_their_real_genitive(lexicons: Lexicons) -> None:
    # the rules once offered only -ов/-ей: полномочиов, сведениов were all they had
    sup = Supplement(
        [
            Entry("n", "паўнамоцтвы:pl", "полномочия:pl"),
            Entry("n", "даныя:pl", "данные:pl"),
            Entry("n", "кошты:pl", "средства:pl"),
        ]
    )
    got = sup.translate(["паўнамоцтваў", "даных", "данымі", "коштаў"], "be", "ru", lexicons)
    assert got == {
        "паўнамоцтваў": "полномочий",
        "даных": "данных",
        "данымі": "данными",
        "коштаў": "средств",
    }
    assert sup.translate(["данных"], "ru", "be", lexicons) == {"данных": "даных"}


def test_forms_the_lexicon_rejects_are_not_used(lexicons: Lexicons) -> None:
    # the rules guess ждает for ждать: the lexicon knows ждать but not that form, so nothing
    guessed = Supplement([Entry("v", "чакаць", "ждать")])
    assert guessed.translate(["чакае"], "be", "ru", lexicons) == {}
    given = Supplement([Entry("v", "чакаць", "ждать;ждёт")])
    assert given.translate(["чакае"], "be", "ru", lexicons) == {"чакае": "ждёт"}


def test_a_word_the_supplement_lacks_is_left_out(lexicons: Lexicons) -> None:
    assert configured().translate(["кватэраўладальнік"], "be", "ru", lexicons) == {}  # type: ignore[union-attr]


def test_only_entries_beginning_like_the_word_are_inflected() -> None:
    sup = Supplement(load())
    sup.readings("паведаміў", "be")
    assert 0 < len(sup._forms) < 60  # the bucket of "пав", not the 2,000 entries


def _project(root: Path):  # type: ignore[no-untyped-def]
    """The configuration of a project in `root` whose be->ru chain is Apertium alone."""
    (root / "transflow.toml").write_text(
        '[project]\nlanguages = ["ru", "be"]\n\n[chains]\n"be-ru" = ["apertium"]\n',
        encoding="utf-8",
    )
    return load_config(root)


# -- drafts through real Apertium ----------------------------------------------------------------


def test_be_ru_draft_translates_what_apertium_left(apertium: ApertiumEngine) -> None:
    (draft,) = apertium.translate_drafts(["Міністр паведаміў пра вынікі нарады."], "be", "ru")
    assert draft is not None
    assert "сообщил" in draft.text and "паведаміў" not in draft.text
    assert "паведаміў" not in draft.unknown_words
    assert draft.note == "supplement: паведаміў"
    assert not lexicon_for("ru").unknown(draft.text.rstrip(".").split())


def test_ru_be_draft_translates_what_apertium_left(apertium: ApertiumEngine) -> None:
    (draft,) = apertium.translate_drafts(["Он сообщил, что работать будут все."], "ru", "be")
    assert draft is not None
    assert "паведаміў" in draft.text and "працаваць" in draft.text
    assert "supplement:" in draft.note and "сообщил" in draft.note


def test_without_the_supplement_the_word_stays_unknown() -> None:
    with ApertiumEngine(supplement=False) as plain:
        (draft,) = plain.translate_drafts(["Міністр паведаміў пра вынікі."], "be", "ru")
    assert draft is not None and "паведаміў" in draft.unknown_words and draft.note == ""


def test_a_word_cut_at_its_apostrophe_is_translated_whole(apertium: ApertiumEngine) -> None:
    (draft,) = apertium.translate_drafts(["У бальніцы з'явілася новае абсталяванне."], "be", "ru")
    assert draft is not None
    assert "появилась" in draft.text and "'" not in draft.text


def test_a_source_word_passed_on_unmarked_is_translated(apertium: ApertiumEngine) -> None:
    source = "Беларусь заинтересована в наращивании поставок."
    (draft,) = apertium.translate_drafts([source], "ru", "be")
    assert draft is not None
    assert "заинтересована" not in draft.text and "зацікаўлена" in draft.text
    assert "заинтересована" in draft.note


def test_a_project_file_comes_before_the_packaged_entries(tmp_path: Path) -> None:
    extra = tmp_path / "extra.tsv"
    extra.write_text("v\tпаведаміць\tизвестить\n", encoding="utf-8")
    with ApertiumEngine(supplement=str(extra)) as eng:
        (draft,) = eng.translate_drafts(["Міністр паведаміў пра вынікі."], "be", "ru")
    assert draft is not None and "известил" in draft.text


def test_the_project_glossary_file_is_used_by_the_configured_engine(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "bel-rus-extra.tsv").write_text(
        "v\tпаведаміць\tизвестить\n", encoding="utf-8"
    )
    config = _project(tmp_path)
    with EngineSet(config) as engines:
        chain = engines.chain("be", "ru")
        assert chain is not None
        (draft,) = chain.translate(["Міністр паведаміў пра вынікі."], "be", "ru")
    assert draft is not None and "известил" in draft.text


def test_a_bad_project_file_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "bel-rus-extra.tsv").write_text("v\tпаведаміць\n", encoding="utf-8")
    config = _project(tmp_path)
    with EngineSet(config) as engines, pytest.raises(TransflowError) as err:
        engines.chain("be", "ru")
    assert "bel-rus-extra.tsv" in str(err.value) and ":1" in str(err.value)


def test_every_packaged_lemma_ends_as_its_part_of_speech_requires() -> None:
    endings = {
        "v": (("ць", "ці", "чы", "цца", "ціся"), ("ть", "ти", "чь", "ться", "тись", "чься")),
        "adj": (("ы", "і"), ("ый", "ий", "ой")),
    }
    for entry in load():
        if entry.pos in endings:
            be_end, ru_end = endings[entry.pos]
            assert entry.be.split(";")[0].endswith(be_end), entry
            assert entry.ru.split(";")[0].endswith(ru_end), entry
        if entry.pos != "w":
            assert " " not in entry.be + entry.ru, entry


def test_an_edited_project_file_is_read_again(tmp_path: Path, lexicons: Lexicons) -> None:
    extra = tmp_path / "extra.tsv"
    extra.write_text("v\tпаведаміць\tизвестить\n", encoding="utf-8")
    first = configured(str(extra))
    extra.write_text("v\tпаведаміць\tоповестить\n# edited\n", encoding="utf-8")
    second = configured(str(extra))
    assert first is not None and second is not None
    assert first.translate(["паведаміў"], "be", "ru", lexicons) == {"паведаміў": "известил"}
    assert second.translate(["паведаміў"], "be", "ru", lexicons) == {"паведаміў": "оповестил"}


@pytest.mark.parametrize(
    ("entry", "word", "lang"),
    [
        (Entry("n", "савет", "совет"), "савета", "be"),  # a noun that ends like an infinitive
        (Entry("n", "савет", "совет"), "советом", "ru"),
        (Entry("n", "запавет", "завет"), "завета", "ru"),
        (Entry("v", "хаваць", "прятать"), "хавае", "be"),  # a short verb stem
    ],
)
def test_short_stems_and_nouns_ending_like_verbs_are_found(
    entry: Entry, word: str, lang: str
) -> None:
    """Every form of an entry's lemma is found, however short the part all its forms share."""
    assert Supplement([entry]).readings(word, lang)

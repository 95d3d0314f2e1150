"""Drafts that invent no words: lexicon-checked respellings, dropped words, real Apertium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from transflow.lang.lexicon import lexicon_for
from transflow.mt.apertium import ApertiumEngine
from transflow.mt.base import Draft
from transflow.mt.gaps import WORD_RE, Gap, fill, find_gaps
from transflow.mt.respell import Lexicons, candidates, choose, one_edit
from transflow.mt.supplement import configured
from transflow.pipeline.fill import fill_catalog
from transflow.po.catalog import Catalog, Message

DEV = Path(__file__).resolve().parents[2] / "bench" / "data"


@pytest.fixture(scope="module")
def raw() -> Iterator[ApertiumEngine]:
    eng = ApertiumEngine(adapt=False)
    yield eng
    eng.close()


# -- gaps: where a word went missing -------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "output", "gap"),
    [
        ("Отчёт готов и отправлен вчера.", "Справаздача гатовая і  ўчора.", Gap(21, "отправлен")),
        ("Приказ подписан.", "Загад .", Gap(5, "подписан")),
        ("Подписан приказ.", " загад.", Gap(0, "Подписан", "lead")),
        ("Приказ подписан", "Загад ", Gap(5, "подписан", "trail")),
        ("Подписан.", ".", Gap(0, "Подписан", "bare")),
        ("Приказ <b>подписан</b>.", "Загад <b></b>.", Gap(9, "подписан", "bare")),
        ("  Приказ подписан.  ", "  Загад .  ", Gap(7, "подписан")),
        ("  Подписан приказ.", "   загад.", Gap(2, "Подписан", "lead")),
    ],
)
def test_gap_found_with_its_source_word(source: str, output: str, gap: Gap) -> None:
    assert find_gaps(source, output) == [gap]


def test_no_gap_when_the_source_has_the_same_spacing() -> None:
    assert find_gaps("Цена : 5 рублей", "Кошт : 5 рублёў") == []
    assert find_gaps("Одна фраза.", "Адна фраза.") == []


def test_fill_puts_words_back_with_single_spaces() -> None:
    out = "Загад  ўчора, а план ."
    gaps = find_gaps("Приказ подписан вчера, а план утверждён.", out)
    assert [g.word for g in gaps] == ["подписан", "утверждён"]
    assert fill(out, gaps, ["падпісаны", "зацверджаны"]) == (
        "Загад падпісаны ўчора, а план зацверджаны."
    )
    assert fill(out, gaps, [None, None]) == "Загад ўчора, а план."
    start = " загад."
    assert fill(start, find_gaps("Подписан приказ.", start), ["Падпісаны"]) == "Падпісаны загад."
    tags = "Загад <b></b>."
    gaps = find_gaps("Приказ <b>подписан</b>.", tags)
    assert fill(tags, gaps, ["падпісаны"]) == "Загад <b>падпісаны</b>."
    assert fill(tags, gaps, [None]) == tags


def test_counts_that_differ_still_name_an_unmatched_word() -> None:
    # one source word more than the gap explains: the nearby word nothing resembles is named
    gaps = find_gaps("В течение года план выполнен полностью.", "На працягу года план  цалкам.")
    assert [g.word for g in gaps] == ["выполнен"]


# -- respellings kept only when a lexicon knows them ----------------------------------------------


def test_candidates_try_stress_positions_and_endings() -> None:
    cands = candidates("рассказал", "ru", "be")
    assert "рассказал" in cands  # the word as written is a candidate too
    assert "расказаў" in cands
    assert any(c.endswith("ны") for c in candidates("подписан", "ru", "be"))


def test_one_edit_changes_no_letter_and_keeps_case() -> None:
    assert "расказаў" in one_edit("рассказаў", "be")  # a doubled letter made single
    assert "Наталья" in one_edit("Наталя", "ru")  # a soft sign added
    for form in one_edit("Рассказаў", "be"):
        assert form[0] == "Р"
        plain = form.replace("ь", "").replace("'", "")
        # only signs added or one doubled letter made single: no letter is ever replaced
        assert plain in ("Рассказаў", "Расказаў"), form


def test_choose_keeps_known_respellings_and_source_words_otherwise() -> None:
    lex = Lexicons()
    be = lexicon_for("be")
    got = choose(
        [("рассказал", False), ("Шчоглавічэнскі", False), ("Шчоглавич", True)], "ru", "be", lex
    )
    assert be.knows(got[("рассказал", False)])
    assert got[("Шчоглавічэнскі", False)] == "Шчоглавічэнскі"  # nothing known: as written
    # a name inside a sentence: transliterated by every rule
    assert got[("Шчоглавич", True)] == candidates("Шчоглавич", "ru", "be")[0] == "Шчаглавіч"


# -- whole drafts through real Apertium ------------------------------------------------------------


def test_issue_sentence_keeps_the_participle(apertium: ApertiumEngine, raw: ApertiumEngine) -> None:
    source = "Схема маршрута уже опубликована на сайте."
    (before,) = raw.translate_drafts([source], "ru", "be")
    assert before is not None and "  " in before.text  # Apertium drops the word
    (draft,) = apertium.translate_drafts([source], "ru", "be")
    assert draft is not None
    assert "  " not in draft.text
    assert "апублікавана" in draft.text.split()
    assert draft.dropped_words == ["опубликована"]


def test_dropped_word_at_the_end_and_start(apertium: ApertiumEngine) -> None:
    texts = ["Приказ подписан.", "Подписан новый приказ."]
    end, start = apertium.translate_drafts(texts, "ru", "be")
    assert end is not None and start is not None
    assert end.text.endswith(" падпісаны.") and end.dropped_words == ["подписан"]
    assert start.text.startswith("Падпісаны ") and "  " not in start.text


def test_dropped_word_inside_markup_and_with_blanks_around(apertium: ApertiumEngine) -> None:
    tags, blanks = apertium.translate_drafts(
        ["Приказ <b>подписан</b> вчера.", "  Приказ подписан.  "], "ru", "be"
    )
    assert tags is not None and blanks is not None
    assert "<b>падпісаны</b>" in tags.text and tags.dropped_words == ["подписан"]
    assert blanks.text == "  Загад падпісаны.  "


def test_unknown_word_without_known_respelling_is_kept_and_listed() -> None:
    with ApertiumEngine(supplement=False) as plain:  # the supplement knows сообщил
        (draft,) = plain.translate_drafts(["Депутат сообщил новость."], "ru", "be")
    assert draft is not None
    assert "сообщил" in draft.unknown_words
    word = next(w for w in draft.text.rstrip(".").split() if w.lower().startswith("со"))
    # either a word the Belarusian lexicon knows, or the source word as written: nothing invented
    assert word == "сообщил" or lexicon_for("be").knows(word)


def test_dev_drafts_hold_no_double_space_and_no_new_nonword(apertium: ApertiumEngine) -> None:
    pairs = [
        line.split("\t")
        for name in ("parallel_be_ru.tsv", "parallel_be_ru_dev2.tsv")
        for line in (DEV / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    supplement = configured()
    assert supplement is not None
    for src, tgt, col in (("ru", "be", 1), ("be", "ru", 0)):
        sources = [p[col].strip() for p in pairs]
        drafts = apertium.translate_drafts(sources, src, tgt)
        lexicon = lexicon_for(tgt)
        for source, draft in zip(sources, drafts, strict=True):
            assert draft is not None and "  " not in draft.text, draft
            # every word Apertium did not know is now a known word, a name or the source word
            words = set(WORD_RE.findall(draft.text))
            # ... or the supplement's translation of a source word, named in the note (a word
            # its author wrote, such as абмяркоўваліся, that the lexicon may not hold)
            supplied = draft.note.removeprefix("supplement: ").split(", ") if draft.note else []
            from_supplement = set(supplement.translate(supplied, src, tgt, Lexicons()).values())
            for w in lexicon.unknown(words):
                assert w in source or w[:1].isupper() or w in from_supplement, (w, draft.text)


def test_translate_lists_dropped_words_in_the_comment() -> None:
    catalog = Catalog(messages=[Message(msgid="Приказ подписан.")])
    draft = Draft(text="Загад падпісаны.", engine="apertium", dropped_words=["подписан"])
    assert fill_catalog(catalog, {"Приказ подписан.": draft}, "ru", "be") == 1
    msg = catalog.messages[0]
    assert "mt-dropped: подписан" in msg.translator_comments
    assert msg.msgstr == "Загад падпісаны." and msg.fuzzy


def test_a_failing_reply_handler_leaves_no_stale_replies() -> None:
    with ApertiumEngine() as eng:
        eng.translate_batch(["Привет."], "ru", "be")  # start the pipeline
        pipe = eng._pipeline("ru", "be")

        def fail(k: int, reply: str) -> None:
            raise RuntimeError("handler broke")

        with pytest.raises(RuntimeError):
            pipe.run(["Первая фраза.", "Вторая фраза."], fail)
        again = eng.translate_batch(["Мир."], "ru", "be")
        assert again == eng.translate_batch(["Мир."], "ru", "be") and again[0] is not None
        assert "фраза" not in again[0].lower() and "фраз" not in again[0].lower()

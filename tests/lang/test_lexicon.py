"""Lexicons: Debian's Hunspell dictionaries, Apertium's analysers and word lists, really loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from transflow.errors import LexiconUnavailable, TransflowError
from transflow.lang import morph, spellers
from transflow.lang.lexicon import is_word_of, lexicon_for, project_words, read_word_list
from transflow.lang.morph import Analyser


def test_hunspell_words_of_each_language():
    assert lexicon_for("be").knows("кніга")
    assert lexicon_for("ru").knows("книга")
    assert lexicon_for("en").knows("book")
    assert not lexicon_for("en").knows("boook")


def test_apertium_analyser_adds_words_hunspell_lacks():
    be = lexicon_for("be")
    assert not be._sources.speller.check("перамовы")  # Hunspell alone rejects them
    assert be.knows("перамовы") and be.knows("вакцынацыі")


def test_russian_words_are_not_belarusian_and_the_reverse():
    be, ru = lexicon_for("be"), lexicon_for("ru")
    assert be.unknown(["сказал", "установят", "сказаў", "усталююць"]) == {"сказал", "установят"}
    assert ru.unknown(["сказал", "адкрылася", "открылась"]) == {"адкрылася"}


def test_mixed_up_spellings_are_unknown_to_both():
    for word in ("саобшчыў", "расчытываем"):
        assert not lexicon_for("be").knows(word) and not lexicon_for("ru").knows(word)


def test_case_rules():
    be = lexicon_for("be")
    assert be.knows("Кніга")  # a sentence start
    assert be.knows("КНІГА") and be.knows("БДУ") and be.knows("ЗША")  # all capitals
    assert be.knows("Мінск") and not be.knows("мінск")  # a name keeps its capital


def test_digits_hyphens_apostrophes_and_yo():
    be, ru = lexicon_for("be"), lexicon_for("ru")
    assert be.knows("COVID-19") and be.knows("10-га")
    assert be.knows("віцэ-прэм’ер") and be.knows("віцэ-прэм'ер") and be.knows("аб’ём")
    assert be.knows("па-беларуску")
    assert ru.knows("ещё") and ru.knows("еще") and ru.knows("Её")
    assert be.knows("гало\u0301ўны") and ru.knows("замо\u0301к")  # stress marks


def test_scripts():
    be = lexicon_for("be")
    assert be.knows("Garmin")  # another script: not the Belarusian lexicon's to judge
    assert not be.knows("cтадыён")  # Latin c inside a Cyrillic word
    assert lexicon_for("en").knows("Мінск")
    assert not is_word_of("Garmin", "be") and is_word_of("кніга", "be")
    assert not is_word_of("кніга", "en")


def test_unknown_is_the_batched_knows():
    text = "Ён сказал што перамовы працягнуцца ўвосень саобшчыў БДУ аб'ём 1990-я"
    words = text.split(" ")
    be = lexicon_for("be")
    assert be.unknown(words) == {w for w in words if not be.knows(w)}
    assert be.unknown(words) == {"сказал", "саобшчыў"}
    assert be.unknown(w for w in words) == {"сказал", "саобшчыў"}  # any iterable


def test_suggestions():
    assert "стадыён" in lexicon_for("be").suggest("стадыйон")
    assert lexicon_for("ru").suggest("аткрыл", limit=2)[0] == "открыл"
    assert len(lexicon_for("en").suggest("schol", limit=2)) == 2


def test_extra_words_and_cache():
    assert lexicon_for("be") is lexicon_for("be")
    assert not lexicon_for("be").knows("хэштэгамі")
    extra = lexicon_for("be", ["хэштэгамі"])
    assert extra.knows("хэштэгамі") and extra.knows("Хэштэгамі")
    assert extra is lexicon_for("be", ("хэштэгамі",))


def test_unknown_language_is_a_clear_error():
    with pytest.raises(TransflowError, match="be, ru, en"):
        lexicon_for("uk")


def test_missing_dictionary_names_the_debian_package(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(spellers, "HUNSPELL_DIRS", (tmp_path,))
    with pytest.raises(LexiconUnavailable, match="hunspell-be"):
        spellers.open_speller("be")
    monkeypatch.setattr(morph, "DATA_DIRS", (tmp_path,))
    with pytest.raises(LexiconUnavailable, match="apertium-bel-rus"):
        Analyser("ru")


def test_analyser_batches_restarts_and_rejects_partial_analyses():
    analyser = Analyser("be")
    nonsense = [f"ґқ{a}{b}" for a in "абвгдежзйклмнпрст" for b in "абвгдежзйклмнпрст"]
    words = [*nonsense, "кніга", "перамовы", "сказал"]  # the real words in the second chunk
    assert len(nonsense) > 256
    assert analyser.known(words) == {"кніга", "перамовы"}
    analyser.close()
    assert analyser.known(["вакцынацыі", "a^b", ""]) == {"вакцынацыі"}  # a new process
    analyser.close()


def test_word_lists(tmp_path: Path):
    path = tmp_path / "words-be.txt"
    path.write_text("# a comment\nхэштэг\n\n  мэйл  # trailing comment\n", encoding="utf-8")
    assert read_word_list(path) == ["хэштэг", "мэйл"]
    assert project_words(tmp_path, "be") == ["хэштэг", "мэйл"]
    assert project_words(tmp_path, "ru") == []
    path.write_text("хэштэг\nдва словы\n", encoding="utf-8")
    with pytest.raises(TransflowError) as err:
        read_word_list(path)
    assert err.value.line == 2 and "one word per line" in str(err.value)


def test_bundled_word_lists_hold_only_words_the_lexicons_lack():
    root = Path(__file__).resolve().parent.parent.parent / "glossary"
    for lang in ("be", "ru", "en"):
        words = project_words(root, lang)
        assert words, lang
        assert lexicon_for(lang).unknown(words) == set(words), lang

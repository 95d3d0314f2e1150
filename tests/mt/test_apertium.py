"""The Apertium engine with real Apertium: contract, boundaries, escaping, marks, failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from transflow.errors import EngineError, EngineUnavailable
from transflow.mt import stream
from transflow.mt.apertium import ApertiumEngine, decode, encode, find_mode, parse_mode
from transflow.mt.base import create, registered

from .engine_contract import EngineContract


class TestApertiumRuBe(EngineContract):
    @pytest.fixture
    def engine(self, apertium: ApertiumEngine) -> ApertiumEngine:
        return apertium

    @pytest.fixture
    def pair(self) -> tuple[str, str]:
        return ("ru", "be")


class TestApertiumBeRu(TestApertiumRuBe):
    @pytest.fixture
    def pair(self) -> tuple[str, str]:
        return ("be", "ru")


def test_registered_as_apertium() -> None:
    assert "apertium" in registered()
    eng = create("apertium", adapt=False)
    assert isinstance(eng, ApertiumEngine) and eng.adapt is False


def test_ru_be_translates_through_the_fixed_pipeline(apertium: ApertiumEngine) -> None:
    # this sentence makes the shipped rus-bel tagger crash; the fixed pipeline translates it
    out = apertium.translate_batch(["Президент провёл совещание в Минске в 2021 году."], "ru", "be")
    assert out == ["Прэзідэнт правёў нараду ў Мінску ў 2021 году."]


def test_be_ru_translates(apertium: ApertiumEngine) -> None:
    out = apertium.translate_batch(["Прэзідэнт правёў нараду ў Мінску 9 сакавіка."], "be", "ru")
    assert out == ["Президент провёл совещание в Минске 9 марта."]


def test_boundaries_exact_with_many_segments(apertium: ApertiumEngine) -> None:
    texts = [f"Завод выпустил {i} тракторов." for i in range(500)]
    out = apertium.translate_batch(texts, "ru", "be")
    assert len(out) == 500
    assert all(o is not None and f" {i} " in o for i, o in enumerate(out))


def test_reserved_characters_survive(apertium: ApertiumEngine) -> None:
    text = "Цена ^ $ / < > @ [ ] \\ * # выросла."
    out = apertium.translate_batch([text], "ru", "be")[0]
    assert out is not None
    for ch in "^$/<>@[]\\*#":
        assert ch in out, ch


def test_unknown_words_reported_not_marked() -> None:
    with ApertiumEngine(adapt=False) as raw:
        d = raw.translate_drafts(["Встречу провёл Жуковский."], "ru", "be")[0]
    assert d is not None
    assert "Жуковский" in d.unknown_words
    assert "*" not in d.text and "#" not in d.text and "@" not in d.text
    assert "Жуковский" in d.text


def test_unknown_words_adapted_to_belarusian(apertium: ApertiumEngine) -> None:
    d = apertium.translate_drafts(["Встречу провёл Жуковский."], "ru", "be")[0]
    assert d is not None and "Жукоўскі" in d.text
    assert d.unknown_words == ["Жуковский"]


def test_empty_and_letterless_segments_are_copied(apertium: ApertiumEngine) -> None:
    texts = ["", "  ", "12,5 %", "2021–2025", "<b>42</b>"]
    drafts = apertium.translate_drafts(texts, "ru", "be")
    assert [d.text for d in drafts if d] == texts
    assert all(d is not None and d.engine == "copy" for d in drafts)


def test_surrounding_whitespace_kept(apertium: ApertiumEngine) -> None:
    out = apertium.translate_batch(["  Погода хорошая.\n"], "ru", "be")[0]
    assert out is not None and out.startswith("  ") and out.endswith(".\n")


def test_segment_of_50_kb(apertium: ApertiumEngine) -> None:
    text = "Фермеры района начали весенний сев. " * 1400
    assert len(text.encode("utf-8")) > 50_000
    out = apertium.translate_batch([text, "Погода хорошая."], "ru", "be")
    assert out[0] is not None and out[0].count("Фермеры") == 1400
    assert out[1] is not None and out[1].startswith("Надвор'е")


def test_pipeline_started_once_per_direction(apertium: ApertiumEngine) -> None:
    apertium.translate_batch(["Погода хорошая."], "ru", "be")
    pids = [p.pid for p in apertium._pipes[("ru", "be")].procs]
    apertium.translate_batch(["Погода плохая."] * 3, "ru", "be")
    assert [p.pid for p in apertium._pipes[("ru", "be")].procs] == pids


def test_crash_names_the_segment_and_engine_restarts() -> None:
    # the shipped rus-bel mode crashes in apertium-tagger on this sentence: a real failure
    eng = ApertiumEngine(fix_tagger=False)
    try:
        with pytest.raises(EngineError, match=r"segment 1 of the batch"):
            eng.translate_batch(
                ["", "Президент провёл совещание в Минске с Лукашенко в 2021 году."], "ru", "be"
            )
        eng.fix_tagger = True
        eng._pipes.clear()
        assert eng.translate_batch(["Погода хорошая."], "ru", "be")[0]
    finally:
        eng.close()


def test_missing_apertium_names_the_debian_package(tmp_path: Path) -> None:
    with pytest.raises(EngineUnavailable, match="apertium-bel-rus"):
        ApertiumEngine(mode_dirs=[str(tmp_path)])


def test_missing_direction_names_the_debian_package(tmp_path: Path) -> None:
    (tmp_path / "bel-rus.mode").write_text("cat\n")
    eng = ApertiumEngine(mode_dirs=[str(tmp_path)])
    with pytest.raises(EngineUnavailable, match="apertium-bel-rus"):
        eng.translate_batch(["Погода хорошая."], "ru", "be")


def test_missing_program_is_unavailable(tmp_path: Path) -> None:
    (tmp_path / "rus-bel.mode").write_text("no-such-apertium-program -x | cat\n")
    eng = ApertiumEngine(mode_dirs=[str(tmp_path)])
    with pytest.raises(EngineUnavailable, match="apt-get install apertium-bel-rus"):
        eng.translate_batch(["Погода хорошая."], "ru", "be")


def test_a_program_missing_when_prepared_is_reported_by_the_batch(tmp_path: Path) -> None:
    (tmp_path / "rus-bel.mode").write_text("no-such-apertium-program -x | cat\n")
    eng = ApertiumEngine(mode_dirs=[str(tmp_path)])
    eng.prepare("ru", "be")  # starts in a thread: the failure waits for the batch
    with pytest.raises(EngineUnavailable, match="apt-get install apertium-bel-rus"):
        eng.translate_batch(["Погода хорошая."], "ru", "be")
    eng.close()


def test_a_prepared_pipeline_runs_before_the_batch_and_translates_the_same() -> None:
    texts = ["Погода хорошая.", "Президент провёл совещание в Минске."]
    with ApertiumEngine() as cold:
        expected = cold.translate_batch(texts, "ru", "be")
    with ApertiumEngine() as warm:
        warm.prepare("ru", "be")
        warm.prepare("en", "be")  # a pair it does not serve: nothing to start
        pipe = warm._pipes[("ru", "be")]
        pipe._started()
        assert pipe.alive and list(warm._pipes) == [("ru", "be")]
        assert warm.translate_batch(texts, "ru", "be") == expected
    assert not pipe.procs  # closed with the engine


def test_parse_mode_replaces_tagger_and_adds_null_flush() -> None:
    text = find_mode("rus-bel").read_text()
    stages = parse_mode(text, fix_tagger=True)
    names = [Path(s[0]).name for s in stages]
    assert "apertium-tagger" not in names
    assert stages[names.index("cg-proc", 2)][:5] == ["cg-proc", "-z", "-1", "-n", "-w"]
    assert all("-z" in s for s in stages)
    assert all(shutil.which(s[0]) for s in stages)


def test_encode_decode_roundtrip_of_protected_parts() -> None:
    prot: list[str] = []
    enc = encode("a <b>x</b> * y", prot)
    assert prot == ["<b>", "</b>", "*"] and "<" not in enc
    pieces, unknown = decode("a [0]x[1] [2] *слова @ещё \\@", prot)
    assert "".join(p for p, _ in pieces) == "a <b>x</b> * слова ещё @"
    assert unknown == ["слова", "ещё"]


def test_grouped_flushes_give_the_drafts_of_one_flush_per_segment(monkeypatch) -> None:
    texts = [
        "Президент провёл совещание в Минске.",
        "Как отметил министр, урожай будет выше.",
        "Новости региона",
        "<b>Важно:</b> дороги откроют в пятницу!",
        "Что ждёт аграриев в новом сезоне?",
        "«Мы готовы», — сказал директор.",
        "Схема маршрута уже опубликована на сайте.",
    ]
    assert stream.flush_groups([encode(t, []) for t in texts]) == [3, 4]
    with ApertiumEngine() as eng:
        grouped = eng.translate_drafts(texts, "ru", "be")
    monkeypatch.setattr(stream, "FLUSH_GROUP", 1)
    with ApertiumEngine() as eng:
        single = eng.translate_drafts(texts, "ru", "be")
    assert grouped == single


def test_preparing_a_direction_that_is_not_installed_raises_nothing(tmp_path: Path) -> None:
    (tmp_path / "bel-rus.mode").write_text("cat\n")
    eng = ApertiumEngine(mode_dirs=[str(tmp_path)])
    eng.prepare("ru", "be")  # rus-bel is missing: the batch reports it
    with pytest.raises(EngineUnavailable, match="apertium-bel-rus"):
        eng.translate_batch(["Погода хорошая."], "ru", "be")

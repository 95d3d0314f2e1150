"""Tests of the translation memory (exact and fuzzy lookup, catalogs) and the memory engine."""

from __future__ import annotations

import random
import time

import pytest

from transflow.mt import base
from transflow.mt.memory import (
    Match,
    MemoryEngine,
    TranslationMemory,
    fuzzy_key,
    provenance,
    safe_origin,
    same_numbers,
)
from transflow.po.catalog import Catalog, Message

from .engine_contract import MARKUP, SENTENCES, EngineContract

RU = "В Гродно открыли новый мост через Неман."
BE = "У Гродне адкрылі новы мост праз Нёман."


@pytest.fixture
def memory() -> TranslationMemory:
    """A small ru->be memory with sentences written for these tests."""
    tm = TranslationMemory()
    tm.add("ru", "be", RU, BE, "a.po:3")
    tm.add("ru", "be", "Урожай зерна в этом году выше прошлогоднего.", "Ураджай збожжа вышэйшы.")
    tm.add("ru", "be", "Школа в деревне отметила юбилей.", "Школа ў вёсцы адзначыла юбілей.")
    tm.add("be", "ru", BE, RU, "b.po:7")
    return tm


def test_exact_ignores_spacing_only(memory: TranslationMemory) -> None:
    assert memory.exact(RU, "ru", "be") == BE
    assert memory.exact("  В Гродно  открыли новый мост\nчерез Неман. ", "ru", "be") == BE
    assert memory.exact(RU.lower(), "ru", "be") is None
    assert memory.exact(RU, "ru", "en") is None
    assert memory.exact(BE, "be", "ru") == RU


def test_latest_translation_wins_for_exact(memory: TranslationMemory) -> None:
    memory.add("ru", "be", RU, "У Гродне адкрылі мост праз Нёман.", "c.po:9")
    assert memory.exact(RU, "ru", "be") == "У Гродне адкрылі мост праз Нёман."
    assert memory.exact_unit(RU, "ru", "be").origin == "c.po:9"  # type: ignore[union-attr]
    assert len(memory) == 5


def test_fuzzy_scores_and_order(memory: TranslationMemory) -> None:
    found = memory.fuzzy("В Гродно открыли новый мост через реку Неман.", "ru", "be")
    assert len(found) == 1
    match = found[0]
    assert isinstance(match, Match)
    assert match.target == BE and match.origin == "a.po:3"
    assert 85 <= match.score < 100


def test_fuzzy_ignores_case_punctuation_but_never_says_100(memory: TranslationMemory) -> None:
    found = memory.fuzzy("в гродно открыли новый мост через неман!", "ru", "be")
    assert [m.score for m in found] == [99.0]
    assert memory.fuzzy(RU, "ru", "be")[0].score == 100.0
    # ё and е are the same letter for the score
    assert memory.fuzzy("Урожай зерна в этом году выше прошлогоднего", "ru", "be")[0].score == 99.0


def test_fuzzy_threshold_and_limit(memory: TranslationMemory) -> None:
    assert memory.fuzzy("Совсем другой текст о погоде.", "ru", "be") == []
    assert memory.fuzzy("", "ru", "be") == []
    for i in range(5):
        memory.add("ru", "be", f"Завод выпустил {100 + i} тракторов.", f"Завод выпусціў {100 + i}.")
    found = memory.fuzzy("Завод выпустил 100 тракторов.", "ru", "be", limit=3)
    assert len(found) == 3
    assert found[0].score == 100.0 and found[0].target == "Завод выпусціў 100."
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert all(m.score >= 75 for m in found)
    assert (
        memory.fuzzy("Завод выпустил 100 тракторов.", "ru", "be", threshold=100.0)[0].score == 100
    )


def test_fuzzy_tolerates_russian_case_endings(memory: TranslationMemory) -> None:
    found = memory.fuzzy("Школа в деревне отмечает юбилей.", "ru", "be")
    assert found and found[0].target == "Школа ў вёсцы адзначыла юбілей."


def test_fuzzy_key_normalizes() -> None:
    assert fuzzy_key("Ёлка,  «Минск»!") == fuzzy_key("елка минск")
    assert fuzzy_key("Надвор’е") == fuzzy_key("надвор'е")


def test_fuzzy_matches_full_scan_on_a_big_memory() -> None:
    """The candidate index must find what a full scan finds (checked on 5,000 units)."""
    from rapidfuzz import fuzz, process

    rng = random.Random(3)
    words = [f"{a}{b}{c}" for a in "бвгдз" for b in "аоуыэ" for c in "клмнпрст"]
    tm = TranslationMemory()
    sources = []
    for i in range(5000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(4, 12)))
        sources.append(text)
        tm.add("ru", "be", text, f"t{i}")
    keys = [fuzzy_key(u.source) for u in tm.units("ru", "be")]
    for _ in range(60):
        query = rng.choice(sources).split()
        query[rng.randrange(len(query))] = rng.choice(words)
        text = " ".join(query)
        best = process.extractOne(fuzzy_key(text), keys, scorer=fuzz.ratio, score_cutoff=75)
        found = tm.fuzzy(text, "ru", "be", limit=1)
        if best is None:
            assert found == []
        else:
            assert found and abs(found[0].score - min(best[1], 100.0)) < 0.01


def test_fuzzy_speed_on_20000_units() -> None:
    """A loose guard (the benchmark measures 100,000): a query stays well under 50 ms."""
    rng = random.Random(5)
    words = [f"{a}{b}{c}{d}" for a in "бвгдзклм" for b in "аоуы" for c in "нрст" for d in "аоя"]
    tm = TranslationMemory()
    for i in range(20000):
        tm.add("ru", "be", " ".join(rng.choices(words, k=rng.randint(6, 18))), f"t{i}")
    queries = [" ".join(rng.choices(words, k=10)) for _ in range(30)]
    start = time.process_time()
    for query in queries:
        tm.fuzzy(query, "ru", "be")
    per_query = (time.process_time() - start) / len(queries)
    assert per_query < 0.05


def _catalog() -> Catalog:
    """A catalog with approved, fuzzy, untranslated, obsolete and plural entries."""
    return Catalog(
        header=Message(msgid="", msgstr="Language: be\n"),
        messages=[
            Message(msgid=RU, msgstr=BE, lineno=12),
            Message(msgid="Черновик машинного перевода.", msgstr="Чарнавік.", flags=["fuzzy"]),
            Message(msgid="Ещё не переведено.", msgstr="", lineno=20),
            Message(msgid="Удалённый абзац.", msgstr="Выдалены абзац.", obsolete=True),
            Message(
                msgid="{n} день",
                msgid_plural="{n} дней",
                msgstr_plural={0: "{n} дзень", 1: "{n} дні", 2: "{n} дзён"},
            ),
            Message(msgid="Пробел.", msgstr="   "),
        ],
        path="locales/be/LC_MESSAGES/news-1.po",
    )


def test_from_catalogs_takes_only_approved_live_entries() -> None:
    tm = TranslationMemory.from_catalogs([("ru", "be", _catalog())])
    units = list(tm.units())
    assert [(u.source, u.target) for u in units] == [(RU, BE)]
    assert units[0].origin == "locales/be/LC_MESSAGES/news-1.po:12"
    assert tm.pairs() == [("ru", "be")]


# --- the engine ----------------------------------------------------------------------------


def test_engine_exact_drafts_and_none(memory: TranslationMemory) -> None:
    engine = MemoryEngine(memory)
    drafts = engine.translate_drafts([RU, "Незнакомое предложение.", ""], "ru", "be")
    assert drafts[0] is not None and drafts[0].text == BE
    assert drafts[0].engine == "memory" and drafts[0].score == 100.0
    assert "from a.po" in drafts[0].note and "a.po:3" not in drafts[0].note
    assert "trusted" not in drafts[0].note
    assert drafts[1] is None
    assert drafts[2] is not None and drafts[2].text == ""
    trusted = MemoryEngine(memory, trust_exact=True).translate_drafts([RU], "ru", "be")[0]
    assert trusted is not None and trusted.note.startswith("trusted")


def test_engine_suggestions(memory: TranslationMemory) -> None:
    engine = MemoryEngine(memory)
    out = engine.suggestions(["В Гродно открыли мост через Неман.", "Погода."], "ru", "be")
    assert len(out) == 2
    assert out[0][0].target == BE and out[0][0].score >= 75
    assert out[1] == []


def test_engine_registered_as_memory() -> None:
    assert "memory" in base.registered()
    engine = base.create("memory")
    assert isinstance(engine, MemoryEngine) and len(engine.memory) == 0


class TestMemoryEngineContract(EngineContract):
    """The memory engine passes the shared engine tests on a memory of parallel sentences."""

    @pytest.fixture
    def pair(self) -> tuple[str, str]:
        return ("ru", "be")

    @pytest.fixture
    def engine(self) -> MemoryEngine:
        tm = TranslationMemory()
        for ru, be in zip(SENTENCES["ru"] * 3, SENTENCES["be"] * 3, strict=True):
            tm.add("ru", "be", ru, be)
        for i, (ru, be) in enumerate(zip(SENTENCES["ru"] * 3, SENTENCES["be"] * 3, strict=True)):
            tm.add("ru", "be", f"{ru[:-1]} {1000 + i}.", f"{be[:-1]} {1000 + i}.")
        tm.add("ru", "be", MARKUP["ru"], MARKUP["be"])
        return MemoryEngine(tm, pairs={("ru", "be")})


# --- both directions, provenance and numbers -----------------------------------------------


def test_catalogs_serve_both_ways_and_originals_win() -> None:
    back = Catalog(
        header=Message(msgid="", msgstr="Language: ru\n"),
        messages=[Message(msgid=BE, msgstr="В Гродно открыт новый мост через Неман.", lineno=5)],
        path="locales/ru/LC_MESSAGES/news-2.po",
    )
    forth = ("ru", "be", _catalog())
    for order in ([forth, ("be", "ru", back)], [("be", "ru", back), forth]):
        tm = TranslationMemory.from_catalogs(order, both_ways=True)
        # be->ru: the entry approved be->ru wins over the reverse of the ru->be entry, in any order
        assert tm.exact(BE, "be", "ru") == "В Гродно открыт новый мост через Неман."
    only = TranslationMemory.from_catalogs([forth], both_ways=True)
    assert only.exact(BE, "be", "ru") == RU  # without it, the reverse serves
    tm = TranslationMemory.from_catalogs([("ru", "be", _catalog()), ("be", "ru", back)], True)
    reverse = tm.exact_unit("В Гродно открыт новый мост через Неман.", "ru", "be")
    assert reverse is not None and reverse.derived and reverse.target == BE
    assert reverse.origin == "locales/ru/LC_MESSAGES/news-2.po:5"
    forward = tm.exact_unit(RU, "ru", "be")
    assert forward is not None and not forward.derived
    # a pair approved in both directions is one original unit per direction, not a derived copy
    both = TranslationMemory.from_catalogs(
        [
            ("be", "ru", Catalog(header=back.header, messages=[Message(msgid=BE, msgstr=RU)])),
            ("ru", "be", _catalog()),
        ],
        both_ways=True,
    )
    assert [u.derived for u in both.units()] == [False, False]


def test_a_derived_unit_never_shadows_an_original() -> None:
    tm = TranslationMemory()
    tm.add("ru", "be", RU, BE, "a.po:1")
    tm.add("ru", "be", RU, "Іншы пераклад.", "b.po:1", derived=True)
    tm.add("ru", "be", RU, BE, "c.po:1", derived=True)
    unit = tm.exact_unit(RU, "ru", "be")
    assert unit is not None and unit.target == BE and unit.origin == "a.po:1"
    assert not unit.derived


@pytest.mark.parametrize(
    ("declared", "safe"),
    [
        ("/home/alice/news/locales/be/LC_MESSAGES/a1.po:12", "locales/be/LC_MESSAGES/a1.po:12"),
        ("/srv/build/tm/agency.tmx:40", "tm/agency.tmx:40"),
        ("C:\\Users\\bob\\Documents\\memory.tmx:7", "memory.tmx:7"),
        ("file:///var/tmp/x/locales/ru/LC_MESSAGES/b.po", "locales/ru/LC_MESSAGES/b.po"),
        ("~/work/old.po:3", "old.po:3"),
        ("../../other/locales/be/LC_MESSAGES/c.po:9", "locales/be/LC_MESSAGES/c.po:9"),
        ("locales/be/LC_MESSAGES/a1.po:12", "locales/be/LC_MESSAGES/a1.po:12"),
        ("tuid 17", "tuid 17"),
        ("two\nlines", "two lines"),
        ("x" * 300, "x" * 119 + "…"),
    ],
)
def test_safe_origin_keeps_no_machine_path(declared: str, safe: str) -> None:
    assert safe_origin(declared) == safe


def test_provenance_names_file_and_declared_origin() -> None:
    assert provenance("locales/be/LC_MESSAGES/a1.po:12") == "locales/be/LC_MESSAGES/a1.po"
    assert provenance("tm/agency.tmx:14", "locales/be/LC_MESSAGES/x.po:7") == (
        "tm/agency.tmx (unit origin: locales/be/LC_MESSAGES/x.po:7)"
    )
    assert provenance("") == ""


def test_engine_note_for_an_imported_unit() -> None:
    tm = TranslationMemory()
    tm.add("ru", "be", RU, BE, "tm/agency.tmx:14", declared="tuid 17")
    draft = MemoryEngine(tm).translate_drafts([RU], "ru", "be")[0]
    assert draft is not None
    assert draft.note == "exact memory match from tm/agency.tmx (unit origin: tuid 17)"


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Рост на 5,5% за 2021 год.", "Рост на 5,5% за 2021 год!", True),
        ("Рост на 5,5% за 2021 год.", "Рост на 5,6% за 2021 год.", False),
        ("Счёт 3:1.", "Счёт 1:3.", False),
        ("Без чисел.", "Тоже без чисел.", True),
        ("1 000 тонн.", "1000 тонн.", False),
    ],
)
def test_same_numbers(one: str, other: str, same: bool) -> None:
    assert same_numbers(one, other) is same

"""The engine chain: order of engines, skipping, copying, deduplication and glossary terms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.mt.fake import FakeEngine
from transflow.mt.apertium import ApertiumEngine
from transflow.mt.base import Engine
from transflow.mt.chain import Chain, protect

from .engine_contract import EngineContract


class TestFakeEngine(EngineContract):
    @pytest.fixture
    def engine(self) -> FakeEngine:
        return FakeEngine(pairs={("ru", "be"), ("be", "ru")})

    @pytest.fixture
    def pair(self) -> tuple[str, str]:
        return ("ru", "be")


@dataclass
class TermMatch:
    start: int
    end: int
    source: str
    target: str


class TinyGlossary:
    """A stand-in for transflow.mt.glossary.Glossary: exact, case-sensitive terms."""

    def __init__(self, terms: dict[str, str]):
        self.terms = terms

    def matches(self, text: str, src: str, tgt: str) -> list[TermMatch]:
        out = []
        for source, target in self.terms.items():
            start = text.find(source)
            while start >= 0:
                out.append(TermMatch(start, start + len(source), source, target))
                start = text.find(source, start + 1)
        return out


class DropsTags(Engine):
    """An engine that loses every placeholder, as a careless online service might."""

    name = "drops"

    def translate_batch(self, texts: Sequence[str], src: str, tgt: str) -> list[str | None]:
        import re

        return [re.sub(r"<[^>]+>", "", t) for t in texts]


def test_first_engine_wins_and_none_passes_on() -> None:
    first = FakeEngine(fail_on="skip")
    second = FakeEngine()
    second.name = "second"
    out = Chain([first, second]).translate(["один", "skip this", "два"], "ru", "be")
    assert [d.text for d in out if d] == ["[be] один", "[be] skip this", "[be] два"]
    assert [d.engine for d in out if d] == ["fake", "second", "fake"]
    assert second.calls == [["skip this"]]


def test_unsupported_pair_skips_engine_and_records_reason() -> None:
    only_en = FakeEngine(pairs={("en", "be")})
    fallback = FakeEngine()
    chain = Chain([only_en, fallback])
    out = chain.translate(["текст"], "ru", "be")
    assert out[0] is not None and out[0].text == "[be] текст"
    assert len(chain.problems) == 1 and "ru->be" in chain.problems[0]
    assert only_en.calls == []


def test_unavailable_engine_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "rus-bel.mode").write_text("no-such-apertium-program -x\n")
    chain = Chain([ApertiumEngine(mode_dirs=[str(tmp_path)]), FakeEngine()])
    out = chain.translate(["Погода хорошая."], "ru", "be")
    assert out[0] is not None and out[0].engine == "fake"
    assert "apertium-bel-rus" in chain.problems[0]


def test_no_engine_serves_gives_none() -> None:
    chain = Chain([FakeEngine(fail_on="x")])
    assert chain.translate(["x"], "ru", "be") == [None]


def test_copy_dedup_and_one_batch_per_engine() -> None:
    eng = FakeEngine()
    texts = ["", "Первый.", "12:30", "Первый.", "Второй.", "— 5 % —"]
    out = Chain([eng]).translate(texts, "ru", "be")
    assert [d.text for d in out if d] == [
        "",
        "[be] Первый.",
        "12:30",
        "[be] Первый.",
        "[be] Второй.",
        "— 5 % —",
    ]
    assert [d.engine for d in out if d] == ["copy", "fake", "copy", "fake", "fake", "copy"]
    assert eng.calls == [["Первый.", "Второй."]]
    out[1].unknown_words.append("x")  # duplicates are independent objects
    assert out[3] is not None and out[3].unknown_words == []


def test_glossary_terms_protected_from_mt() -> None:
    eng = FakeEngine()
    gloss = TinyGlossary({"БелТА": "БЕЛТА"})
    out = Chain([eng], glossary=gloss).translate(["Как сообщает БелТА, всё."], "ru", "be")
    assert eng.calls == [["Как сообщает <g1/>, всё."]]
    assert out[0] is not None and out[0].text == "[be] Как сообщает БЕЛТА, всё."


def test_glossary_with_real_apertium() -> None:
    gloss = TinyGlossary({"БелТА": "БЕЛТА", "Жуковский": "Жукоўскі"})
    with ApertiumEngine() as eng:
        out = Chain([eng], glossary=gloss).translate(
            ["Как сообщает БелТА, встречу в Минске провёл Жуковский."], "ru", "be"
        )
    assert out[0] is not None
    assert "БЕЛТА" in out[0].text and "Жукоўскі" in out[0].text and "Мінску" in out[0].text
    assert "<g" not in out[0].text


def test_placeholder_names_do_not_clash() -> None:
    text = "A <g1/> B term C"
    prot = protect(text, [TermMatch(10, 14, "term", "T")])
    assert prot.text == "A <g1/> B <g2/> C" and prot.targets == {"<g2/>": "T"}


def test_overlapping_matches_keep_the_first_longest() -> None:
    prot = protect("Минский район", [TermMatch(0, 7, "Минский", "X"), TermMatch(0, 13, "М", "Y")])
    assert prot.text == "<g1/>" and prot.targets == {"<g1/>": "Y"}


def test_lost_glossary_term_is_kept_visible() -> None:
    out = Chain([DropsTags()], glossary=TinyGlossary({"БелТА": "БЕЛТА"})).translate(
        ["Сообщает БелТА."], "ru", "be"
    )
    assert out[0] is not None and "БЕЛТА" in out[0].text and "lost" in out[0].note


def test_memory_gets_the_catalog_text_and_inflected_terms_are_left_to_mt():
    from transflow.mt.glossary import Glossary, Term
    from transflow.mt.memory import MemoryEngine, TranslationMemory

    glossary = Glossary([Term({"ru": ("Минск",), "be": ("Мінск",), "en": ("Minsk",)})])
    memory = TranslationMemory()
    memory.add("ru", "be", "Минск встречает гостей.", "Мінск сустракае гасцей.")
    fake = FakeEngine({("ru", "be")})
    chain = Chain([MemoryEngine(memory), fake], glossary=glossary)
    drafts = chain.translate(["Минск встречает гостей.", "Праздник в Минске."], "ru", "be")
    assert drafts[0].text == "Мінск сустракае гасцей." and drafts[0].engine == "memory"
    # the inflected "Минске" went to MT as written, not replaced by the nominative "Мінск"
    assert fake.calls == [["Праздник в Минске."]]

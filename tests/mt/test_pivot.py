"""Pivot through Russian: a provider leg and the real Apertium leg, in both directions."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.mt.fake import FakeEngine
from transflow.errors import UnsupportedPair
from transflow.mt.apertium import ApertiumEngine
from transflow.mt.factory import EngineSet
from transflow.mt.pivot import PivotEngine
from transflow.mt.providers import GoogleEngine
from transflow.pipeline.config import parse_config

from .engine_contract import EngineContract
from .servers import FaultServer


@pytest.fixture(scope="module")
def server():
    with FaultServer() as srv:
        yield srv


class TestPivotContract(EngineContract):
    @pytest.fixture
    def engine(self, server: FaultServer, apertium: ApertiumEngine) -> PivotEngine:
        google = GoogleEngine(url=server.url + "/m", rate=None)
        return PivotEngine([google, apertium], via="ru", name="en-be")

    @pytest.fixture
    def pair(self) -> tuple[str, str]:
        return ("en", "be")


def test_en_be_names_both_legs(server: FaultServer, apertium: ApertiumEngine) -> None:
    google = GoogleEngine(url=server.url + "/m", rate=None)
    pivot = PivotEngine([google, apertium], via="ru")
    server.log.clear()
    [draft] = pivot.translate_drafts(["The farmers sowed barley."], "en", "be")
    assert draft is not None and draft.engine == "google>apertium"
    assert server.log[0]["src"] == "en" and server.log[0]["tgt"] == "ru"
    assert "via ru: [ru] The farmers sowed barley." in draft.note


def test_be_en_runs_the_legs_the_other_way(server: FaultServer, apertium: ApertiumEngine) -> None:
    google = GoogleEngine(url=server.url + "/m", rate=None)
    pivot = PivotEngine([google, apertium], via="ru")
    server.log.clear()
    [draft] = pivot.translate_drafts(["Фермеры пачалі сяўбу ячменю."], "be", "en")
    assert draft is not None and draft.engine == "apertium>google"
    sent = server.log[0]
    assert (sent["src"], sent["tgt"]) == ("ru", "en")
    assert "Фермеры начали" in sent["text"]  # Apertium's Russian went to the provider
    assert draft.text.startswith("[en] ")


def test_route_choice_and_unsupported() -> None:
    a = FakeEngine(pairs={("en", "ru"), ("ru", "en")})
    b = FakeEngine(pairs={("ru", "be"), ("be", "ru")})
    pivot = PivotEngine([a, b], via="ru")
    assert pivot.route("en", "be") == (a, b) and pivot.route("be", "en") == (b, a)
    assert not pivot.supports("en", "ru") and not pivot.supports("uk", "be")
    with pytest.raises(UnsupportedPair):
        pivot.translate_batch(["x"], "uk", "be")
    with pytest.raises(TypeError):
        PivotEngine([a], via="ru")


def test_first_leg_failure_leaves_the_segment_to_the_chain() -> None:
    a = FakeEngine(pairs={("en", "ru")}, fail_on="skip")
    b = FakeEngine(pairs={("ru", "be")})
    out = PivotEngine([a, b], via="ru").translate_batch(["keep this", "skip this", ""], "en", "be")
    assert out == ["[be] [ru] keep this", None, ""]
    assert b.calls == [["[ru] keep this"]]


def test_pivot_from_configuration(tmp_path: Path, server: FaultServer) -> None:
    toml = (
        '[chains]\n"en-be" = ["en-be"]\n"be-en" = ["en-be"]\n'
        f'[engines.google]\ntype = "google"\nurl = "{server.url}/m"\nrate = 100\n'
        '[engines.en-be]\ntype = "pivot"\nlegs = ["google", "apertium"]\nvia = "ru"\n'
    )
    config = parse_config(tomllib.loads(toml), tmp_path, tmp_path / "transflow.toml", toml)
    with EngineSet(config) as engines:
        [d1] = engines.chain("en", "be").translate(["The bridge opened today."], "en", "be")
        [d2] = engines.chain("be", "en").translate(["Мост адкрылі сёння."], "be", "en")
        assert d1 is not None and d1.engine == "google>apertium"
        assert d2 is not None and d2.engine == "apertium>google"
        assert engines.cache_stats().misses == 2  # the provider leg is cached


def test_pivot_with_unavailable_leg(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("TF_ABSENT_KEY", raising=False)
    toml = (
        '[engines.ms]\ntype = "microsoft"\napi_key_env = "TF_ABSENT_KEY"\n'
        '[engines.en-be]\ntype = "pivot"\nlegs = ["ms", "apertium"]\n'
    )
    config = parse_config(tomllib.loads(toml), tmp_path, tmp_path / "transflow.toml", toml)
    with EngineSet(config) as engines:
        assert engines.engine("en-be") is None
        assert "TF_ABSENT_KEY" in engines.unavailable["en-be"]

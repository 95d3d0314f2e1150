"""The APy engine against a real `apertium-apy` (Debian) started on 127.0.0.1 by the test."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from transflow.errors import UnsupportedPair
from transflow.mt.apertium import ApertiumEngine
from transflow.mt.apy import ApyEngine, fixed_modes

from .engine_contract import SENTENCES, EngineContract


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_apy(modes: Path, workers: int = 1) -> tuple[subprocess.Popen, str]:
    """Start apertium-apy on a free port; wait until it lists its pairs."""
    port = _free_port()
    proc = subprocess.Popen(
        ["apertium-apy", "-p", str(port), "-j", str(workers), str(modes)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"apertium-apy exited: {proc.stderr.read().decode()[-500:]}")
        try:
            if requests.get(url + "/listPairs", timeout=1).ok:
                return proc, url
        except requests.ConnectionError:
            time.sleep(0.1)  # readiness poll, not timing
    proc.kill()
    raise RuntimeError("apertium-apy did not start within 60 s")


@pytest.fixture(scope="module")
def apy_url(tmp_path_factory):
    modes = fixed_modes(tmp_path_factory.mktemp("modes"))
    proc, url = start_apy(modes)
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def local():
    with ApertiumEngine() as eng:
        yield eng


class TestApyRuBe(EngineContract):
    @pytest.fixture
    def engine(self, apy_url: str):
        with ApyEngine(url=apy_url) as eng:
            yield eng

    @pytest.fixture
    def pair(self) -> tuple[str, str]:
        return ("ru", "be")


class TestApyBeRu(TestApyRuBe):
    @pytest.fixture
    def pair(self) -> tuple[str, str]:
        return ("be", "ru")


def test_lists_pairs(apy_url: str) -> None:
    engine = ApyEngine(url=apy_url)
    assert engine.served_pairs() == {("ru", "be"), ("be", "ru")}
    with pytest.raises(UnsupportedPair):
        engine.translate_batch(["Hello."], "en", "be")


def test_same_output_as_the_local_pipeline(apy_url: str, local: ApertiumEngine) -> None:
    engine = ApyEngine(url=apy_url)
    for src, tgt in (("ru", "be"), ("be", "ru")):
        texts = SENTENCES[src]
        assert engine.translate_batch(texts, src, tgt) == local.translate_batch(texts, src, tgt)


def test_unknown_words_reported_without_marks(apy_url: str, local: ApertiumEngine) -> None:
    engine = ApyEngine(url=apy_url)
    text = "Компания Зыргтех открыла склад в Гродно."
    [draft] = engine.translate_drafts([text], "ru", "be")
    assert draft is not None and draft.engine == "apy"
    assert "Зыргтех" in draft.unknown_words
    assert "*" not in draft.text and "Зыргцех" in draft.text  # respelled like the local engine
    assert draft.text == local.translate_batch([text], "ru", "be")[0]
    raw = ApyEngine(url=apy_url, adapt=False).translate_batch([text], "ru", "be")[0]
    assert raw is not None and "*" not in raw


def test_literal_marks_in_source_survive(apy_url: str) -> None:
    engine = ApyEngine(url=apy_url)
    out = engine.translate_batch(["Рост составил 5 % * по плану & сверх."], "ru", "be")[0]
    assert out is not None and "*" in out and "&" in out


def test_shipped_mode_fails_where_the_fixed_one_works(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    for pair in ("rus-bel", "bel-rus"):
        (shipped / f"{pair}.mode").write_text(
            Path(f"/usr/share/apertium/modes/{pair}.mode").read_text(encoding="utf-8")
        )
    proc, url = start_apy(shipped)
    try:
        engine = ApyEngine(url=url, retries=1, backoff=0.01)
        texts = SENTENCES["ru"]
        out = engine.translate_batch(texts, "ru", "be")
        assert None in out  # the shipped tagger crashes on some of them (APy answers 503)
        assert any("HTTP 503" in why for why in engine.failures.values())
    finally:
        proc.terminate()
        proc.wait(10)

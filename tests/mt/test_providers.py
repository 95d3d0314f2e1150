"""Every online provider through its real HTTP client against the local look-alike server."""

from __future__ import annotations

import pytest

from transflow.errors import EngineUnavailable, UnsupportedPair
from transflow.mt.base import Engine
from transflow.mt.providers import (
    DeeplEngine,
    GoogleEngine,
    LibreTranslateEngine,
    MicrosoftEngine,
    MyMemoryEngine,
    YandexEngine,
)

from .engine_contract import EngineContract
from .servers import FaultServer

FAST = {"backoff": 0.01, "backoff_max": 0.05, "rate": None}


@pytest.fixture(scope="module")
def server():
    with FaultServer() as srv:
        yield srv


@pytest.fixture(autouse=True)
def keys(monkeypatch):
    monkeypatch.setenv("TF_TEST_KEY", "k-123:fx")


class _Base(EngineContract):
    @pytest.fixture
    def pair(self) -> tuple[str, str]:
        return ("en", "be")

    @pytest.fixture
    def engine(self, server: FaultServer):
        engine = self.make(server)
        yield engine
        engine.close()

    def make(self, server: FaultServer) -> Engine:
        raise NotImplementedError


class TestGoogle(_Base):
    def make(self, server: FaultServer) -> Engine:
        return GoogleEngine(url=server.url + "/m", **FAST)


class TestMyMemory(_Base):
    def make(self, server: FaultServer) -> Engine:
        return MyMemoryEngine(url=server.url + "/get", email="desk@example.org", **FAST)


class TestLibre(_Base):
    def make(self, server: FaultServer) -> Engine:
        return LibreTranslateEngine(url=server.url + "/", api_key_env="TF_TEST_KEY", **FAST)


class TestDeepl(_Base):
    @pytest.fixture
    def pair(self) -> tuple[str, str]:
        return ("en", "ru")

    def make(self, server: FaultServer) -> Engine:
        return DeeplEngine(url=server.url, api_key_env="TF_TEST_KEY", **FAST)


class TestMicrosoft(_Base):
    def make(self, server: FaultServer) -> Engine:
        return MicrosoftEngine(
            url=server.url, api_key_env="TF_TEST_KEY", region="westeurope", **FAST
        )


class TestYandex(_Base):
    @pytest.fixture
    def pair(self) -> tuple[str, str]:
        return ("ru", "be")

    def make(self, server: FaultServer) -> Engine:
        return YandexEngine(url=server.url, api_key_env="TF_TEST_KEY", **FAST)


def test_wire_details(server: FaultServer) -> None:
    server.log.clear()
    LibreTranslateEngine(url=server.url, api_key_env="TF_TEST_KEY").translate_batch(
        ["Libre."], "en", "be"
    )
    DeeplEngine(url=server.url, api_key_env="TF_TEST_KEY").translate_batch(["DeepL."], "ru", "en")
    MyMemoryEngine(url=server.url + "/get").translate_batch(["Memory."], "be", "ru")
    by_text = {e["text"]: e for e in server.log}
    assert by_text["Libre."]["key"] == "k-123:fx" and by_text["Libre."]["format"] == "text"
    assert by_text["DeepL."]["key"] == "k-123:fx" and by_text["DeepL."]["target"] == "EN-GB"
    assert by_text["Memory."]["langpair"] == "be-BY|ru-RU"


def test_keys_only_from_the_environment(monkeypatch) -> None:
    monkeypatch.delenv("TF_NO_SUCH_KEY", raising=False)
    with pytest.raises(EngineUnavailable, match="TF_NO_SUCH_KEY"):
        DeeplEngine(api_key_env="TF_NO_SUCH_KEY")
    with pytest.raises(EngineUnavailable, match="TF_NO_SUCH_KEY"):
        MicrosoftEngine(api_key_env="TF_NO_SUCH_KEY")
    with pytest.raises(TypeError, match="api_key"):
        LibreTranslateEngine(api_key="inline-secret")  # type: ignore[call-arg]


def test_deepl_has_no_belarusian() -> None:
    engine = DeeplEngine(url="http://127.0.0.1:9", api_key_env="TF_TEST_KEY")
    with pytest.raises(UnsupportedPair):
        engine.translate_batch(["Nothing."], "ru", "be")


@pytest.mark.parametrize(
    "make",
    [
        lambda s: GoogleEngine(url=s.url + "/m", **FAST),
        lambda s: MyMemoryEngine(url=s.url + "/get", **FAST),
        lambda s: MicrosoftEngine(url=s.url, api_key_env="TF_TEST_KEY", **FAST),
    ],
)
@pytest.mark.parametrize("fault", ["429:0", "500", "malformed", "drop"])
def test_deep_translator_providers_survive_faults(make, fault: str) -> None:
    with FaultServer() as srv:
        engine = make(srv)
        srv.script.extend([fault, fault])
        out = engine.translate_batch(["Held by our layer."], "en", "be")
        assert out == ["[be] Held by our layer."]
        engine.close()


def test_deep_translator_timeout_is_enforced() -> None:
    with FaultServer() as srv:
        srv.fault_for = lambda i, t: "slow:5"
        engine = GoogleEngine(url=srv.url + "/m", timeout=0.2, retries=1, **FAST)
        assert engine.translate_batch(["Stalled provider."], "en", "be") == [None]
        assert "no answer within 0.2 s" in engine.failures["Stalled provider."]
        engine.close()


def test_bad_option_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="timeout"):
        GoogleEngine(timeout=-1)
    with pytest.raises(TypeError, match="unknown option"):
        GoogleEngine(colour="blue")

"""The resilience layer against the fault server: timeouts, retries, rate limit, splitting."""

from __future__ import annotations

import threading
import time

import pytest
import requests

from tests.mt.fake import FakeEngine
from transflow.errors import EngineError, EngineUnavailable, UnsupportedPair
from transflow.mt.chain import Chain
from transflow.mt.http import (
    HttpPolicy,
    RateLimiter,
    TransientError,
    retry_after_seconds,
    with_retries,
)
from transflow.mt.pieces import pieces_of
from transflow.mt.providers import LibreTranslateEngine, MyMemoryEngine
from transflow.source.segment import join

from .servers import FaultServer, fake_translate

FAST = {"backoff": 0.01, "backoff_max": 0.05}


@pytest.fixture
def server():
    with FaultServer() as srv:
        yield srv


def libre(server: FaultServer, **options) -> LibreTranslateEngine:
    return LibreTranslateEngine(url=server.url, **{**FAST, **options})


def test_read_timeout_is_retried_then_succeeds(server: FaultServer) -> None:
    server.script.extend(["slow:3"])
    engine = libre(server, timeout=0.3, retries=2)
    started = time.monotonic()
    out = engine.translate_batch(["The bridge opened."], "en", "ru")
    assert out == [fake_translate("The bridge opened.", "ru")]
    assert time.monotonic() - started < 2.5  # did not wait for the stalled answer
    assert len(server.log) == 2


def test_timeout_every_time_gives_none_and_reason(server: FaultServer) -> None:
    server.fault_for = lambda i, t: "slow:3"
    engine = libre(server, timeout=0.2, retries=1)
    out = engine.translate_batch(["A slow answer."], "en", "ru")
    assert out == [None]
    assert "no answer within 0.2 s" in engine.failures["A slow answer."]
    assert "gave up after 2 attempts" in engine.failures["A slow answer."]
    assert engine.reports and "1 segment(s) not translated" in engine.reports[0]


def test_429_honours_retry_after(server: FaultServer) -> None:
    server.script.extend(["429:1"])
    engine = libre(server, retries=2)
    out = engine.translate_batch(["Wait a second."], "en", "be")
    assert out == [fake_translate("Wait a second.", "be")]
    first, second = server.log[0]["t"], server.log[1]["t"]
    assert second - first >= 0.95


def test_retry_after_beyond_limit_gives_up(server: FaultServer) -> None:
    server.script.extend(["429:600"])
    engine = libre(server, retries=3, retry_after_max=5)
    assert engine.translate_batch(["Come back later."], "en", "be") == [None]
    assert "more than retry_after_max" in engine.failures["Come back later."]
    assert len(server.log) == 1


@pytest.mark.parametrize("fault", ["500", "503:0", "malformed", "drop"])
def test_transient_faults_are_retried(server: FaultServer, fault: str) -> None:
    server.script.extend([fault, fault])
    engine = libre(server, retries=2)
    assert engine.translate_batch(["Two failures first."], "ru", "be") == [
        fake_translate("Two failures first.", "be")
    ]
    assert len(server.log) == 3


def test_bad_key_is_unavailable_not_retried(server: FaultServer, monkeypatch) -> None:
    server.api_key = "right"
    monkeypatch.setenv("TF_TEST_LIBRE_KEY", "wrong")
    engine = libre(server, api_key_env="TF_TEST_LIBRE_KEY")
    with pytest.raises(EngineUnavailable, match="Invalid API key"):
        engine.translate_batch(["Key check."], "en", "ru")
    assert len(server.log) == 1
    monkeypatch.setenv("TF_TEST_LIBRE_KEY", "right")
    engine = libre(server, api_key_env="TF_TEST_LIBRE_KEY")
    assert engine.translate_batch(["Key check."], "en", "ru")[0] == "[ru] Key check."


def test_unsupported_language_from_server_list() -> None:
    with FaultServer(languages=("ru", "en")) as srv:
        engine = libre(srv)
        assert engine.supports("en", "ru") and not engine.supports("en", "be")
        with pytest.raises(UnsupportedPair):
            engine.translate_batch(["No Belarusian here."], "en", "be")


def test_unsupported_from_400_message(server: FaultServer) -> None:
    server.script.extend(["400:be is not supported"])
    engine = libre(server)
    with pytest.raises(UnsupportedPair, match="be is not supported"):
        engine.translate_batch(["Told by the server."], "en", "be")


def test_other_4xx_is_a_segment_failure_with_provider_message(server: FaultServer) -> None:
    server.script.extend(["400:q is too long for this server"])
    engine = libre(server)
    assert engine.translate_batch(["Some text."], "en", "be") == [None]
    assert "HTTP 400: q is too long for this server" in engine.failures["Some text."]


def test_failed_segments_fall_through_the_chain(server: FaultServer) -> None:
    server.fault_for = lambda i, t: "500" if "broken" in t else None
    engine = libre(server, retries=1)
    chain = Chain([engine, FakeEngine()])
    drafts = chain.translate(["A fine line.", "A broken line."], "en", "be")
    assert drafts[0] is not None and drafts[0].engine == "libretranslate"
    assert drafts[1] is not None and drafts[1].engine == "fake"


def test_bounded_concurrency() -> None:
    with FaultServer(latency=0.1) as srv:
        engine = libre(srv, concurrency=8)
        texts = [f"Segment number {i}." for i in range(24)]
        out = engine.translate_batch(texts, "en", "ru")
        assert out == [fake_translate(t, "ru") for t in texts]
        assert 2 <= srv.max_in_flight <= 8
        engine.close()


def test_rate_limit_is_never_exceeded(server: FaultServer) -> None:
    engine = libre(server, concurrency=8, rate=25)
    texts = [f"Rate line {i}." for i in range(40)]
    assert all(engine.translate_batch(texts, "en", "ru"))
    times = sorted(engine.client.started)
    assert len(times) == 41  # 40 segments + GET /languages
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 1 / 25 - 1e-9
    for i, t in enumerate(times):  # any one-second window
        assert sum(1 for u in times[i:] if u < t + 1.0) <= 25


def test_rate_limiter_slots_with_a_fake_clock() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(s: float) -> None:
        waits.append(s)
        now[0] += s

    limiter = RateLimiter(4, clock=lambda: now[0], sleep=sleep)
    granted = [limiter.acquire() for _ in range(5)]
    # evenly spaced; the fifth also waits for the one-second window (plus 20 ms of slack)
    assert granted == pytest.approx([0.0, 0.25, 0.5, 0.75, 1.02])
    assert waits == pytest.approx([0.25, 0.25, 0.25, 0.27])
    limiter.hold(10)
    limiter.acquire()
    assert waits[-1] == pytest.approx(10)


def test_with_retries_backoff_grows_with_jitter() -> None:
    pauses: list[float] = []
    calls = {"n": 0}

    def flaky() -> str:
        calls["n"] += 1
        if calls["n"] < 4:
            raise TransientError("flaky")
        return "ok"

    policy = HttpPolicy(retries=5, backoff=1.0, backoff_max=3.0)
    assert with_retries(flaky, policy, sleep=pauses.append, rng=lambda: 1.0) == "ok"
    assert pauses == [1.0, 2.0, 3.0]
    pauses.clear()
    calls["n"] = 0
    with_retries(flaky, policy, sleep=pauses.append, rng=lambda: 0.0)
    assert pauses == [0.5, 1.0, 1.5]
    with pytest.raises(EngineError, match="gave up after 1 attempts"):
        with_retries(lambda: (_ for _ in ()).throw(TransientError("x")), HttpPolicy(retries=0))


def test_retry_after_header_forms() -> None:
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 25 Nov 2026 10:00:30 GMT", now=1795600800.0) == 30.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_long_segments_split_at_sentence_boundaries(server: FaultServer) -> None:
    sentences = [f"Sentence {i} tells about the harvest in the north." for i in range(6)]
    text = " ".join(sentences)
    engine = libre(server, max_chars=120)
    out = engine.translate_batch([text], "en", "ru")[0]
    sent = server.texts()
    assert len(sent) == 3 and all(len(p) <= 120 for p in sent)
    assert all(p.endswith(".") for p in sent)
    pieces, _ = pieces_of(text, "en", 120)
    assert sorted(sent) == sorted(pieces)
    assert out == " ".join(fake_translate(p, "ru") for p in pieces)


def test_pieces_round_trip_and_hard_split() -> None:
    text = "Short one. " + "x" * 50 + " word " * 30 + "End."
    pieces, seps = pieces_of(text, "en", 40)
    assert all(len(p) <= 40 for p in pieces)
    assert join(pieces, seps) == text


def test_surrounding_whitespace_kept(server: FaultServer) -> None:
    engine = MyMemoryEngine(url=server.url + "/get", **FAST)
    assert engine.translate_batch(["  Padded.\n"], "en", "be") == ["  [be] Padded.\n"]
    assert server.log[0]["langpair"] == "en-GB|be-BY"


def test_circuit_breaker_stops_asking_a_dead_provider(server: FaultServer) -> None:
    server.fault_for = lambda i, t: "500"
    engine = libre(server, retries=0, breaker=3, concurrency=1)
    texts = [f"Line {i}." for i in range(10)]
    assert engine.translate_batch(texts, "en", "ru") == [None] * 10
    assert len(server.log) == 3
    assert "is down" in engine.failures["Line 9."]
    assert "HTTP 500" in engine.failures["Line 0."]


def test_client_refuses_other_hosts(server: FaultServer) -> None:
    engine = libre(server)
    with pytest.raises(EngineError, match="refusing to call"):
        engine.client.request("GET", "http://192.0.2.1/translate")


def test_deep_translator_outside_our_threads_is_untouched(server: FaultServer) -> None:
    from deep_translator import GoogleTranslator

    from transflow.mt.providers import GoogleEngine

    GoogleEngine(url=server.url + "/m")  # installs the shim
    import deep_translator.google as g

    assert g.requests.get is not requests.get  # the shim is in place ...
    tr = GoogleTranslator(source="en", target="ru")
    tr._base_url = server.url + "/m"
    result: list[str] = []
    thread = threading.Thread(target=lambda: result.append(tr.translate("Plain call.")))
    thread.start()
    thread.join(10)
    assert result == ["[ru] Plain call."]  # ... and behaves like requests for other callers

"""The SQLite MT cache, CachedEngine, EngineSet wiring and the outage behaviour of a run."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.mt.fake import FakeEngine
from transflow.errors import EngineError
from transflow.mt.base import Draft
from transflow.mt.cache import CachedEngine, MTCache
from transflow.mt.factory import EngineSet, cache_key
from transflow.pipeline.config import parse_config
from transflow.pipeline.fill import Job, translate_jobs
from transflow.po.catalog import Catalog, Message
from transflow.po.pofile import format_po, parse_po

from .servers import FaultServer


def test_put_get_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / ".transflow" / "mt-cache.sqlite"
    cache = MTCache(path)
    cache.put_many(
        "libre", "en", "be", [("Hello.", Draft("Прывітанне.", "libre", ["x"], None, "n"))]
    )
    cache.close()
    cache = MTCache(path)
    got = cache.get_many("libre", "en", "be", ["Hello.", "Other."])
    assert list(got) == ["Hello."]
    assert got["Hello."].text == "Прывітанне." and got["Hello."].unknown_words == ["x"]
    assert got["Hello."].note == "n" and got["Hello."].engine == "libre"
    assert cache.get_many("libre", "en", "ru", ["Hello."]) == {}
    assert cache.count() == 1 and cache.count("google") == 0
    cache.close()
    cache.close()


def test_threads_share_the_cache(tmp_path: Path) -> None:
    cache = MTCache(tmp_path / "c.sqlite")
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                cache.put_many("e", "ru", "be", [(f"{n}-{i}", Draft(f"t{n}-{i}", "e"))])
                assert cache.get_many("e", "ru", "be", [f"{n}-{i}"])[f"{n}-{i}"].text == f"t{n}-{i}"
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and cache.count() == 400


def test_cached_engine_sends_only_misses(tmp_path: Path) -> None:
    inner = FakeEngine()
    engine = CachedEngine(inner, MTCache(tmp_path / "c.sqlite"), "fake", batch=2)
    first = engine.translate_batch(["One.", "Two.", "", "One.", "Three."], "ru", "be")
    assert first == ["[be] One.", "[be] Two.", "", "[be] One.", "[be] Three."]
    assert inner.calls == [["One.", "Two."], ["Three."]]
    again = engine.translate_drafts(["Two.", "Four."], "ru", "be")
    assert [d.text for d in again if d] == ["[be] Two.", "[be] Four."]
    assert inner.calls[-1] == ["Four."]
    assert engine.cache.stats.hits == 1 and engine.cache.stats.misses == 4
    assert engine.cache.stats.hit_rate == pytest.approx(0.2)


class DiesOnSecondBatch(FakeEngine):
    """An engine that fails hard on its second call (a crash in the middle of a run)."""

    def translate_batch(self, texts: Sequence[str], src: str, tgt: str) -> list[str | None]:
        if self.calls:
            raise EngineError("provider vanished")
        return super().translate_batch(texts, src, tgt)


def test_a_crash_keeps_committed_batches(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    engine = CachedEngine(DiesOnSecondBatch(), MTCache(path), "fake", batch=3)
    with pytest.raises(EngineError):
        engine.translate_batch([f"S{i}." for i in range(6)], "ru", "be")
    reopened = MTCache(path)
    assert sorted(reopened.get_many("fake", "ru", "be", [f"S{i}." for i in range(6)])) == [
        "S0.",
        "S1.",
        "S2.",
    ]


def test_cache_key_ignores_secrets_and_tuning() -> None:
    a = cache_key("libretranslate", {"url": "http://a/", "api_key_env": "K", "timeout": 3})
    b = cache_key("libretranslate", {"url": "http://a/", "rate": 2})
    c = cache_key("libretranslate", {"url": "http://b/"})
    assert a == b != c


def _config(root: Path, toml: str):
    import tomllib

    return parse_config(tomllib.loads(toml), root, root / "transflow.toml", toml)


def _write_po(path: Path, texts: list[str]) -> None:
    catalog = Catalog(
        messages=[Message(msgid=t, references=[f"a.md:{i + 1}"]) for i, t in enumerate(texts)]
    )
    catalog.header.msgstr = ("Content-Type: text/plain; charset=UTF-8\\nLanguage: be\\n").replace(
        "\\n", "\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_po(catalog), encoding="utf-8")


def test_outage_mid_run_keeps_work_and_second_run_uses_cache(tmp_path: Path) -> None:
    texts = [f"News line number {i}." for i in range(12)]
    po = tmp_path / "locales" / "be" / "LC_MESSAGES" / "a.po"
    _write_po(po, texts)
    with FaultServer() as srv:
        toml = (
            '[chains]\n"en-be" = ["libre"]\n'
            f'[engines.libre]\ntype = "libretranslate"\nurl = "{srv.url}/"\n'
            "retries = 1\nbackoff = 0.01\nbreaker = 3\nconcurrency = 1\n"
        )
        config = _config(tmp_path, toml)
        srv.fault_for = lambda i, t: "500" if i >= 6 else None  # dies after 6 answers
        with EngineSet(config) as engines:
            summary = translate_jobs([Job(po, "en", "be")], lambda s, t: engines.chain(s, t))
            failures = engines.failures()
            stats = engines.cache_stats()
        done = [m for m in parse_po(po.read_text("utf-8"), str(po)).messages if m.msgstr]
        assert len(done) == 6 and all(m.fuzzy for m in done)  # saved, as fuzzy drafts
        assert summary.pending_count == 6
        assert any(
            "libre: 6 segment(s) not translated" in p and "HTTP 500" in p for p in summary.problems
        )
        assert set(failures) == set(texts[6:])
        assert stats.misses == 12 and stats.hits == 0
        srv.fault_for = None  # the provider is back
        before = len(srv.log)
        with EngineSet(config) as engines:
            summary = translate_jobs([Job(po, "en", "be")], lambda s, t: engines.chain(s, t))
            stats = engines.cache_stats()
        assert summary.pending_count == 0
        assert srv.texts()[before:] == [] or set(srv.texts()[before:]) <= set(texts[6:])
        assert len([t for t in srv.texts()[before:] if t]) == 6  # only the pending ones
        # a third run over a fresh copy of the catalog is served from the cache alone
        _write_po(po, texts)
        before = len(srv.log)
        with EngineSet(config) as engines:
            summary = translate_jobs([Job(po, "en", "be")], lambda s, t: engines.chain(s, t))
            stats = engines.cache_stats()
        assert len(srv.log) == before and stats.hits == 12 and stats.hit_rate == 1.0
        assert summary.pending_count == 0
        assert (tmp_path / ".transflow" / "mt-cache.sqlite").is_file()


def test_cache_can_be_switched_off(tmp_path: Path) -> None:
    with FaultServer() as srv:
        toml = f'[engines.libre]\ntype = "libretranslate"\nurl = "{srv.url}"\ncache = false\n'
        with EngineSet(_config(tmp_path, toml)) as engines:
            engine = engines.engine("libre")
            assert not isinstance(engine, CachedEngine)
            engine.translate_batch(["Twice."], "en", "ru")
            engine.translate_batch(["Twice."], "en", "ru")
        assert srv.texts() == ["Twice.", "Twice."]
        assert not (tmp_path / ".transflow" / "mt-cache.sqlite").exists()


def test_cached_apertium_drafts_keep_their_dropped_words(tmp_path: Path) -> None:
    from transflow.mt.apertium import ApertiumEngine

    text = "Схема маршрута уже опубликована на сайте."
    with ApertiumEngine() as inner:
        engine = CachedEngine(inner, MTCache(tmp_path / "c.sqlite"), "apertium")
        (fresh,) = engine.translate_drafts([text], "ru", "be")
        (cached,) = engine.translate_drafts([text], "ru", "be")
    assert fresh is not None and fresh.dropped_words == ["опубликована"]
    assert engine.cache.stats.hits == 1
    assert cached is not None and cached.dropped_words == ["опубликована"]
    assert cached.text == fresh.text


_OLD_SCHEMA = """
CREATE TABLE mt (
    engine TEXT NOT NULL, src TEXT NOT NULL, tgt TEXT NOT NULL, source TEXT NOT NULL,
    target TEXT NOT NULL, provenance TEXT NOT NULL, unknown TEXT NOT NULL DEFAULT '[]',
    note TEXT NOT NULL DEFAULT '', created REAL NOT NULL DEFAULT (julianday('now')),
    PRIMARY KEY (engine, src, tgt, source)
) WITHOUT ROWID;
INSERT INTO mt (engine, src, tgt, source, target, provenance)
    VALUES ('fake', 'ru', 'be', 'One.', 'old one', 'fake');
"""


class ReportsDropped(FakeEngine):
    """A fake engine that says its drafts list dropped words (as Apertium's and APy's do)."""

    reports_dropped = True


def test_an_old_cache_file_is_upgraded_and_stays_readable(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(_OLD_SCHEMA)
    db.close()
    cache = MTCache(path)
    # an engine whose drafts never list dropped words is served the old row as it was
    plain = CachedEngine(FakeEngine(), cache, "fake")
    assert plain.translate_batch(["One."], "ru", "be") == ["old one"]
    assert plain.inner.calls == []
    # one that does list them gets the segment again: the old row did not keep them
    dropping = ReportsDropped()
    engine = CachedEngine(dropping, cache, "fake")
    assert engine.translate_batch(["One."], "ru", "be") == ["[be] One."]
    assert dropping.calls == [["One."]]
    assert engine.translate_batch(["One."], "ru", "be") == ["[be] One."]
    assert dropping.calls == [["One."]]  # the new row is complete: served from the cache
    cache.close()

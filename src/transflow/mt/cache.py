"""The MT cache: (engine, source lang, target lang, text) -> draft, in SQLite, shared by threads.

Files written before the `dropped` column existed are upgraded in place: the column is added
and their rows hold NULL there (what the engine dropped was not kept). For an engine that
reports dropped words (`reports_dropped`), such a row is a miss and is translated again; for the
others it is served as it was (their drafts never list dropped words).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from transflow.errors import EngineError
from transflow.mt.apertium import needs_mt
from transflow.mt.base import Context, Draft, Engine

CACHE_NAME = "mt-cache.sqlite"
#: segments sent to the wrapped engine per call; each call's results are committed at once
DEFAULT_BATCH = 64

_SCHEMA = """
CREATE TABLE IF NOT EXISTS mt (
    engine TEXT NOT NULL,
    src TEXT NOT NULL,
    tgt TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    provenance TEXT NOT NULL,
    unknown TEXT NOT NULL DEFAULT '[]',
    note TEXT NOT NULL DEFAULT '',
    dropped TEXT,
    created REAL NOT NULL DEFAULT (julianday('now')),
    PRIMARY KEY (engine, src, tgt, source)
) WITHOUT ROWID;
"""


@dataclass
class CacheStats:
    """Hits and misses of the MT cache, in total and per engine key."""

    hits: int = 0
    misses: int = 0
    by_engine: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def hit_rate(self) -> float:
        """Share of looked-up segments served from the cache (0.0 when nothing was looked up)."""
        total = self.hits + self.misses
        return self.hits / total if total else 0.0

    def add(self, key: str, hits: int, misses: int) -> None:
        """Count a lookup batch for an engine key."""
        self.hits += hits
        self.misses += misses
        h, m = self.by_engine.get(key, (0, 0))
        self.by_engine[key] = (h + hits, m + misses)


class MTCache:
    """One SQLite file; a lock serialises threads, WAL lets other processes read meanwhile."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(mt)")}
            if "dropped" not in columns:  # a file of an older version: NULL = not kept
                with self._db:
                    self._db.execute("ALTER TABLE mt ADD COLUMN dropped TEXT")
        except sqlite3.DatabaseError as exc:
            raise EngineError(
                f"MT cache unusable ({exc}); delete it to start afresh", self.path
            ) from None
        self.stats = CacheStats()

    def get_many(
        self,
        engine: str,
        src: str,
        tgt: str,
        texts: Sequence[str],
        need_dropped: bool = False,
    ) -> dict[str, Draft]:
        """Cached drafts of the given texts (absent texts are missing from the result).

        With need_dropped, rows of an older file (which did not keep dropped words) are missing.
        """
        found: dict[str, Draft] = {}
        unique = list(dict.fromkeys(texts))
        with self._lock:
            for start in range(0, len(unique), 500):
                chunk = unique[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "SELECT source, target, provenance, unknown, note, dropped FROM mt "
                    "WHERE engine=? "
                    f"AND src=? AND tgt=? AND source IN ({marks})",
                    [engine, src, tgt, *chunk],
                ).fetchall()
                for source, target, prov, unknown, note, dropped in rows:
                    if dropped is None and need_dropped:
                        continue
                    found[source] = Draft(
                        text=target,
                        engine=prov,
                        unknown_words=json.loads(unknown),
                        note=note,
                        dropped_words=json.loads(dropped or "[]"),
                    )
        return found

    def put_many(self, engine: str, src: str, tgt: str, items: Sequence[tuple[str, Draft]]) -> None:
        """Store drafts and commit at once (what was paid for survives a crash after this)."""
        if not items:
            return
        rows = [
            (
                engine,
                src,
                tgt,
                text,
                d.text,
                d.engine,
                json.dumps(d.unknown_words, ensure_ascii=False),
                d.note,
                json.dumps(d.dropped_words, ensure_ascii=False),
            )
            for text, d in items
        ]
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO mt (engine, src, tgt, source, target, provenance, "
                "unknown, note, dropped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def count(self, engine: str | None = None) -> int:
        """Number of cached translations (of one engine key, or all)."""
        with self._lock:
            if engine is None:
                return self._db.execute("SELECT count(*) FROM mt").fetchone()[0]
            return self._db.execute("SELECT count(*) FROM mt WHERE engine=?", (engine,)).fetchone()[
                0
            ]

    def close(self) -> None:
        """Close the database. Safe to call twice."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None  # type: ignore[assignment]


class CachedEngine(Engine):
    """Wraps an engine: cached segments are not sent; new drafts are committed per batch.

    `key` identifies the engine's output (name, type and endpoint), so changing the endpoint
    does not serve another server's translations.
    """

    def __init__(self, inner: Engine, cache: MTCache, key: str, batch: int = DEFAULT_BATCH):
        self.inner = inner
        self.cache = cache
        self.key = key
        self.batch = max(1, batch)
        self.name = inner.name
        self.pairs = inner.pairs

    def supports(self, src: str, tgt: str) -> bool:
        """Whatever the wrapped engine serves."""
        return self.inner.supports(src, tgt)

    def __getattr__(self, attr: str):
        # failures, reports, policy... of the wrapped engine
        return getattr(self.__dict__["inner"], attr)

    def translate_batch(self, texts: Sequence[str], src: str, tgt: str) -> list[str | None]:
        """Translate through the cache."""
        return [None if d is None else d.text for d in self.translate_drafts(texts, src, tgt)]

    def translate_drafts(
        self, texts: Sequence[str], src: str, tgt: str, context: Context | None = None
    ) -> list[Draft | None]:
        """Cached drafts first; the rest go to the wrapped engine in committed batches."""
        self.inner.check_pair(src, tgt)
        results: list[Draft | None] = [None] * len(texts)
        wanted = [t for t in dict.fromkeys(texts) if needs_mt(t)]
        need_dropped = bool(getattr(self.inner, "reports_dropped", False))
        found = self.cache.get_many(self.key, src, tgt, wanted, need_dropped)
        missing = [t for t in wanted if t not in found]
        self.cache.stats.add(self.key, len(wanted) - len(missing), len(missing))
        for start in range(0, len(missing), self.batch):
            chunk = missing[start : start + self.batch]
            if context is not None and getattr(self.inner, "wants_context", False):
                drafts = self.inner.translate_drafts(chunk, src, tgt, context=context)
            else:
                drafts = self.inner.translate_drafts(chunk, src, tgt)
            new = [(t, d) for t, d in zip(chunk, drafts, strict=True) if d is not None]
            self.cache.put_many(self.key, src, tgt, new)
            found.update(new)
        for i, text in enumerate(texts):
            if not needs_mt(text):
                results[i] = Draft(text=text, engine="copy")
            elif text in found:
                d = found[text]
                results[i] = Draft(
                    text=d.text,
                    engine=d.engine,
                    unknown_words=list(d.unknown_words),
                    note=d.note,
                    dropped_words=list(d.dropped_words),
                )
        return results

    def close(self) -> None:
        """Close the wrapped engine (the cache belongs to the EngineSet)."""
        self.inner.close()

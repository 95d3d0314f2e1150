"""The translation memory's index: the approved entries of every catalog, kept per catalog with
the digest they were read at (.transflow/memory.sqlite), so building the memory re-reads only the
catalogs whose digest changed, not every catalog of the project on each run.

It is a cache: a missing, corrupt or foreign index is rebuilt, and the memory built from it is
the one `TranslationMemory.from_catalogs` builds from the catalogs themselves.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from transflow import __version__
from transflow.errors import CatalogError
from transflow.po.pofile import parse_po_bytes
from transflow.po.sniff import has_translations

INDEX_FILE = "memory.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS catalogs (path TEXT PRIMARY KEY, digest TEXT NOT NULL, units TEXT);
"""

Entry = tuple[str, str, int]  # msgid, msgstr, line of the entry


def approved_entries(path: Path) -> list[Entry] | None:
    """The approved, live, singular entries of a catalog (None when it cannot be read)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not has_translations(data):  # a catalog nobody translated yet: nothing to parse
        return []
    try:
        catalog = parse_po_bytes(data, path)
    except CatalogError:
        return None
    out = []
    for message in catalog.messages:
        if message.obsolete or not message.msgid or message.msgid_plural is not None:
            continue
        if not message.approved or not message.msgstr.strip():
            continue
        out.append((message.msgid, message.msgstr, message.lineno))
    return out


class MemoryIndex:
    """Approved entries per catalog, read again only when the catalog's digest changed."""

    def __init__(self, path: Path):
        self.path = path
        self.reread = 0  # catalogs parsed by this object (the others came from the index)
        self._con: sqlite3.Connection | None = None
        try:
            self._con = self._open()
        except sqlite3.DatabaseError:
            for suffix in ("", "-wal", "-shm"):  # corrupt: it is only a cache, start afresh
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            try:
                self._con = self._open()
            except sqlite3.DatabaseError:
                self._con = None

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.executescript(SCHEMA)
            row = con.execute("SELECT value FROM meta WHERE name = 'tool'").fetchone()
            if row is None or row[0] != __version__:
                con.execute("BEGIN IMMEDIATE")
                con.execute("DELETE FROM catalogs")
                con.execute("INSERT OR REPLACE INTO meta VALUES ('tool', ?)", (__version__,))
                con.execute("COMMIT")
        except sqlite3.DatabaseError:
            con.close()
            raise
        return con

    def entries(self, catalogs: list[tuple[str, Path, str]]) -> dict[str, list[Entry] | None]:
        """Per catalog (relative path, path, digest): its approved entries, from the index when
        the digest is the one indexed, else read now and indexed."""
        stored: dict[str, tuple[str, str | None]] = {}
        if self._con is not None:
            rows = self._con.execute("SELECT path, digest, units FROM catalogs").fetchall()
            stored = {path: (digest, units) for path, digest, units in rows}
        out: dict[str, list[Entry] | None] = {}
        fresh = []
        for rel, path, digest in catalogs:
            known = stored.get(rel)
            if known is not None and known[0] == digest:
                units = known[1]
                out[rel] = None if units is None else [tuple(u) for u in json.loads(units)]
                continue
            entries = approved_entries(path)
            self.reread += 1
            out[rel] = entries
            text = None if entries is None else json.dumps(entries, ensure_ascii=False)
            fresh.append((rel, digest, text))
        if fresh and self._con is not None:
            try:
                self._con.execute("BEGIN IMMEDIATE")
                self._con.executemany("INSERT OR REPLACE INTO catalogs VALUES (?, ?, ?)", fresh)
                self._con.execute("COMMIT")
            except sqlite3.DatabaseError:  # another process holds it too long: a cache only
                if self._con.in_transaction:
                    self._con.execute("ROLLBACK")
        return out

    def close(self) -> None:
        """Close the database."""
        if self._con is not None:
            self._con.close()
            self._con = None

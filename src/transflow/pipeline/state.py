"""The build state: what each step last ran on and left behind, so unchanged work is skipped.

It lives in one SQLite database, .transflow/state.sqlite, updated in place: only the records and
file digests that changed are written, in one transaction per step, never the whole; and read
record by record, so a build that touches one article of a large archive reads little of it.

A record is `{key: {"in": fingerprint of every input, "out": {path: digest}, ...}}`, with keys
and paths relative to the project root (a copied or moved checkout builds correctly). Each step
writes only its own records. A database that cannot be read, or comes from another version of
transflow, is set aside with a notice and the build starts from scratch: it is never trusted.

The stat cache (`Digests`) remembers, per file, its size, mtime, inode and ctime with the digest
they gave, so a build where nothing changed hashes nothing. It follows git's rule against racy
entries: a digest is trusted only when the file's mtime is older than the moment it was hashed by
more than the timestamp granularity (`RACY_NS`); a younger entry is hashed again.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from transflow import __version__
from transflow.fsutil import sha256_bytes

STATE_VERSION = 5
STATE_FILE = "state.sqlite"
#: how much older than the moment it was hashed a file's mtime must be to trust its stat entry
#: (covers coarse filesystem clocks, down to FAT's two seconds)
RACY_NS = 2_000_000_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, inputs TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    path TEXT PRIMARY KEY, digest TEXT NOT NULL, slug TEXT NOT NULL, lang TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS indexed (
    mode TEXT NOT NULL, slug TEXT NOT NULL, inputs TEXT NOT NULL, month TEXT, logged TEXT NOT NULL,
    PRIMARY KEY (mode, slug)
);
CREATE INDEX IF NOT EXISTS indexed_by_month ON indexed (mode, month);
CREATE TABLE IF NOT EXISTS stats (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ino INTEGER, ctime_ns INTEGER,
    hashed_ns INTEGER, digest TEXT NOT NULL
);
"""

StatEntry = tuple[int, int, int, int, int, str]  # size, mtime_ns, ino, ctime_ns, hashed_ns, digest
#: what the index step keeps per article: the render record's inputs it indexed, the article's
#: month (None: it failed to render) and the last logged (status, digest) per language
Indexed = tuple[str, str | None, dict[str, list]]


def fingerprint(parts: Iterable[bytes | str]) -> str:
    """A hash over the given parts (with the tool version), order-sensitive."""
    chunks = [f"transflow {__version__}".encode()]
    for part in parts:
        raw = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        chunks.append(len(raw).to_bytes(8, "big") + raw)
    return sha256_bytes(b"".join(chunks))


def file_digest(path: Path) -> str:
    """SHA-256 of a file, or "-" when it does not exist."""
    try:
        return sha256_bytes(path.read_bytes())
    except (FileNotFoundError, NotADirectoryError):
        return "-"


class Digests:
    """File digests: each file hashed only when its size, mtime, inode or ctime changed.

    `known` holds the entries of earlier builds (keyed by path relative to `root`); entries made
    now are collected in `new` for the build state to keep.
    """

    def __init__(
        self,
        root: Path | None = None,
        known: dict[str, StatEntry] | None = None,
        lookup: Callable[[str], StatEntry | None] | None = None,
    ):
        self._prefix = f"{root}{os.sep}" if root is not None else None
        self._known = known if known is not None else {}
        self._lookup = lookup  # the entry of earlier builds for one path (None: none)
        self.new: dict[str, StatEntry] = {}
        self._run: dict[str, StatEntry] = {}
        self._scratch: dict[str, StatEntry] = {}  # this run's entries in generated folders
        self.consulted: set[str] = set()  # every path asked for (relative), present or not
        self.folders: set[str] = set()  # folders of paths asked for but not kept in `consulted`
        #: whether a folder (relative) holds only generated files: paths there are not kept in
        #: `consulted` and their entries are dropped by `release` (a large build stays small)
        self.generated: Callable[[str], bool] = lambda folder: False
        self._kinds: dict[str, bool] = {}
        self.hashed = 0  # files read and hashed by this object (a no-op build hashes none)

    def known(self, key: str) -> StatEntry | None:
        """The entry of earlier builds for `key` (a relative path), if any."""
        entry = self._known.get(key)
        if entry is None and self._lookup is not None:
            entry = self._lookup(key)
        return entry

    def trust(self, key: str, entry: StatEntry) -> None:
        """Take an earlier build's entry for `key`, found to hold now, as this run's."""
        self._run[key] = entry

    def seen(self, key: str) -> StatEntry | None:
        """The entry this run used for `key`: hashed now, or trusted from an earlier build."""
        return self._run.get(key)

    def release(self) -> None:
        """Forget this run's entries of generated files (after their records were saved)."""
        self._scratch = {}

    def _scratch_folder(self, rel: str) -> str | None:
        """The folder of `rel` when it holds generated files only, else None."""
        folder = rel.rsplit("/", 1)[0] if "/" in rel else ""
        found = self._kinds.get(folder)
        if found is None:
            found = self._kinds[folder] = self.generated(folder)
        return folder if found else None

    def _rel(self, path: Path) -> str | None:
        text = str(path)
        if self._prefix is not None and text.startswith(self._prefix):
            return text[len(self._prefix) :].replace(os.sep, "/")
        return None

    def __call__(self, path: Path) -> str:
        """SHA-256 of the file at `path` ("-" when missing)."""
        rel = self._rel(path)
        key = rel if rel is not None else str(path)
        run = self._run
        if rel is not None:
            folder = self._scratch_folder(rel)
            if folder is None:
                self.consulted.add(rel)
            else:
                self.folders.add(folder)
                run = self._scratch
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            return "-"
        stat = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
        entry = run.get(key)
        if entry is not None and entry[:4] == stat:
            return entry[5]  # hashed in this run and untouched since (as stat sees it)
        entry = self.known(key)
        if entry is not None and entry[:4] == stat and st.st_mtime_ns < entry[4] - RACY_NS:
            if rel is not None:
                run[key] = entry
            return entry[5]
        hashed_ns = time.time_ns()  # taken before reading: a later write shows a later mtime
        digest = file_digest(Path(path))
        self.hashed += 1
        if digest != "-":
            run[key] = self.new[key] = (*stat, hashed_ns, digest)
        return digest

    def saved(self) -> None:
        """The new entries were written: the database knows them now."""
        if self._lookup is None:
            self._known.update(self.new)
        self.new = {}

    def consulted_under(self, prefix: str) -> list[str]:
        """The paths asked for directly in the folder `prefix` ("dir/", or "" for the root)
        that this run used an entry for."""
        size = len(prefix)
        return [
            p
            for p in self.consulted
            if p.startswith(prefix) and "/" not in p[size:] and p in self._run
        ]

    def seen_entries(self) -> dict[str, StatEntry]:
        """Every entry this run used (hashed now or trusted), by relative path."""
        return dict(self._run)

    def absorb(self, seen: Mapping[str, StatEntry], new: Iterable[str]) -> None:
        """Take the entries another process used, `new` naming the ones it hashed."""
        self._run.update(seen)
        for key in new:
            self.new[key] = seen[key]


class BuildState:
    """The records of every step, the source index and the stat cache, in .transflow/state.sqlite.

    Records are read one by one when asked for (never all at once); what this process sets waits
    in memory until `save`.
    """

    def __init__(self, path: Path, root: Path):
        self.path = path
        self.root = root
        self._dirty: dict[str, dict | None] = {}
        self._sources: dict[str, tuple[str, str, str]] = {}  # path -> digest, slug, lang (unsaved)
        self._indexed: dict[tuple[str, str], Indexed | None] = {}  # (mode, slug) -> row (unsaved)
        self._cleared: set[str] = set()  # modes whose index rows are all dropped at the save
        self._reader: sqlite3.Connection | None = None
        self.notice: str | None = None
        self._reset = False
        self.settle = True  # return to a rollback journal after each save
        self._empty = not path.exists()
        if not self._empty:
            try:
                self._check()
            except (sqlite3.DatabaseError, ValueError) as exc:
                self._discard(str(exc))
        self.digest = Digests(root, lookup=self._stat_entry)

    def _connection(self) -> sqlite3.Connection | None:
        """A read-only connection to the saved state (None when there is none to read)."""
        if self._empty and not self._reset:
            self._empty = not self.path.exists()  # another process may have saved one
        if self._empty or self._reset:
            return None
        if self._reader is None:
            self._reader = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, timeout=600)
        return self._reader

    def close(self) -> None:
        """Let go of the read connection (a save or another process may write next)."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        con = self._connection()
        if con is None:
            return []
        try:
            return con.execute(sql, args).fetchall()
        except sqlite3.DatabaseError:
            raise sqlite3.DatabaseError("it is corrupt") from None

    def _check(self) -> None:
        meta = dict(self._query("SELECT name, value FROM meta"))
        if meta.get("version") != str(STATE_VERSION) or meta.get("tool") != __version__:
            raise ValueError("it was written by another version of transflow")

    def _stat_entry(self, rel: str) -> StatEntry | None:
        try:
            rows = self._query(
                "SELECT size, mtime_ns, ino, ctime_ns, hashed_ns, digest FROM stats WHERE path = ?",
                (rel,),
            )
        except sqlite3.DatabaseError:
            return None
        return tuple(rows[0]) if rows else None  # type: ignore[return-value]

    def _discard(self, why: str) -> None:
        self.close()
        self._reset = True
        self.notice = f"ignoring the build state {self.rel(self.path)}: {why}; building everything"

    def rel(self, path: Path) -> str:
        """`path` relative to the project root, POSIX style."""
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return Path(os.path.relpath(path, self.root)).as_posix()

    @property
    def records(self) -> dict[str, dict]:
        """Every record (reads all of them: for tests and tools, not for builds)."""
        try:
            rows = self._query("SELECT key, data FROM records")
        except sqlite3.DatabaseError:
            rows = []
        found = {key: json.loads(data) for key, data in rows}
        for key, entry in self._dirty.items():
            if entry is None:
                found.pop(key, None)
            else:
                found[key] = entry
        return {key: found[key] for key in sorted(found) if key}

    def get(self, key: str) -> dict:
        """The record of `key` ({} when none)."""
        if key in self._dirty:
            return self._dirty[key] or {}
        try:
            rows = self._query("SELECT data FROM records WHERE key = ?", (key,))
        except sqlite3.DatabaseError:
            return {}
        return json.loads(rows[0][0]) if rows else {}

    def inputs_under(self, prefix: str) -> dict[str, str]:
        """The fingerprint every record whose key starts with `prefix` ran on, by key."""
        try:
            rows = self._query(
                "SELECT key, inputs FROM records WHERE key >= ? AND key < ?",
                (prefix, prefix + "\U0010ffff"),
            )
        except sqlite3.DatabaseError:
            rows = []
        found = dict(rows)
        for key, entry in self._dirty.items():
            if key.startswith(prefix):
                if entry is None:
                    found.pop(key, None)
                else:
                    found[key] = str(entry.get("in", ""))
        return found

    def incomplete(self, prefix: str) -> set[str]:
        """The last part of the key (the article) of every record under `prefix` that does not
        say `"complete": true`."""
        try:
            rows = self._query(
                "SELECT key FROM records WHERE key >= ? AND key < ?"
                " AND coalesce(json_extract(data, '$.complete'), 0) != 1",
                (prefix, prefix + "\U0010ffff"),
            )
        except sqlite3.DatabaseError:
            rows = []
        keys = {key for (key,) in rows}
        for key, entry in self._dirty.items():
            if key.startswith(prefix):
                if entry is not None and entry.get("complete") is not True:
                    keys.add(key)
                else:
                    keys.discard(key)
        return {key.rsplit(":", 1)[-1] for key in keys}

    def put(self, key: str, entry: dict, *, compare: bool = True) -> None:
        """Set the record of `key` (written by the next save when it differs, or anyway when
        not `compare`: for a large record the caller knows has changed)."""
        if not compare or self.get(key) != entry:
            self._dirty[key] = entry

    def fresh(self, key: str, inputs: str, digest: Digests) -> bool:
        """True when `key` ran on the same inputs and its outputs are still as it left them."""
        record = self.get(key)
        if not record or record.get("in") != inputs:
            return False
        return all(digest(self.root / p) == d for p, d in record.get("out", {}).items())

    def record(
        self, key: str, inputs: str, outputs: Iterable[Path], digest: Digests, **extra: object
    ) -> None:
        """Remember that `key` ran on `inputs` and left `outputs` as they are now."""
        entry = {
            "in": inputs,
            "out": {self.rel(p): digest(Path(p)) for p in outputs},
            **extra,
        }
        self.put(key, entry)

    def update(self, records: Mapping[str, dict | None]) -> None:
        """Take records made elsewhere (by a worker process; None drops a record)."""
        for key, entry in records.items():
            if entry is None:
                self.forget(key)
            else:
                self.put(key, entry)

    def forget(self, key: str) -> None:
        """Drop the record of `key` so the step runs next time."""
        if self.get(key):
            self._dirty[key] = None

    def changes(self) -> dict[str, dict | None]:
        """The records set or dropped since the last save (None for a dropped one)."""
        return dict(self._dirty)

    def sources(self) -> dict[str, tuple[str, str, str]]:
        """The source index: per source file (relative path), its digest, slug and language as
        they were when its article was last extracted."""
        try:
            rows = self._query("SELECT path, digest, slug, lang FROM sources")
        except sqlite3.DatabaseError:
            rows = []
        found = {path: (digest, slug, lang) for path, digest, slug, lang in rows}
        found.update(self._sources)
        return found

    def source(self, rel: str) -> tuple[str, str, str] | None:
        """One source file's entry in the source index (digest, slug, language), if any."""
        if rel in self._sources:
            return self._sources[rel]
        try:
            rows = self._query("SELECT digest, slug, lang FROM sources WHERE path = ?", (rel,))
        except sqlite3.DatabaseError:
            return None
        return tuple(rows[0]) if rows else None  # type: ignore[return-value]

    def put_source(self, rel: str, digest: str, slug: str, lang: str) -> None:
        """Index a source file's slug and language under its digest."""
        if self.source(rel) != (digest, slug, lang):
            self._sources[rel] = (digest, slug, lang)

    def source_changes(self) -> dict[str, tuple[str, str, str]]:
        """The source index entries set since the last save."""
        return dict(self._sources)

    def index_changes(self, mode: str, prefix: str) -> dict[str, str]:
        """The articles whose record under `prefix` (render records) has other inputs than the
        index of `mode` last took, or vanished: slug -> the record's inputs ("" when gone).
        One query, whatever the size of the archive (unsaved records must be saved first)."""
        if mode in self._cleared:
            rows = self._query(
                "SELECT substr(key, ?), inputs FROM records WHERE key > ? AND key < ?",
                (len(prefix) + 1, prefix, prefix + "\U0010ffff"),
            )
            return {slug: inputs for slug, inputs in rows if ":" not in slug}
        try:
            rows = self._query(
                "SELECT substr(r.key, ?), r.inputs FROM records AS r LEFT JOIN indexed AS a"
                " ON a.mode = ? AND a.slug = substr(r.key, ?)"
                " WHERE r.key > ? AND r.key < ? AND (a.inputs IS NULL OR a.inputs != r.inputs)"
                " UNION ALL SELECT a.slug, '' FROM indexed AS a"
                " LEFT JOIN records AS r ON r.key = ? || a.slug"
                " WHERE a.mode = ? AND r.key IS NULL AND a.inputs != ''",
                (len(prefix) + 1, mode, len(prefix) + 1, prefix, prefix + "\U0010ffff")
                + (prefix, mode),
            )
        except sqlite3.DatabaseError:
            rows = []
        return {slug: inputs for slug, inputs in rows if ":" not in slug}

    def indexed_slugs(self, mode: str) -> set[str]:
        """Every article the index of `mode` holds."""
        found = set()
        if mode not in self._cleared:
            try:
                found = {
                    s for (s,) in self._query("SELECT slug FROM indexed WHERE mode = ?", (mode,))
                }
            except sqlite3.DatabaseError:
                found = set()
        for (m, slug), row in self._indexed.items():
            if m == mode:
                if row is None:
                    found.discard(slug)
                else:
                    found.add(slug)
        return found

    def indexed(self, mode: str, slug: str) -> Indexed | None:
        """What the index of `mode` holds about one article."""
        if (mode, slug) in self._indexed:
            return self._indexed[(mode, slug)]
        if mode in self._cleared:
            return None
        try:
            rows = self._query(
                "SELECT inputs, month, logged FROM indexed WHERE mode = ? AND slug = ?",
                (mode, slug),
            )
        except sqlite3.DatabaseError:
            return None
        return (rows[0][0], rows[0][1], json.loads(rows[0][2])) if rows else None

    def indexed_in(self, mode: str, month: str) -> list[str]:
        """The articles of one month in the index of `mode`, sorted."""
        found = set()
        if mode not in self._cleared:
            try:
                rows = self._query(
                    "SELECT slug FROM indexed WHERE mode = ? AND month = ?", (mode, month)
                )
            except sqlite3.DatabaseError:
                rows = []
            found = {slug for (slug,) in rows}
        for (m, slug), row in self._indexed.items():
            if m == mode:
                if row is not None and row[1] == month:
                    found.add(slug)
                else:
                    found.discard(slug)
        return sorted(found)

    def put_indexed(self, mode: str, slug: str, row: Indexed | None) -> None:
        """Set (or drop, with None) what the index of `mode` holds about an article."""
        self._indexed[(mode, slug)] = row

    def clear_indexed(self, mode: str) -> None:
        """Drop everything the index of `mode` holds (a full rebuild of the index)."""
        self._cleared.add(mode)
        self._indexed = {k: v for k, v in self._indexed.items() if k[0] != mode}

    @property
    def dirty(self) -> bool:
        """True when records or stat entries wait to be saved (or a new database is due)."""
        pending = self._dirty or self._sources or self._indexed or self._cleared
        return bool(pending or self.digest.new or self._reset or self._empty)

    def _connect(self) -> sqlite3.Connection:
        self.close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._reset:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        con = sqlite3.connect(self.path, isolation_level=None, timeout=600)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.executescript(SCHEMA)
        return con

    def share(self) -> None:
        """Make the database ready for several writing processes (`build --jobs N`): it exists
        and is in WAL mode, which the workers then leave as it is."""
        self.save()
        con = self._connect()
        con.close()
        self._empty = False

    def save(self) -> None:
        """Write what changed since the last save, in one transaction."""
        if not self.dirty:
            return
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            con.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [("version", str(STATE_VERSION)), ("tool", __version__)],
            )
            sets = [
                (k, str(v.get("in", "")), json.dumps(v, sort_keys=True, ensure_ascii=False))
                for k, v in self._dirty.items()
                if v is not None
            ]
            con.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?)", sets)
            drops = [(k,) for k, v in self._dirty.items() if v is None]
            con.executemany("DELETE FROM records WHERE key = ?", drops)
            for mode in self._cleared:
                con.execute("DELETE FROM indexed WHERE mode = ?", (mode,))
            con.executemany(
                "INSERT OR REPLACE INTO indexed VALUES (?, ?, ?, ?, ?)",
                [
                    (m, s, row[0], row[1], json.dumps(row[2], sort_keys=True, ensure_ascii=False))
                    for (m, s), row in self._indexed.items()
                    if row is not None
                ],
            )
            con.executemany(
                "DELETE FROM indexed WHERE mode = ? AND slug = ?",
                [key for key, row in self._indexed.items() if row is None],
            )
            con.executemany(
                "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?)",
                [(path, *entry) for path, entry in self._sources.items()],
            )
            con.executemany(
                "INSERT OR REPLACE INTO stats VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(path, *entry) for path, entry in self.digest.new.items()],
            )
            con.execute("COMMIT")
            if self.settle:  # back to a rollback journal: read-only readers (status, check)
                con.execute("PRAGMA journal_mode=DELETE")  # then leave no -wal/-shm files

        finally:
            con.close()
        self.digest.saved()
        self._dirty = {}
        self._sources = {}
        self._indexed = {}
        self._cleared = set()
        self._reset = False
        self._empty = False

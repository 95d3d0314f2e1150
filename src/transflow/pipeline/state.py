"""The build state: what each step last ran on and left behind, so unchanged work is skipped.

It lives in one SQLite database, .transflow/state.sqlite (WAL), updated in place: only the
records and file digests that changed are written, in one transaction per step, never the whole.

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

STATE_VERSION = 3
STATE_FILE = "state.sqlite"
#: how much older than the moment it was hashed a file's mtime must be to trust its stat entry
#: (covers coarse filesystem clocks, down to FAT's two seconds)
RACY_NS = 2_000_000_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, inputs TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stats (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ino INTEGER, ctime_ns INTEGER,
    hashed_ns INTEGER, digest TEXT NOT NULL
);
"""

StatEntry = tuple[int, int, int, int, int, str]  # size, mtime_ns, ino, ctime_ns, hashed_ns, digest


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
        loader: Callable[[], dict[str, StatEntry]] | None = None,
    ):
        self._prefix = f"{root}{os.sep}" if root is not None else None
        self._known = known
        self._loader = loader  # reads `known` when first needed
        self.new: dict[str, StatEntry] = {}
        self._run: dict[str, StatEntry] = {}
        self.consulted: set[str] = set()  # every path asked for (relative), present or not
        self.missing: set[str] = set()  # the ones that were missing when last asked for
        self.hashed = 0  # files read and hashed by this object (a no-op build hashes none)

    @property
    def known(self) -> dict[str, StatEntry]:
        """The entries of earlier builds (read on first use)."""
        if self._known is None:
            self._known = self._loader() if self._loader is not None else {}
        return self._known

    def _rel(self, path: Path) -> str | None:
        text = str(path)
        if self._prefix is not None and text.startswith(self._prefix):
            return text[len(self._prefix) :].replace(os.sep, "/")
        return None

    def __call__(self, path: Path) -> str:
        """SHA-256 of the file at `path` ("-" when missing)."""
        rel = self._rel(path)
        key = rel if rel is not None else str(path)
        if rel is not None:
            self.consulted.add(rel)
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            if rel is not None:
                self.missing.add(rel)
            return "-"
        if rel is not None:
            self.missing.discard(rel)
        stat = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
        entry = self._run.get(key)
        if entry is not None and entry[:4] == stat:
            return entry[5]  # hashed in this run and untouched since (as stat sees it)
        entry = self.known.get(key)
        if entry is not None and entry[:4] == stat and st.st_mtime_ns < entry[4] - RACY_NS:
            return entry[5]
        hashed_ns = time.time_ns()  # taken before reading: a later write shows a later mtime
        digest = file_digest(Path(path))
        self.hashed += 1
        if digest != "-":
            self._run[key] = self.new[key] = (*stat, hashed_ns, digest)
        return digest

    def saved(self) -> None:
        """The new entries were written: they are known now."""
        if self._known is not None:
            self._known.update(self.new)
        self.new = {}

    def absorb(self, entries: Mapping[str, StatEntry]) -> None:
        """Take entries hashed elsewhere (by a worker process)."""
        self.new.update(entries)
        self._run.update(entries)


class BuildState:
    """The records of every step and the stat cache, kept in .transflow/state.sqlite."""

    def __init__(self, path: Path, root: Path):
        self.path = path
        self.root = root
        self._raw: dict[str, str] = {}
        self._inputs: dict[str, str] = {}  # the "in" of every record, without parsing it
        self._parsed: dict[str, dict] = {}
        self._dirty: dict[str, dict | None] = {}
        self.notice: str | None = None
        self._reset = False
        self._loaded = True
        if path.exists():
            try:
                self._check()
                self._loaded = False  # records and stat entries are read on first use
            except (sqlite3.DatabaseError, ValueError) as exc:
                self._discard(str(exc))
        self.digest = Digests(root, loader=self._load_stats)

    def _query(self, sql: str) -> list[tuple]:
        con = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
        try:
            return con.execute(sql).fetchall()
        except sqlite3.DatabaseError:
            raise sqlite3.DatabaseError("it is corrupt") from None
        finally:
            con.close()

    def _check(self) -> None:
        meta = dict(self._query("SELECT name, value FROM meta"))
        if meta.get("version") != str(STATE_VERSION) or meta.get("tool") != __version__:
            raise ValueError("it was written by another version of transflow")

    def _load(self) -> None:
        """Read every record (once, when first needed)."""
        if self._loaded:
            return
        self._loaded = True
        try:
            rows = self._query("SELECT key, inputs, data FROM records")
        except sqlite3.DatabaseError:
            rows = []
        for key, inputs, data in rows:
            self._raw[key] = data
            self._inputs[key] = inputs

    def _load_stats(self) -> dict[str, StatEntry]:
        if self._reset or not self.path.exists():
            return {}
        try:
            rows = self._query(
                "SELECT path, size, mtime_ns, ino, ctime_ns, hashed_ns, digest FROM stats"
            )
        except sqlite3.DatabaseError:
            return {}
        return {row[0]: tuple(row[1:]) for row in rows}  # type: ignore[misc]

    def _discard(self, why: str) -> None:
        self._raw, self._parsed, self._inputs = {}, {}, {}
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
        """Every record (parses all of them: for tests and tools, not for builds)."""
        self._load()
        return {key: self.get(key) for key in sorted(set(self._raw) | set(self._parsed)) if key}

    def get(self, key: str) -> dict:
        """The record of `key` ({} when none)."""
        self._load()
        found = self._parsed.get(key)
        if found is None:
            raw = self._raw.get(key)
            if raw is None:
                return {}
            found = self._parsed[key] = json.loads(raw)
        return found

    def inputs(self, key: str) -> str:
        """The fingerprint a record ran on ("" when none), without parsing the record."""
        self._load()
        return self._inputs.get(key, "")

    def put(self, key: str, entry: dict) -> None:
        """Set the record of `key` (written by the next save when it differs)."""
        if self.get(key) != entry:
            self._parsed[key] = entry
            self._raw.pop(key, None)
            self._inputs[key] = str(entry.get("in", ""))
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
            self._parsed.pop(key, None)
            self._raw.pop(key, None)
            self._inputs.pop(key, None)
            self._dirty[key] = None

    def changes(self) -> dict[str, dict | None]:
        """The records set or dropped since the last save (None for a dropped one)."""
        return dict(self._dirty)

    @property
    def dirty(self) -> bool:
        """True when records or stat entries wait to be saved."""
        return bool(self._dirty or self.digest.new or self._reset)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._reset:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        con = sqlite3.connect(self.path, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.executescript(SCHEMA)
        return con

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
            con.executemany(
                "INSERT OR REPLACE INTO stats VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(path, *entry) for path, entry in self.digest.new.items()],
            )
            con.execute("COMMIT")
            # back to a rollback journal when done: read-only readers (status, check) then
            # leave no -wal/-shm files behind
            con.execute("PRAGMA journal_mode=DELETE")
        finally:
            con.close()
        self.digest.saved()
        for key, _, text in sets:  # keep the saved records as text: far smaller than dicts
            self._raw[key] = text
            self._parsed.pop(key, None)
        self._dirty = {}
        self._reset = False

"""The no-op check: was anything touched since the last complete build?

After a build that finished every unit without a problem, the runner keeps the list of every
file that build consulted (inputs and outputs, also the ones it found missing) and the folders
that hold them, with their mtimes and entry counts. The next build with the same options first
checks that list, one `stat` per file and no per-unit work: when every file is as the stat cache
knows it (a racy entry is hashed and compared, as everywhere), every missing file is still missing
and no folder gained or lost an entry, the build would do nothing, and it stops there.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from transflow.pipeline.state import RACY_NS, BuildState, file_digest

SCHEMA = """
CREATE TABLE IF NOT EXISTS watch (path TEXT PRIMARY KEY, present INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS folders (path TEXT PRIMARY KEY, mtime_ns INTEGER, entries INTEGER);
"""


def options_key(steps: tuple[str, ...], options: dict) -> str:
    """What besides files decides what a build does: its steps and options."""
    kept = {k: v for k, v in options.items() if k not in ("progress_factory", "jobs")}
    return json.dumps({"steps": list(steps), "options": kept}, sort_keys=True, default=str)


def _folder(path: Path) -> tuple[int, int] | None:
    """A folder's mtime and number of entries (None when it is not a folder)."""
    try:
        return os.stat(path).st_mtime_ns, len(os.listdir(path))
    except (FileNotFoundError, NotADirectoryError):
        return None


@dataclass
class Since:
    """What changed since the last complete build with the same options."""

    changed: set[str]  # relative paths of files changed, added or removed
    watched: set[str]  # every file that build consulted (filled only when a folder changed)
    orphans: list[str]  # the orphaned catalogs it reported


def changes(state: BuildState, key: str) -> Since | None:
    """The files touched since the last complete build with the same options; None when that
    cannot be told (no such build, another folder appeared): then everything is checked."""
    if not state.path.exists() or state.notice:
        return None
    try:
        con = sqlite3.connect(f"{state.path.as_uri()}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE name = 'quiet'").fetchone()
            if row is None:
                return None
            quiet = json.loads(row[0])
            if quiet.get("key") != key:
                return None
            folders = con.execute("SELECT path, mtime_ns, entries FROM folders").fetchall()
            watched = con.execute(
                "SELECT w.path, w.present, s.size, s.mtime_ns, s.ino, s.ctime_ns, s.hashed_ns,"
                " s.digest FROM watch AS w LEFT JOIN stats AS s ON s.path = w.path"
            ).fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None
    root = state.root
    since = Since(set(), set(), list(quiet.get("orphans", [])))
    taken = int(quiet.get("time_ns", 0))
    tops: set[str] = set()
    for rel, mtime_ns, entries in folders:
        folder = root / rel
        try:
            now = os.stat(folder).st_mtime_ns
        except (FileNotFoundError, NotADirectoryError):
            return None
        if now == mtime_ns and (now < taken - RACY_NS or len(os.listdir(folder)) == entries):
            continue  # no entry came or went (counted when within the clock's granularity)
        prefix = f"{rel}/" if rel else ""
        if not since.watched:  # a folder to look into: now the list of files is needed
            since.watched = {row[0] for row in watched}
            tops = {w.split("/", 1)[0] for w in since.watched}
        with os.scandir(folder) as found:
            for item in found:
                name = f"{prefix}{item.name}"
                if name in since.watched or name.startswith(".transflow"):
                    continue
                if item.is_dir():
                    if not rel and item.name not in tops:
                        return None  # a new folder at the top (tm/, templates/...): check all
                    continue
                since.changed.add(name)
    digest = state.digest
    top = f"{root}{os.sep}"
    stat_of = os.stat
    for rel, present, *entry in watched:
        path = top + rel  # a string: a Path per file costs more than the stat itself
        try:
            st = stat_of(path)
        except (FileNotFoundError, NotADirectoryError):
            if present:
                since.changed.add(rel)
            continue
        if not present or entry[5] is None:
            since.changed.add(rel)
            continue
        stat = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
        if tuple(entry[:4]) == stat and st.st_mtime_ns < entry[4] - RACY_NS:
            continue
        hashed_ns = time.time_ns()
        if file_digest(Path(path)) != entry[5]:
            since.changed.add(rel)
            continue
        digest.new[rel] = (*stat, hashed_ns, entry[5])  # the same bytes: trust the new stat
    return since


def remember(state: BuildState, key: str, orphans: list[str], *, partial: bool = False) -> None:
    """Keep what a complete build consulted (after state.save) for the next no-op check; a
    `partial` build (some articles only) updates the entries it consulted and keeps the rest."""
    root = state.root
    digest = state.digest
    watch = [(rel, 0 if rel in digest.missing else 1) for rel in sorted(digest.consulted)]
    folders: set[str] = {""}
    for rel in digest.consulted:
        parent = rel.rsplit("/", 1)[0] if "/" in rel else ""
        folders.add(parent)
    for parent in sorted(folders):
        while parent and not (root / parent).is_dir():
            folders.discard(parent)
            parent = parent.rsplit("/", 1)[0] if "/" in parent else ""
            folders.add(parent)
    rows = []
    taken = time.time_ns()
    for rel in sorted(folders):
        found = _folder(root / rel)
        if found is not None:
            rows.append((rel, *found))
    data = {"key": key, "orphans": orphans, "time_ns": taken}
    quiet = json.dumps(data, ensure_ascii=False)
    con = sqlite3.connect(state.path, isolation_level=None)
    try:
        con.executescript(SCHEMA)
        con.execute("BEGIN IMMEDIATE")
        if not partial:
            con.execute("DELETE FROM watch")
            con.execute("DELETE FROM folders")
        con.executemany("INSERT OR REPLACE INTO watch VALUES (?, ?)", watch)
        con.executemany("INSERT OR REPLACE INTO folders VALUES (?, ?, ?)", rows)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('quiet', ?)", (quiet,))
        con.execute("COMMIT")
    finally:
        con.close()


def forget(state: BuildState) -> None:
    """No no-op check next time (the build left work undone, or had problems)."""
    if not state.path.exists():
        return
    con = sqlite3.connect(state.path, isolation_level=None)
    try:
        con.execute("DELETE FROM meta WHERE name = 'quiet'")
    except sqlite3.DatabaseError:
        pass
    finally:
        con.close()

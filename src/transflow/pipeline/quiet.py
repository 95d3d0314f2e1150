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


def unchanged(state: BuildState, key: str) -> list[str] | None:
    """The orphans the last complete build reported when nothing changed since; else None."""
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
            watched = con.execute("SELECT path, present FROM watch").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None
    root = state.root
    since = int(quiet.get("time_ns", 0))
    for rel, mtime_ns, entries in folders:
        try:
            now = os.stat(root / rel).st_mtime_ns
        except (FileNotFoundError, NotADirectoryError):
            return None
        if now != mtime_ns:
            return None
        if now >= since - RACY_NS and len(os.listdir(root / rel)) != entries:
            return None  # changed within the clock's granularity: count its entries
    digest = state.digest
    known = digest.known
    for rel, present in watched:
        path = root / rel
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            if present:
                return None
            continue
        if not present:
            return None
        entry = known.get(rel)
        if entry is None:
            return None
        stat = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
        if entry[:4] == stat and st.st_mtime_ns < entry[4] - RACY_NS:
            continue
        hashed_ns = time.time_ns()
        if file_digest(path) != entry[5]:
            return None
        digest.new[rel] = (*stat, hashed_ns, entry[5])  # the same bytes: trust the new stat
    return list(quiet.get("orphans", []))


def remember(state: BuildState, key: str, consulted: set[str], orphans: list[str]) -> None:
    """Keep what a complete build consulted (after state.save) for the next no-op check."""
    root = state.root
    watch = []
    folders: set[str] = {""}
    for rel in sorted(consulted):
        watch.append((rel, 1 if (root / rel).exists() else 0))
        parent = rel.rsplit("/", 1)[0] if "/" in rel else ""
        while parent and not (root / parent).is_dir():
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
        con.execute("DELETE FROM watch")
        con.execute("DELETE FROM folders")
        con.executemany("INSERT INTO watch VALUES (?, ?)", watch)
        con.executemany("INSERT INTO folders VALUES (?, ?, ?)", rows)
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

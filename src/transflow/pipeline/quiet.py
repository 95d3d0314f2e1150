"""The no-op check: was anything touched since the last complete build?

After a build that finished every unit without a problem, the runner records the folders that
build consulted. Each is of one of two kinds:

- a *files* folder (the sources, each language's catalogs, the glossary, the project root) holds
  files people edit, also in place: it is recorded with its entries' names and, per file, the
  size, mtime, inode and ctime as the build used them;
- an *entries* folder (`dist/`, `published/` and `locales/` itself, where the templates live)
  holds what transflow writes, always by renaming a new file into place, and what git checks out
  as new files: its own mtime moves whenever an entry comes, goes or is replaced, so it is
  recorded with that mtime alone. (An in-place edit of a generated file there is not noticed;
  deleting the file is.)

The next build with the same options lists each files folder and stats its entries (no file is
read) and stats each entries folder; when all are as recorded, it would do nothing, and it stops
there: at 100,000 articles that is well under a second. When a folder differs, its entries are
compared one by one with the stat cache (hashing a file only when its stat moved) to tell which
files changed.

Racy timestamps are handled as git does: after recording, the stamp file `.transflow/stamp` is
written, and the recorder waits (at most a few filesystem clock ticks) until the stamp's mtime is
newer than every mtime it recorded; an entry that still is not older stays "racy" and is
compared by content.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from transflow.pipeline.listing import (
    FOLDER,
    UNKNOWN,
    Listing,
    differing,
    list_folders,
    pack,
)
from transflow.pipeline.state import RACY_NS, BuildState, file_digest

SCHEMA = """
CREATE TABLE IF NOT EXISTS quiet (
    path TEXT PRIMARY KEY, kind TEXT NOT NULL, mtime_ns INTEGER NOT NULL, names TEXT NOT NULL,
    stats BLOB NOT NULL, racy TEXT NOT NULL
);
"""
STAMP = "stamp"
FILES, ENTRIES = "files", "entries"
#: how long the recorder may wait for the filesystem clock to move past what it recorded
STAMP_WAIT_S = 0.05


def options_key(steps: tuple[str, ...], options: dict) -> str:
    """What besides files decides what a build does: its steps and options."""
    kept = {k: v for k, v in options.items() if k not in ("progress_factory", "jobs")}
    return json.dumps({"steps": list(steps), "options": kept}, sort_keys=True, default=str)


def kind_of(rel: str, generated: tuple[str, ...]) -> str:
    """The kind of a folder (relative path), given the folders only transflow writes into: each
    a path (`locales`: that folder alone) or a path ending in "/" (`dist/`: it and below)."""
    for top in generated:
        if rel == top.rstrip("/") or (top.endswith("/") and rel.startswith(top)):
            return ENTRIES
    return FILES


@dataclass
class Since:
    """What changed since the last complete build with the same options."""

    changed: set[str]  # relative paths of files changed, added or removed
    orphans: list[str]  # the orphaned catalogs it reported
    listings: dict[str, Listing] = field(default_factory=dict)  # files folders as checked
    mtimes: dict[str, int] = field(default_factory=dict)  # every recorded folder's mtime now
    slow: set[str] = field(default_factory=set)  # folders that differed from their record


def changes(state: BuildState, key: str) -> Since | None:
    """The files touched since the last complete build with the same options; None when that
    cannot be told (no such build, a recorded folder is gone): then everything is checked."""
    if not state.path.exists() or state.notice:
        return None
    try:
        con = sqlite3.connect(f"{state.path.as_uri()}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE name = 'quiet'").fetchone()
            if row is None:
                return None
            recorded = json.loads(row[0])
            if recorded.get("key") != key:
                return None
            folders = con.execute("SELECT path, kind, mtime_ns, names, stats, racy FROM quiet")
            folders = folders.fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None
    top = f"{state.root}{os.sep}"
    since = Since(set(), list(recorded.get("orphans", [])))
    stamp = int(recorded.get("stamp_ns", 0))
    listed = list_folders(
        [top + row[0] if row[0] else str(state.root) for row in folders if row[1] == FILES]
    )
    for rel, kind, mtime_ns, names_text, blob, racy_text in folders:
        folder = top + rel if rel else str(state.root)
        try:
            now = os.stat(folder).st_mtime_ns
        except (FileNotFoundError, NotADirectoryError):
            return None
        since.mtimes[rel] = now
        prefix = f"{rel}/" if rel else ""
        if kind == ENTRIES:
            if now != mtime_ns or mtime_ns >= stamp:
                since.slow.add(rel)
                _compare_entries(state, folder, prefix, since)
            continue
        listing = listed[folder]
        if listing is None:
            return None
        since.listings[rel] = listing
        names = names_text.split("\n") if names_text else []
        racy = set(racy_text.split("\n")) if racy_text else set()
        if not racy and listing.packed.tobytes() == blob and listing.names == names:
            continue  # the usual case: one list and one stat per file, nothing read
        since.slow.add(rel)
        if not racy and listing.names == names:  # the same entries: only some stats moved
            now_blob = listing.packed.tobytes()
            for i in differing(now_blob, blob):
                _compare_file(
                    state, prefix + names[i], tuple(listing.packed[4 * i : 4 * i + 4]), since
                )
            continue
        before = dict(zip(names, Listing(names, array("q", blob)).stats, strict=True))
        for name, stat in zip(listing.names, listing.stats, strict=True):
            if prefix == "" and name.startswith(".transflow"):
                continue
            if stat == FOLDER:
                if name not in before:
                    since.changed.add(prefix + name)  # a new folder
                continue
            if before.get(name) != stat or name in racy:
                _compare_file(state, prefix + name, stat, since)
        for name in set(before) - set(listing.names):
            if not (prefix == "" and name.startswith(".transflow")):
                since.changed.add(prefix + name)
    return since


def _compare_file(state: BuildState, rel: str, stat: tuple, since: Since) -> None:
    """A file whose stat moved: changed unless the stat cache or its bytes say otherwise."""
    digest = state.digest
    entry = digest.known(rel)
    if entry is None or stat == UNKNOWN:
        since.changed.add(rel)
        return
    if tuple(entry[:4]) == stat and stat[1] < entry[4] - RACY_NS:
        digest.trust(rel, entry)
        return
    hashed_ns = time.time_ns()
    path = state.root / rel
    if file_digest(path) != entry[5]:
        since.changed.add(rel)
        return
    entry = (*stat, hashed_ns, entry[5])  # the same bytes: trust the new stat
    digest.new[rel] = entry
    digest.trust(rel, entry)


def _compare_entries(state: BuildState, folder: str, prefix: str, since: Since) -> None:
    """An entries folder whose mtime moved: its files that differ from the stat cache."""
    known = _cached_under(state, prefix)
    try:
        found = os.scandir(folder)
    except (FileNotFoundError, NotADirectoryError):
        since.changed.add(prefix.rstrip("/"))
        return
    with found:
        for item in found:
            rel = prefix + item.name
            if item.is_dir():
                continue  # a folder of its own (recorded when the build used it)
            known.pop(rel, None)
            try:
                st = item.stat()
            except FileNotFoundError:
                since.changed.add(rel)
                continue
            _compare_file(
                state, rel, (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns), since
            )
    since.changed.update(known)  # in the stat cache, gone from the folder


def _cached_under(state: BuildState, prefix: str) -> dict[str, None]:
    """The files directly in a folder that the stat cache knows."""
    if not state.path.exists():
        return {}
    con = sqlite3.connect(f"{state.path.as_uri()}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT path FROM stats WHERE path >= ? AND path < ?", (prefix, prefix + "\U0010ffff")
        ).fetchall()
    except sqlite3.DatabaseError:
        rows = []
    finally:
        con.close()
    return {path: None for (path,) in rows if "/" not in path[len(prefix) :]}


def remember(
    state: BuildState,
    key: str,
    orphans: list[str],
    generated: tuple[str, ...],
    since: Since | None,
    started_ns: int,
    *,
    partial: bool = False,
) -> None:
    """Record the folders a complete build consulted (after state.save) for the next no-op
    check. A `partial` build (some articles only) rewrites the folders it consulted or that moved
    since the check, and keeps the rest. `started_ns`: when the build began (wall clock)."""
    root = state.root
    digest = state.digest
    folders: set[str] = {"", *digest.folders}
    for rel in digest.consulted:
        folders.add(rel.rsplit("/", 1)[0] if "/" in rel else "")
    for parent in sorted(folders):
        while parent and not (root / parent).is_dir():
            folders.discard(parent)
            parent = parent.rsplit("/", 1)[0] if "/" in parent else ""
            folders.add(parent)
    if partial and since is not None:
        moved = {rel for rel, mtime in since.mtimes.items() if _mtime(root, rel) != mtime}
        folders |= moved | since.slow
    rows = []
    newest = 0
    for rel in sorted(folders):
        kind = kind_of(rel, generated)
        mtime = _mtime(root, rel)
        if mtime is None:
            continue
        newest = max(newest, mtime)
        if kind == ENTRIES:
            rows.append((rel, kind, mtime, Listing([], array("q"))))
            continue
        checked = since.listings.get(rel) if since is not None else None
        still = checked is not None and since is not None and since.mtimes.get(rel) == mtime
        listing = _recorded(root, rel, checked, digest, started_ns, still)
        if listing is None:
            continue
        if listing.names:
            newest = max(newest, max(listing.packed[1::4]))
        rows.append((rel, kind, mtime, listing))
    stamp_ns = _stamp(state, newest)
    out = []
    for rel, kind, mtime, listing in rows:
        names = listing.names
        racy = [names[i] for i, m in enumerate(listing.packed[1::4]) if m >= stamp_ns]
        text = "\n".join(names)
        out.append((rel, kind, mtime, text, listing.packed.tobytes(), "\n".join(racy)))
    data = {"key": key, "orphans": orphans, "stamp_ns": stamp_ns}
    con = sqlite3.connect(state.path, isolation_level=None)
    try:
        con.executescript(SCHEMA)
        con.execute("BEGIN IMMEDIATE")
        if not partial:
            con.execute("DELETE FROM quiet")
        con.executemany("INSERT OR REPLACE INTO quiet VALUES (?, ?, ?, ?, ?, ?)", out)
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('quiet', ?)", (json.dumps(data, sort_keys=True),)
        )
        con.execute("COMMIT")
    finally:
        con.close()


def _recorded(
    root: Path, rel: str, checked: Listing | None, digest, started_ns: int, still: bool
) -> Listing | None:
    """A files folder as the build left it: each file's stat as the build used it, else as the
    check found it; a file neither saw gets its stat now only if it has not moved since before
    the build began (its ctime), else the unknown stat that makes the next check look at it.
    `still`: the folder's mtime has not moved since the check (no entry came, went or was
    replaced), so its names are the check's."""
    folder = root / rel if rel else root
    prefix = f"{rel}/" if rel else ""
    try:
        names_now = checked.names if still and checked else os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if checked is not None and (
        names_now is checked.names
        or (len(names_now) == len(checked.names) and set(names_now) == set(checked.names))
    ):  # the same entries as at the check: take its stats, then what the build used
        names, packed = checked.names, array("q", checked.packed)
        used_here = [
            (p[len(prefix) :], e) for p in digest.consulted_under(prefix) if (e := digest.seen(p))
        ]
        where = {name: i for i, name in enumerate(names)} if len(used_here) > 20 else None
        for name, used in used_here:
            if where is not None:
                at = where.get(name)
            else:
                at = names.index(name) if name in names else None
            if at is not None:
                packed[4 * at : 4 * at + 4] = array("q", used[:4])
        return Listing(names, packed)
    before = dict(zip(checked.names, checked.stats, strict=True)) if checked else {}
    try:
        with os.scandir(folder) as found:
            items = {item.name: item for item in found}
    except (FileNotFoundError, NotADirectoryError):
        return None
    names = list(items)
    stats: list[tuple[int, int, int, int]] = []
    for name, item in items.items():
        used = digest.seen(prefix + name)
        if used is not None:
            stats.append(tuple(used[:4]))  # as the build read or wrote it
            continue
        if name in before:
            stats.append(before[name])
            continue
        try:
            if item.is_dir():
                stats.append(FOLDER)
                continue
            st = item.stat()
        except FileNotFoundError:
            stats.append(UNKNOWN)
            continue
        stat = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
        stats.append(stat if st.st_ctime_ns < started_ns - RACY_NS else UNKNOWN)
    return Listing(names, pack(stats))


def _mtime(root: Path, rel: str) -> int | None:
    try:
        return os.stat(root / rel if rel else root).st_mtime_ns
    except (FileNotFoundError, NotADirectoryError):
        return None


def _stamp(state: BuildState, newest: int) -> int:
    """Write the stamp file until its mtime is newer than `newest` (or the wait is over)."""
    path = state.path.parent / STAMP
    deadline = time.monotonic() + STAMP_WAIT_S
    while True:
        with open(path, "wb") as handle:
            handle.write(str(time.time_ns()).encode())
        stamp = os.stat(path).st_mtime_ns
        if stamp > newest or time.monotonic() > deadline:
            return stamp
        time.sleep(0.001)  # the filesystem clock moves in ticks of a few milliseconds


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

"""Folder listings for the no-op check: a folder's entries with their stats (size, mtime, inode,
ctime) packed in one array, made with one `stat` per entry (split over two processes for a large
archive) and compared as bytes."""

from __future__ import annotations

import marshal
import os
from array import array
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from stat import S_ISDIR

UNKNOWN = (-1, -1, -1, -1)  # the stat of an entry no build used: it counts as changed
FOLDER = (0, 0, 0, 0)  # a folder inside a files folder: only its name counts


@dataclass
class Listing:
    """A files folder as seen: its entries' names and, packed four to an entry, their stats
    (size, mtime, inode, ctime; zeros for a folder), in listing order."""

    names: list[str]
    packed: array
    folders: frozenset[str] = frozenset()  # the entries that are folders

    @property
    def stats(self) -> list[tuple[int, int, int, int]]:
        """The stats, one tuple per entry."""
        values = self.packed
        return [tuple(values[i : i + 4]) for i in range(0, len(values), 4)]  # type: ignore[misc]


def list_one(folder: str, names: list[str]) -> Listing:
    """A files folder's entries (`names`, as listed) with the stat of each."""
    packed, folders = stat_names(folder, names)
    return Listing(names, packed, frozenset(folders))


def stat_names(folder: str, names: list[str]) -> tuple[array, list[str]]:
    """The packed stats of some entries of a folder, and which of them are folders."""
    packed = array("q")
    add = packed.extend
    folders = []
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except (FileNotFoundError, NotADirectoryError):
        return array("q", UNKNOWN * len(names)), folders
    stat = os.stat
    try:
        for name in names:
            try:
                st = stat(name, dir_fd=fd)
            except (FileNotFoundError, NotADirectoryError):  # went away while listed
                add(UNKNOWN)
                continue
            if S_ISDIR(st.st_mode):
                add(FOLDER)
                folders.append(name)
            else:
                add((st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns))
    finally:
        os.close(fd)
    return packed, folders


#: from how many entries on the files folders are listed by two processes (the stat calls,
#: which make most of a no-op build's time, then run on two cores)
SPLIT_FROM = 50_000


def list_folders(folders: list[str]) -> dict[str, Listing | None]:
    """List the files folders; with many entries and more than one core, a forked child stats
    the second half of all their entries while this process stats the first."""
    names: dict[str, list[str]] = {}
    for folder in folders:
        with suppress(FileNotFoundError, NotADirectoryError):
            names[folder] = os.listdir(folder)
    total = sum(len(n) for n in names.values())
    if total < SPLIT_FROM or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return {f: list_one(f, names[f]) if f in names else None for f in folders}
    half = total // 2
    mine: list[tuple[str, list[str]]] = []
    theirs: list[tuple[str, list[str]]] = []
    seen = 0
    for folder, found in names.items():  # split by entries: a folder may be shared
        cut = max(0, min(len(found), half - seen))
        mine.append((folder, found[:cut]))
        theirs.append((folder, found[cut:]))
        seen += len(found)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: stat, send, leave without cleanup (it shares the parent's files)
        status = 0
        try:
            os.close(read_end)
            done = [
                (packed.tobytes(), dirs) for packed, dirs in (stat_names(f, n) for f, n in theirs)
            ]
            with os.fdopen(write_end, "wb") as out:
                out.write(marshal.dumps(done))
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    ours = [stat_names(f, n) for f, n in mine]
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:  # the child failed: stat its share here
        others = [stat_names(f, n) for f, n in theirs]
    else:
        others = [(array("q", blob), dirs) for blob, dirs in marshal.loads(data)]
    result: dict[str, Listing | None] = {f: None for f in folders}
    for (folder, _), (packed, dirs), (more, more_dirs) in zip(mine, ours, others, strict=True):
        packed.extend(more)
        result[folder] = Listing(names[folder], packed, frozenset(dirs + more_dirs))
    return result


def pack(stats: Iterable[tuple[int, int, int, int]]) -> array:
    """Stats (tuples of four) packed into one array."""
    packed = array("q")
    for stat in stats:
        packed.extend(stat)
    return packed


def differing(now: bytes, then: bytes, block: int = 512) -> list[int]:
    """The entries (32 bytes each) where two packed listings of the same names differ, found
    block by block (an edit touches a few of 100,000)."""
    size = 32 * block
    found = []
    for start in range(0, len(now), size):
        if now[start : start + size] != then[start : start + size]:
            for at in range(start, min(start + size, len(now)), 32):
                if now[at : at + 32] != then[at : at + 32]:
                    found.append(at // 32)
    return found

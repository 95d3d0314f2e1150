"""File-system helpers: atomic writes (temp file + rename) and content hashes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from pathlib import Path

from transflow.errors import TransflowError


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write `data` to `path` atomically: a temp file in the same folder, fsync, then rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = _temp_beside(path, raw, sync=True)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _temp_beside(path: Path, raw: bytes, sync: bool) -> str:
    """A temp file in `path`'s folder holding `raw`, with the mode `path` has (or the umask
    default; mkstemp alone makes it 0600), fsynced when `sync`; removed again on failure."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_UMASK
        os.chmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


class StagedWrites:
    """Atomic writes in bulk: each file staged as a temp file beside it, then one sync for all
    and the renames (`commit`). Readers see the old or the new file, never a part; after a crash
    a renamed file is complete, as with one fsync per file, which costs milliseconds each."""

    def __init__(self) -> None:
        self.pending: list[tuple[str, Path]] = []

    def add(self, path: str | Path, data: str | bytes) -> bool:
        """Stage `data` for `path` unless the file already holds it; True when it will change."""
        path = Path(path)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if _holds(path, raw):
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        self.pending.append((_temp_beside(path, raw, sync=False), path))
        return True

    def commit(self) -> None:
        """Make the staged files durable, then move them into place."""
        if not self.pending:
            return
        os.sync()
        for tmp, path in self.pending:
            os.replace(tmp, path)
        self.pending = []

    def abort(self) -> None:
        """Drop the staged files."""
        for tmp, _ in self.pending:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        self.pending = []


#: the names atomic_write gives its temp files: ".<name>.<8 random characters>.tmp"
TEMP_NAME_RE = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def remove_stale_temps(folders: list[Path]) -> list[Path]:
    """Delete temp files a killed run left behind; call only while holding the project lock."""
    removed = []
    for folder in folders:
        if not Path(folder).is_dir():
            continue
        for path in Path(folder).rglob(".*.tmp"):
            if TEMP_NAME_RE.fullmatch(path.name) and path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def write_if_changed(path: str | Path, data: str | bytes) -> bool:
    """Atomically write `data` unless the file already holds exactly it; True when written."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if _holds(path, raw):
        return False
    atomic_write(path, raw)
    return True


def _holds(path: Path, raw: bytes) -> bool:
    """True when the file at `path` holds exactly `raw`."""
    try:
        return path.read_bytes() == raw
    except FileNotFoundError:
        return False


def decode_utf8(data: bytes, path: str | Path, error: type[TransflowError]) -> str:
    """Decode UTF-8; a bad byte raises `error` naming the file, the line and the byte offset."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(
            f"not UTF-8: invalid byte 0x{data[exc.start]:02x} at byte offset {exc.start}; "
            "transflow reads UTF-8 only",
            path,
            line,
        ) from None


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's content."""
    return sha256_bytes(Path(path).read_bytes())

"""The build state: what each step last ran on and left behind, so unchanged work is skipped.

A record is `{key: {"in": fingerprint of every input, "out": {path: digest}, ...}}`, with keys
and paths relative to the project root (a copied or moved checkout builds correctly). Each step
writes only its own records. A state file that cannot be read, or comes from another version of
transflow, is set aside with a notice and the build starts from scratch: it is never trusted.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from transflow import __version__
from transflow.fsutil import atomic_write, sha256_bytes

STATE_VERSION = 2


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
    """File digests for one run, each file hashed once while its size, mtime and inode hold."""

    def __init__(self) -> None:
        self._seen: dict[Path, tuple[tuple[int, int, int], str]] = {}

    def __call__(self, path: Path) -> str:
        """SHA-256 of the file at `path` ("-" when missing)."""
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            return "-"
        key = (st.st_size, st.st_mtime_ns, st.st_ino)
        seen = self._seen.get(path)
        if seen is not None and seen[0] == key:
            return seen[1]
        digest = file_digest(path)
        self._seen[path] = (key, digest)
        return digest


class BuildState:
    """The records of every step, kept in .transflow/state.json."""

    def __init__(self, path: Path, root: Path):
        self.path = path
        self.root = root
        self.records: dict[str, dict] = {}
        self.dirty = False
        self.notice: str | None = None
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            self._discard(f"cannot read it ({exc.strerror})")
            return
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("records"), dict):
                raise ValueError("no records")
        except (UnicodeDecodeError, ValueError):
            self._discard("it is corrupt")
            return
        if data.get("version") != STATE_VERSION or data.get("tool") != __version__:
            self._discard("it was written by another version of transflow")
            return
        self.records = data["records"]

    def _discard(self, why: str) -> None:
        self.records = {}
        self.dirty = True
        self.notice = f"ignoring the build state {self.rel(self.path)}: {why}; building everything"

    def rel(self, path: Path) -> str:
        """`path` relative to the project root, POSIX style."""
        try:
            return Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return Path(os.path.relpath(path, self.root)).as_posix()

    def fresh(self, key: str, inputs: str, digest: Digests) -> bool:
        """True when `key` ran on the same inputs and its outputs are still as it left them."""
        record = self.records.get(key)
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
        if self.records.get(key) != entry:
            self.records[key] = entry
            self.dirty = True

    def get(self, key: str) -> dict:
        """The record of `key` ({} when none)."""
        return self.records.get(key, {})

    def update(self, records: Mapping[str, dict]) -> None:
        """Take records made elsewhere (by a worker process)."""
        for key, entry in records.items():
            if self.records.get(key) != entry:
                self.records[key] = entry
                self.dirty = True

    def forget(self, key: str) -> None:
        """Drop the record of `key` so the step runs next time."""
        if self.records.pop(key, None) is not None:
            self.dirty = True

    def save(self) -> None:
        """Write the state atomically when something changed."""
        if self.dirty:
            payload = {"version": STATE_VERSION, "tool": __version__, "records": self.records}
            atomic_write(self.path, json.dumps(payload, sort_keys=True, ensure_ascii=False))
            self.dirty = False

"""The build state: fingerprints of each step's inputs and outputs, so unchanged work is skipped."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from transflow import __version__
from transflow.fsutil import atomic_write, sha256_bytes

STATE_VERSION = 1


def fingerprint(parts: Iterable[bytes | str]) -> str:
    """A hash over the given parts (with the tool version), order-sensitive."""
    chunks = [f"transflow {__version__}".encode()]
    for part in parts:
        raw = part.encode("utf-8") if isinstance(part, str) else part
        chunks.append(len(raw).to_bytes(8, "big") + raw)
    return sha256_bytes(b"".join(chunks))


def file_digest(path: Path) -> str:
    """SHA-256 of a file, or "-" when it does not exist."""
    try:
        return sha256_bytes(path.read_bytes())
    except FileNotFoundError:
        return "-"


class BuildState:
    """Per-step records `{key: {"in": fingerprint, "out": {path: digest}, ...}}` kept on disk."""

    def __init__(self, path: Path):
        self.path = path
        self.records: dict[str, dict] = {}
        self.dirty = False
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("version") == STATE_VERSION:
                self.records = data.get("records", {})
        except (FileNotFoundError, ValueError, AttributeError):
            self.records = {}

    def fresh(self, key: str, inputs: str) -> bool:
        """True when `key` ran on the same inputs and its outputs are still as it left them."""
        record = self.records.get(key)
        if not record or record.get("in") != inputs:
            return False
        return all(file_digest(Path(p)) == d for p, d in record.get("out", {}).items())

    def record(self, key: str, inputs: str, outputs: Iterable[Path], **extra: object) -> None:
        """Remember that `key` ran on `inputs` and left `outputs` as they are now."""
        self.records[key] = {
            "in": inputs,
            "out": {str(p): file_digest(Path(p)) for p in outputs},
            **extra,
        }
        self.dirty = True

    def wrote(self, path: Path) -> None:
        """A step rewrote `path`: refresh its digest in every record that lists it as output."""
        name, digest = str(path), file_digest(Path(path))
        for record in self.records.values():
            outputs = record.get("out", {})
            if name in outputs and outputs[name] != digest:
                outputs[name] = digest
                self.dirty = True

    def get(self, key: str) -> dict:
        """The record of `key` ({} when none)."""
        return self.records.get(key, {})

    def forget(self, key: str) -> None:
        """Drop the record of `key` so the step runs next time."""
        if self.records.pop(key, None) is not None:
            self.dirty = True

    def save(self) -> None:
        """Write the state atomically when something changed."""
        if self.dirty:
            payload = {"version": STATE_VERSION, "records": self.records}
            atomic_write(self.path, json.dumps(payload, sort_keys=True, ensure_ascii=False))
            self.dirty = False

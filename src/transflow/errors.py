"""Typed errors that carry the file and line they are about."""

from __future__ import annotations

from pathlib import Path


class TransflowError(Exception):
    """Base error: a message for the user, optionally tied to a file and line."""

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class ConfigError(TransflowError):
    """transflow.toml is missing, malformed or inconsistent."""

    exit_code = 2


class SourceError(TransflowError):
    """A source article (or a page given to import) is invalid."""

    exit_code = 2


class CatalogError(TransflowError):
    """A PO/POT file is malformed."""

    exit_code = 2


class EngineError(TransflowError):
    """A machine translation engine failed."""

    exit_code = 3


class EngineUnavailable(EngineError):
    """The engine cannot run here (not installed, not configured)."""


class UnsupportedPair(EngineError):
    """The engine does not serve this language pair."""


class LockError(TransflowError):
    """Another transflow run holds the project lock."""

    exit_code = 4


class ServeError(TransflowError):
    """`transflow serve` cannot listen (the port is taken, or the address is not ours)."""

    exit_code = 5


class LexiconUnavailable(TransflowError):
    """A spelling dictionary or morphological analyser is missing (a Debian package to install)."""

    exit_code = 3

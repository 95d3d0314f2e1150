"""Apertium morphological analysers (lt-proc) as word lookups: a word with an analysis is known."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path

from transflow.errors import LexiconUnavailable

#: Where Debian's apertium-bel-rus puts its compiled analysers, per language.
DATA_DIRS = (Path("/usr/share/apertium/apertium-bel-rus"), Path("/usr/local/share/apertium"))
ANALYSERS = {"be": "bel-rus.automorf.bin", "ru": "rus-bel.automorf.bin"}
#: Words sent per write: small enough that a chunk always fits into the pipe's buffer.
_CHUNK = 200


def analyser_path(lang: str) -> Path:
    """The .automorf.bin analysing `lang`, or LexiconUnavailable naming the package to install."""
    name = ANALYSERS.get(lang)
    if name is None:
        raise LexiconUnavailable(f"no Apertium analyser for language {lang!r} (only be, ru)")
    for folder in DATA_DIRS:
        for path in (folder / name, folder / "apertium-bel-rus" / name):
            if path.is_file():
                return path
    raise LexiconUnavailable(
        f"Apertium analyser {name} not found: install the Debian package apertium-bel-rus"
    )


class Analyser:
    """One persistent `lt-proc -z -a` process: words in, null-separated analyses out."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.path = analyser_path(lang)
        self._exe = shutil.which("lt-proc")
        if self._exe is None:
            raise LexiconUnavailable("lt-proc not found: install the Debian package lttoolbox")
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def _start(self) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            [str(self._exe), "-z", "-a", str(self.path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        atexit.register(_stop, proc)
        return proc

    def close(self) -> None:
        """End the lt-proc process (a later lookup starts a new one)."""
        with self._lock:
            if self._proc is not None:
                _stop(self._proc)
                self._proc = None

    def known(self, words: Iterable[str]) -> set[str]:
        """The words (single tokens of letters, ' and -) that the analyser recognises."""
        todo = [w for w in dict.fromkeys(words) if _sendable(w)]
        out: set[str] = set()
        with self._lock:
            for i in range(0, len(todo), _CHUNK):
                chunk = todo[i : i + _CHUNK]
                for word, segment in zip(chunk, self._analyse(chunk), strict=True):
                    if _recognised(word, segment):
                        out.add(word)
        return out

    def _analyse(self, chunk: list[str]) -> list[str]:
        for attempt in (1, 2):
            if self._proc is None or self._proc.poll() is not None:
                self._proc = self._start()
            try:
                return _exchange(self._proc, chunk)
            except (BrokenPipeError, OSError, EOFError):
                _stop(self._proc)
                self._proc = None
                if attempt == 2:
                    break
        raise LexiconUnavailable(f"lt-proc failed on the analyser {self.path}")


def _exchange(proc: subprocess.Popen[bytes], chunk: list[str]) -> list[str]:
    """Send one chunk, null after each word, and read back one segment per word."""
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b"".join(w.encode("utf-8") + b"\0" for w in chunk))
    proc.stdin.flush()
    fd = proc.stdout.fileno()
    buf = bytearray()
    while buf.count(b"\0") < len(chunk):
        data = os.read(fd, 65536)
        if not data:
            raise EOFError("lt-proc ended")
        buf += data
    return buf.decode("utf-8").split("\0")[: len(chunk)]


def _sendable(word: str) -> bool:
    """Only plain words go to lt-proc: its stream format gives ^ $ / < > [ ] { } @ \\ a meaning."""
    return bool(word) and all(c.isalpha() or c in "'-" for c in word)


def _recognised(word: str, segment: str) -> bool:
    """True when the segment is one unit for the whole word with at least one analysis."""
    seg = segment.strip()
    if not (seg.startswith("^") and seg.endswith("$")) or seg.count("^") != 1:
        return False
    surface, _, analyses = seg[1:-1].partition("/")
    return surface == word and bool(analyses) and not analyses.startswith("*")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End the process at once: an analyser holds no work of ours between lookups, and letting
    lt-proc free its transducers after the pipe closes took 0.02 s."""
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()

"""The programs of one Apertium mode as a single stream: started once, fed segments, replies read.

Each segment is sent with a sentinel superblank after it; a NUL (Apertium's null flush, `-z`)
makes every program pass on what it holds. Segments that end a sentence share a flush
(`flush_groups`), and the sentinels split the reply back into one reply per segment.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import select
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence

from transflow.errors import EngineError, EngineUnavailable

INSTALL_HINT = "install the Debian package apertium-bel-rus (apt-get install apertium-bel-rus)"
#: a superblank we append to every segment to recognise true replies from flush NULs
SENTINEL = "[-tf-]"
#: a segment that ends like this ends a sentence: the next one may share its flush
_ENDS_SENTENCE = re.compile(r"[.!?…]\s*$")
#: segments sent between two flushes at most
FLUSH_GROUP = 32


def flush_groups(segments: Sequence[str]) -> list[int]:
    """The sizes of the runs of segments sent with one flush (NUL) after them.

    A flush after every segment costs Apertium's 14 programs a write and a wake-up each (5% of
    its time on 3,000 sentences). Segments that end a sentence are therefore sent together, up to
    FLUSH_GROUP: the sentence end keeps the tagger and the transfer rules from reaching across,
    and the sentinel after each segment splits the reply. A segment that does not end a sentence
    (a title, a word sent alone) closes its group.
    """
    sizes: list[int] = []
    size = 0
    for seg in segments:
        size += 1
        if size >= FLUSH_GROUP or not _ENDS_SENTENCE.search(seg):
            sizes.append(size)
            size = 0
    if size:
        sizes.append(size)
    return sizes


def _split_group(text: str, size: int) -> list[str] | None:
    """The replies of a group of `size` segments, or None when the sentinels do not split it
    back: a count that differs, text after the last one, or a sentence end that moved."""
    parts = text.split(SENTINEL)
    if len(parts) != size + 1 or parts[-1].strip():
        return None
    replies = parts[:-1]
    if any(not _ENDS_SENTENCE.search(r) for r in replies[:-1]):
        return None
    return replies


class Pipeline:
    """The programs of one Apertium mode, started once, fed NUL-separated segments."""

    def __init__(self, stages: list[list[str]], timeout: float = 120.0):
        self.stages = stages
        self.timeout = timeout
        self.procs: list[subprocess.Popen[bytes]] = []
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives with the pipeline
        self._pending = b""
        self._starting: tuple[threading.Thread, list[BaseException]] | None = None

    @property
    def alive(self) -> bool:
        """True when every program of the pipeline runs."""
        return bool(self.procs) and all(p.poll() is None for p in self.procs)

    def start_soon(self) -> None:
        """Start the programs in a thread (the caller goes on meanwhile); the next run() or
        close() waits for it, and run() raises what starting raised."""
        if self._starting is not None or self.alive:
            return
        failed: list[BaseException] = []

        def starter() -> None:
            try:
                self.start()
            except BaseException as exc:  # handed to run()
                failed.append(exc)

        thread = threading.Thread(target=starter, daemon=True, name="tf-apertium-start")
        self._starting = (thread, failed)
        thread.start()

    def _started(self) -> None:
        """Wait for a start_soon() in flight; raise what it raised."""
        if self._starting is None:
            return
        thread, failed = self._starting
        thread.join()
        self._starting = None
        if failed:
            raise failed[0]

    def start(self) -> None:
        """Start every program of the mode, stdout of each piped into the next."""
        self.close()
        self._pending = b""
        prev = subprocess.PIPE
        for argv in self.stages:
            if shutil.which(argv[0]) is None and not os.path.isfile(argv[0]):
                self.close()
                raise EngineUnavailable(f"Apertium program {argv[0]} not found: {INSTALL_HINT}")
            proc = subprocess.Popen(
                argv, stdin=prev, stdout=subprocess.PIPE, stderr=self._stderr, bufsize=0
            )
            if self.procs and self.procs[-1].stdout is not None:
                self.procs[-1].stdout.close()  # the child holds it now
            self.procs.append(proc)
            prev = proc.stdout

    def run(
        self,
        segments: Sequence[str],
        on_reply: Callable[[int, str], None] | None = None,
        *,
        grouped: bool = True,
    ) -> list[str]:
        """Translate encoded segments; one reply per segment, same order.

        `on_reply(index, reply)` is called as each reply arrives, while Apertium works on.
        Segments that end a sentence share a flush with the ones after them (`flush_groups`);
        a group whose reply does not split back into its segments is translated again one
        segment per flush (as every segment is with grouped=False), and its replies come last.
        """
        self._started()
        if not self.alive:
            self.start()
        stdin = self.procs[0].stdin
        stdout = self.procs[-1].stdout
        assert stdin is not None and stdout is not None
        groups = flush_groups(segments) if grouped else [1] * len(segments)

        def writer() -> None:
            with contextlib.suppress(OSError, ValueError):  # a program ended: the reader says so
                start = 0
                for size in groups:
                    body = "".join(seg + SENTINEL for seg in segments[start : start + size])
                    stdin.write(body.encode("utf-8") + b"\0")
                    start += size
                stdin.flush()

        thread = threading.Thread(target=writer, daemon=True)
        thread.start()
        replies: list[str | None] = [None] * len(segments)
        again: list[int] = []  # segments of groups that did not split back
        fd = stdout.fileno()
        start = 0
        try:
            for size in groups:
                while b"\0" not in self._pending:
                    ready, _, _ = select.select([fd], [], [], self.timeout)
                    if not ready:
                        raise self._failure(start, f"no reply within {self.timeout:g} s")
                    data = os.read(fd, 1 << 16)
                    if not data:
                        raise self._failure(start, "Apertium stopped")
                    self._pending += data
                chunk, self._pending = self._pending.split(b"\0", 1)
                parts = _split_group(chunk.decode("utf-8", errors="replace"), size)
                if parts is None:
                    if size == 1:
                        raise self._failure(start, "Apertium lost the segment")
                    again.extend(range(start, start + size))
                else:
                    for k, reply in enumerate(parts, start):
                        replies[k] = reply
                        if on_reply is not None:
                            on_reply(k, reply)
                start += size
        except BaseException:  # a failure, or one of on_reply: the stream's state is unknown
            for p in self.procs:  # first, so that a writer blocked on a full pipe gets EPIPE
                p.kill()
            thread.join(timeout=5)
            self.close(kill=True)  # only then are the pipes closed under the writer
            raise
        thread.join(timeout=5)
        if again:
            retried = self.run([segments[k] for k in again], grouped=False)
            for k, reply in zip(again, retried, strict=True):
                replies[k] = reply
                if on_reply is not None:
                    on_reply(k, reply)
        return replies  # type: ignore[return-value]

    def _failure(self, index: int, why: str) -> EngineError:
        self._stderr.seek(0)
        tail = self._stderr.read().decode("utf-8", "replace").strip().splitlines()[-3:]
        dead = [
            f"{os.path.basename(p.args[0])} (exit {p.returncode})"  # type: ignore[index]
            for p in self.procs
            if p.poll() is not None
        ]
        detail = "; ".join(x for x in [", ".join(dead), " | ".join(tail)] if x)
        return EngineError(
            f"{why} at segment {index} of the batch" + (f": {detail}" if detail else "")
        )

    def close(self, *, kill: bool = False) -> None:
        """Stop every program: their input is closed and they end in the background, or with
        kill (after a failure: one may hang) at once. Safe to call twice."""
        if self._starting is not None and self._starting[0] is not threading.current_thread():
            with contextlib.suppress(Exception):
                self._started()  # a failed start left nothing to stop
        procs, self.procs = self.procs, []
        for p in procs:
            for f in (p.stdin, p.stdout):
                if f is not None:
                    with contextlib.suppress(OSError):
                        f.close()
        if procs and kill:
            _end(procs, grace=0.0)
        elif procs:  # ending them takes 10 ms of the kernel's time: the caller goes on
            thread = threading.Thread(target=_end, args=(procs,), daemon=True)
            thread.start()
            _ENDING[:] = [t for t in _ENDING if t.is_alive()] + [thread]
        self._stderr.seek(0)
        self._stderr.truncate()


#: the threads ending closed pipelines' programs (joined at exit: no program outlives us)
_ENDING: list[threading.Thread] = []


def _ended() -> None:
    """At exit: wait for the programs of closed pipelines to end."""
    for thread in _ENDING:
        thread.join(timeout=5)
    _ENDING.clear()


atexit.register(_ended)


def _end(procs: list[subprocess.Popen[bytes]], grace: float = 2.0) -> None:
    """Wait for programs whose pipes are closed: at the end of their input they stop on their
    own (a kill would hold the interpreter's lock while the kernel tears each one down); one
    still running after `grace` seconds is killed. None is left a zombie."""
    deadline = time.monotonic() + grace
    for p in procs:
        try:
            p.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()

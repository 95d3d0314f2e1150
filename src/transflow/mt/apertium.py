"""Offline be<->ru machine translation with Apertium (Debian apertium-bel-rus) in one pipeline."""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import select
import shlex
import shutil
import subprocess
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from transflow.errors import EngineError, EngineUnavailable, UnsupportedPair
from transflow.mt.base import Draft, Engine, register
from transflow.mt.drafts import Decoded, DraftMaker
from transflow.mt.respell import Lexicons
from transflow.mt.supplement import configured

#: where Debian and a source build put the mode files
DEFAULT_MODE_DIRS = ("/usr/share/apertium/modes", "/usr/local/share/apertium/modes")
#: transflow language code -> Apertium code
APERTIUM_CODES = {"be": "bel", "ru": "rus"}
INSTALL_HINT = "install the Debian package apertium-bel-rus (apt-get install apertium-bel-rus)"

#: characters Apertium's stream format reserves (those apertium-destxt escapes): `{ }` open and
#: close chunks, the rest words and superblanks; escaped with a backslash in input (`^`, also
#: reserved, is set aside instead, below)
_RESERVED = set("$/<>@[]\\{}")
#: characters never sent but kept aside as superblanks: the unknown-word marks, `~` (Apertium's
#: post-generation step consumes it) and `^` (escaped, it stalls the pipeline at a segment's end)
_SET_ASIDE = "*#~^"
#: unknown-word marks Apertium writes in front of a word
_MARKS = "*#@"
#: inline placeholders of the segmenter: <b>, </b>, <a1>, </a1>, <c1/>
PLACEHOLDER_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9_-]*\s*/?>")
#: segments with no letter are copied, never sent
_HAS_LETTER = re.compile(r"[^\W\d_]")
#: a superblank we append to every segment to recognise true replies from flush NULs
_SENTINEL = "[-tf-]"


def needs_mt(text: str) -> bool:
    """True when the text holds at least one letter outside placeholders (else it is copied)."""
    return bool(_HAS_LETTER.search(PLACEHOLDER_RE.sub(" ", text)))


def find_mode(pair: str, mode_dirs: Sequence[str | Path] | None = None) -> Path:
    """Path of the Apertium mode file for a pair like 'rus-bel'; EngineUnavailable if missing."""
    for d in mode_dirs or DEFAULT_MODE_DIRS:
        p = Path(d) / f"{pair}.mode"
        if p.is_file():
            return p
    raise EngineUnavailable(f"Apertium mode {pair} not found: {INSTALL_HINT}")


def parse_mode(text: str, fix_tagger: bool = False) -> list[list[str]]:
    """The programs of a mode file as argument lists, each with null-flush (-z) switched on.

    With fix_tagger, `apertium-tagger` (which crashes on rus-bel) is replaced by
    `cg-proc -1 -n -w` on the constraint grammar of the preceding cg-proc step.
    """
    stages: list[list[str]] = []
    for raw in text.strip().split("|"):
        argv = [a for a in shlex.split(raw.replace("$1", "-g").replace("$2", "")) if a]
        if not argv:
            continue
        prog = argv[0]
        if fix_tagger and os.path.basename(prog) == "apertium-tagger":
            grammar = next(
                (s[-1] for s in reversed(stages) if os.path.basename(s[0]) == "cg-proc"), None
            )
            if grammar is None:
                raise EngineUnavailable("cannot replace apertium-tagger: no cg-proc in the mode")
            argv = ["cg-proc", "-z", "-1", "-n", "-w", grammar]
        elif "-z" not in argv:
            argv.insert(1, "-z")
        stages.append(argv)
    if not stages:
        raise EngineUnavailable("empty Apertium mode file")
    return stages


def encode(text: str, protected: list[str]) -> str:
    """Escape text for Apertium; placeholders and `*`, `#`, `~`, `^` become indexed superblanks."""
    out: list[str] = []
    pos = 0
    for m in PLACEHOLDER_RE.finditer(text):
        out.append(_escape_plain(text[pos : m.start()], protected))
        protected.append(m.group())
        out.append(f"[{len(protected) - 1}]")
        pos = m.end()
    out.append(_escape_plain(text[pos:], protected))
    return "".join(out)


#: any character `_escape_plain` would change (private-use ones included; unassigned ones and
#: surrogates are not printable, so `str.isprintable` sends them down the slow path)
_SPECIAL = re.compile(
    "["
    + re.escape("".join(sorted(_RESERVED)) + _SET_ASIDE)
    + "\0\ue000-\uf8ff\U000f0000-\U0010ffff]"
)


def _escape_plain(text: str, protected: list[str]) -> str:
    if text.isprintable() and not _SPECIAL.search(text):
        return text  # the common case: nothing to escape
    buf: list[str] = []
    for ch in text:
        if ch in _SET_ASIDE or (ch >= "\x80" and unicodedata.category(ch) in ("Cn", "Co")):
            protected.append(ch)  # unassigned and private-use characters are no word either
            buf.append(f"[{len(protected) - 1}]")
        elif ch in _RESERVED:
            buf.append("\\" + ch)
        elif ch == "\0":
            buf.append(" ")
        elif "\ud800" <= ch <= "\udfff":  # a lone surrogate cannot be sent as UTF-8
            buf.append("\ufffd")
        else:
            buf.append(ch)
    return "".join(buf)


#: tokens of Apertium output: an escaped character, a superblank, a marked word, plain text
_TOKEN = re.compile(
    r"(?P<esc>\\.)|(?P<sb>\[(?:\\.|[^\]\\])*\]?)|[*#@](?P<unk>[\w'’ʼ-]+)|(?P<plain>[^\\\[*#@]+|.)",
    re.DOTALL,
)
_UNESCAPE = re.compile(r"\\(.)")


def decode(out: str, protected: list[str]) -> tuple[list[tuple[str, bool]], list[str]]:
    """Split Apertium output into (piece, is_unknown_word) pieces and the list of unknown words."""
    pieces: list[tuple[str, bool]] = []
    unknown: list[str] = []
    plain: list[str] = []
    for m in _TOKEN.finditer(out):
        kind = m.lastgroup
        if kind == "plain":
            plain.append(m.group())
        elif kind == "esc":
            plain.append(m.group()[1])
        elif kind == "sb":
            inner = m.group()[1:-1] if m.group().endswith("]") else m.group()[1:]
            if inner.isdigit() and int(inner) < len(protected):
                plain.append(protected[int(inner)])
            elif inner != _SENTINEL[1:-1]:
                plain.append(_UNESCAPE.sub(r"\1", inner))
        else:
            if plain:
                pieces.append(("".join(plain), False))
                plain = []
            word = m.group("unk")
            pieces.append((word, True))
            unknown.append(word)
    if plain:
        pieces.append(("".join(plain), False))
    return pieces, unknown


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
    parts = text.split(_SENTINEL)
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
        write_error: list[BaseException] = []

        def writer() -> None:
            try:
                start = 0
                for size in groups:
                    body = "".join(seg + _SENTINEL for seg in segments[start : start + size])
                    stdin.write(body.encode("utf-8") + b"\0")
                    start += size
                stdin.flush()
            except (BrokenPipeError, OSError, ValueError) as exc:
                write_error.append(exc)

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
            self.close(kill=True)
            raise
        finally:
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


@register("apertium")
class ApertiumEngine(Engine):
    """Apertium be<->ru with exact segment boundaries, kept placeholders and adapted unknown words.

    adapt=True adapts unknown words to the target orthography and post-edits systematic errors;
    adapt=False gives raw Apertium output (unknown-word marks removed) for comparison;
    disabled_rules names orthography/post-edit rules to skip (see transflow.mt.orthography);
    supplement names a file of extra dictionary entries (see transflow.mt.supplement), or is
    False to use none; by default the packaged one is used.
    """

    name = "apertium"
    pairs = frozenset({("be", "ru"), ("ru", "be")})
    reports_dropped = True

    def __init__(
        self,
        mode_dirs: Sequence[str] | None = None,
        adapt: bool = True,
        fix_tagger: bool = True,
        timeout: float = 120.0,
        disabled_rules: Sequence[str] = (),
        supplement: str | bool | None = None,
    ):
        self.disabled_rules = frozenset(disabled_rules)
        self.supplement = configured(supplement) if adapt else None
        self.mode_dirs = list(mode_dirs) if mode_dirs else None
        self.adapt = adapt
        self.fix_tagger = fix_tagger
        self.timeout = timeout
        self._pipes: dict[tuple[str, str], Pipeline] = {}
        self._lexicons = Lexicons()
        # fail early (at configuration time) when neither direction is installed
        found = []
        for code in ("bel-rus", "rus-bel"):
            with contextlib.suppress(EngineUnavailable):
                found.append(find_mode(code, self.mode_dirs))
        if not found:
            raise EngineUnavailable(f"Apertium be<->ru is not installed: {INSTALL_HINT}")

    def _pipeline(self, src: str, tgt: str) -> Pipeline:
        key = (src, tgt)
        if key not in self._pipes:
            code = f"{APERTIUM_CODES[src]}-{APERTIUM_CODES[tgt]}"
            mode = find_mode(code, self.mode_dirs)
            # the shipped rus->bel tagger segfaults; bel->rus works as shipped
            fix = self.fix_tagger and code == "rus-bel"
            stages = parse_mode(mode.read_text(encoding="utf-8"), fix_tagger=fix)
            self._pipes[key] = Pipeline(stages, timeout=self.timeout)
        return self._pipes[key]

    def prepare(self, src: str, tgt: str) -> None:
        """Start the pair's programs now: they load their dictionaries while the caller reads
        its catalogs (about 0.15 s of start-up that would otherwise come before the first reply)."""
        if self.supports(src, tgt):
            self._pipeline(src, tgt).start_soon()

    def translate_batch(self, texts: Sequence[str], src: str, tgt: str) -> list[str | None]:
        """Translate every text; empty or letterless texts are copied."""
        return [None if d is None else d.text for d in self.translate_drafts(texts, src, tgt)]

    def translate_drafts(self, texts: Sequence[str], src: str, tgt: str) -> list[Draft | None]:
        """Translate every text, reporting the words Apertium did not know."""
        if not self.supports(src, tgt):
            raise UnsupportedPair(f"engine {self.name!r} does not translate {src}->{tgt}")
        results: list[Draft | None] = [
            Draft(text=t, engine="copy") if not needs_mt(t) else None for t in texts
        ]
        todo = [i for i, t in enumerate(texts) if results[i] is None]
        if not todo:
            return results
        pipe = self._pipeline(src, tgt)
        if self.adapt:
            self._lexicons.prefetch(tgt)  # loads while Apertium translates
        protected: list[list[str]] = []
        encoded: list[str] = []
        for i in todo:
            prot: list[str] = []
            encoded.append(encode(texts[i], prot))
            protected.append(prot)
        maker = (
            DraftMaker(
                [texts[i] for i in todo],
                src,
                tgt,
                self._lexicons,
                self.disabled_rules,
                supplement=self.supplement,
            )
            if self.adapt
            else None
        )

        def on_reply(k: int, reply: str) -> None:
            if maker is not None:
                maker.add(k, decode(reply, protected[k]))

        try:
            replies = pipe.run(encoded, on_reply)
        except EngineError as exc:
            m = re.search(r"at segment (\d+) of the batch", exc.message)
            if m:  # name the index in the caller's list, not in the sent sub-list
                k = int(m.group(1))
                orig = todo[k] if k < len(todo) else len(texts)
                exc.message = exc.message.replace(m.group(0), f"at segment {orig} of the batch")
                exc.args = (exc.message,)
            raise
        if not self.adapt:
            for i, reply, prot in zip(todo, replies, protected, strict=True):
                pieces, unknown = decode(reply, prot)
                text = _keep_blanks(texts[i], "".join(w for w, _ in pieces))
                results[i] = Draft(text=text, engine=self.name, unknown_words=_unique(unknown))
            return results

        def alone(words: list[str]) -> list[Decoded]:
            prots: list[list[str]] = [[] for _ in words]
            out = pipe.run([encode(w, p) for w, p in zip(words, prots, strict=True)])
            return [decode(r, p) for r, p in zip(out, prots, strict=True)]

        assert maker is not None
        drafts = maker.finish(alone)
        for i, draft in zip(todo, drafts, strict=True):
            results[i] = draft
        return results

    def close(self) -> None:
        """Stop every pipeline. Safe to call twice."""
        for pipe in self._pipes.values():
            pipe.close()


def _unique(words: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(words))


def _keep_blanks(source: str, text: str) -> str:
    """`text` with the source's surrounding whitespace exactly."""
    lead = source[: len(source) - len(source.lstrip())]
    trail = source[len(source.rstrip()) :]
    return lead + text.strip() + trail

"""Offline be<->ru machine translation with Apertium (Debian apertium-bel-rus) in one pipeline."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from transflow.errors import EngineError, EngineUnavailable, UnsupportedPair
from transflow.mt.base import Draft, Engine, register
from transflow.mt.drafts import Decoded, DraftMaker
from transflow.mt.respell import Lexicons
from transflow.mt.stream import INSTALL_HINT, SENTINEL, Pipeline
from transflow.mt.supplement import Supplement, configured, load

#: where Debian and a source build put the mode files
DEFAULT_MODE_DIRS = ("/usr/share/apertium/modes", "/usr/local/share/apertium/modes")
#: transflow language code -> Apertium code
APERTIUM_CODES = {"be": "bel", "ru": "rus"}

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
            elif inner != SENTINEL[1:-1]:
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
        self._supplement_option = supplement if adapt else False
        self._supplement: Supplement | None = None
        if isinstance(supplement, str) and adapt:
            load(supplement)  # a bad file of the project is named now, not in the middle of a run
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

    @property
    def supplement(self) -> Supplement | None:
        """The supplementary dictionary, read when first needed: its 5,000 entries then load
        while Apertium's programs start, not before."""
        if self._supplement_option is not False and self._supplement is None:
            self._supplement = configured(self._supplement_option)
        return self._supplement

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
        its catalogs (about 0.1 s of start-up that would otherwise come before the first reply).
        They start in a thread; a program that cannot start is reported by the batch."""
        if self.supports(src, tgt):
            with contextlib.suppress(EngineUnavailable):  # no mode for the pair: the batch says
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

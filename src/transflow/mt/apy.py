"""Apertium APy engine: the Apertium pairs served over HTTP by `apertium-apy` (scale-out)."""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from transflow.errors import EngineError
from transflow.mt.apertium import PLACEHOLDER_RE, find_mode
from transflow.mt.base import Draft, register
from transflow.mt.drafts import Decoded, finish_drafts
from transflow.mt.http import HttpEngine, HttpPolicy, TransientError, with_retries
from transflow.mt.orthography import adapt_word, post_edit
from transflow.mt.respell import Lexicons
from transflow.mt.supplement import configured

#: transflow code -> Apertium code
APY_CODES = {"be": "bel", "ru": "rus", "en": "eng", "uk": "ukr"}
_BACK = {v: k for k, v in APY_CODES.items()}
#: a word APy marked: * unknown, # generation error, @ transfer error
_MARKED = re.compile(r"(?<![\w*#@])[*#@](\w[\w'’ʼ-]*)")
_TAGGER = re.compile(
    r"cg-proc\s+-w\s+('[^']*\.rlx\.bin'|\S+\.rlx\.bin)\s*\|\s*apertium-tagger\s+[^|]*"
)


def fixed_modes(folder: str | Path, mode_dirs: Sequence[str | Path] | None = None) -> Path:
    """Write a modes folder for `apertium-apy`: bel-rus as shipped, rus-bel with the tagger fixed.

    Debian's rus-bel tagger segfaults (APy then answers 503); the fixed mode runs
    `cg-proc -1 -n -w` on the constraint grammar instead, as the local Apertium engine does.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for pair in ("bel-rus", "rus-bel"):
        text = find_mode(pair, mode_dirs).read_text(encoding="utf-8")
        if pair == "rus-bel":
            text, n = _TAGGER.subn(lambda m: f"cg-proc -1 -n -w {m.group(1)} ", text)
            if n != 1:
                raise EngineError(f"cannot fix the tagger step of {pair}.mode (format changed?)")
        (folder / f"{pair}.mode").write_text(text, encoding="utf-8")
    return folder


def _escape(text: str) -> str:
    """HTML-escape text outside our placeholders (APy's default format is HTML)."""
    out, pos = [], 0
    for m in PLACEHOLDER_RE.finditer(text):
        out.append(html.escape(text[pos : m.start()], quote=False))
        out.append(m.group())
        pos = m.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


@register("apy")
class ApyEngine(HttpEngine):
    """An `apertium-apy` server (or a load balancer in front of several): POST /translate.

    Unknown words come back marked; the marks are removed, the words reported and (adapt=True)
    respelled in the target orthography like the local Apertium engine does.
    """

    provider = "apy"
    reports_dropped = True
    codes = APY_CODES
    policy_defaults = {"concurrency": 8, "max_chars": 10000, "timeout": 60.0}

    def __init__(
        self,
        name: str | None = None,
        url: str = "http://127.0.0.1:2737",
        adapt: bool = True,
        disabled_rules: Sequence[str] = (),
        supplement: str | bool | None = None,
        **options: Any,
    ):
        policy = HttpPolicy.from_options(options, self.policy_defaults)
        if options:
            raise TypeError(f"unknown option(s) for apy: {', '.join(sorted(options))}")
        self.url = url.rstrip("/")
        self.adapt = adapt
        self.disabled_rules = frozenset(disabled_rules)
        super().__init__(name or "apy", policy, allowed=[self.url])
        self._pairs: set[tuple[str, str]] | None = None
        self._unknown: dict[str, list[str]] = {}
        self._unknown_lock = threading.Lock()
        self._lexicons = Lexicons()
        self.supplement = configured(supplement) if adapt else None
        # drafts depend on the supplement's entries: a changed file must not serve old drafts
        self.cache_salt = "#supplement:" + (self.supplement.digest if self.supplement else "-")

    def served_pairs(self) -> set[tuple[str, str]]:
        """Pairs the server lists at GET /listPairs (asked once), in transflow codes."""
        if self._pairs is None:

            def fetch() -> str:
                return self.client.request("GET", self.url + "/listPairs").text

            import json

            data = json.loads(with_retries(fetch, self.policy))
            self._pairs = {
                (
                    _BACK.get(p["sourceLanguage"], p["sourceLanguage"]),
                    _BACK.get(p["targetLanguage"], p["targetLanguage"]),
                )
                for p in data.get("responseData", [])
            }
        return self._pairs

    def supports(self, src: str, tgt: str) -> bool:
        """True when the server lists the pair (assume yes when it cannot be asked)."""
        try:
            return (src, tgt) in self.served_pairs()
        except (EngineError, ValueError, KeyError, TypeError, AttributeError):
            return True

    def request_one(self, text: str, src: str, tgt: str) -> str:
        """One POST /translate; returns the text with marks removed (unknown words noted)."""
        literal_marks = any(c in text for c in "*#@")
        form = {
            "langpair": f"{src}|{tgt}",
            "q": _escape(text),
            "markUnknown": "no" if literal_marks else "yes",
        }
        resp = self.client.request("POST", self.url + "/translate", data=form)
        try:
            data = resp.json()
            out = data["responseData"]["translatedText"]
        except (ValueError, KeyError, TypeError):
            raise TransientError(f"{self.name}: malformed answer: {resp.text[:80]!r}") from None
        if not isinstance(out, str):
            raise TransientError(f"{self.name}: malformed answer (translatedText)")
        s, t = _BACK.get(src, src), _BACK.get(tgt, tgt)
        unknown: list[str] = []
        if self.adapt and not literal_marks:
            return out  # marks kept: translate_drafts finishes the draft like the local engine
        if not literal_marks:

            def fix(m: re.Match[str]) -> str:
                unknown.append(m.group(1))
                if self.adapt:
                    return adapt_word(m.group(1), s, t, self.disabled_rules)
                return m.group(1)

            out = _MARKED.sub(fix, out)
        if self.adapt:
            out = post_edit(out, s, t, self.disabled_rules)
        with self._unknown_lock:
            self._unknown[text] = unknown
        return out

    def translate_drafts(self, texts: Sequence[str], src: str, tgt: str) -> list[Draft | None]:
        """Translate, reporting the words Apertium did not know."""
        if self.adapt:
            return self._finished(texts, src, tgt)
        drafts = super().translate_drafts(texts, src, tgt)
        with self._unknown_lock:
            for text, draft in zip(texts, drafts, strict=True):
                if draft is None or draft.engine == "copy":
                    continue
                core = text.strip()
                words = self._unknown.pop(core, None)
                if words is None:  # split into pieces: gather every piece's words
                    words = []
                    for piece in [k for k in self._unknown if k in core]:
                        words += self._unknown.pop(piece)
                draft.unknown_words = list(dict.fromkeys(words))
            self._unknown.clear()
        return drafts

    def _finished(self, texts: Sequence[str], src: str, tgt: str) -> list[Draft | None]:
        """Drafts made like the local engine's (`transflow.mt.drafts`) from the marked replies."""
        self._lexicons.prefetch(tgt)
        drafts = HttpEngine.translate_drafts(self, texts, src, tgt)
        todo = [i for i, d in enumerate(drafts) if d is not None and d.engine == self.name]
        if not todo:
            return drafts

        def alone(words: list[str]) -> list[Decoded]:
            out = HttpEngine.translate_drafts(self, words, src, tgt)
            return [_marked_pieces(w, d.text if d else w) for w, d in zip(words, out, strict=True)]

        decoded = [_marked_pieces(texts[i], drafts[i].text) for i in todo]  # type: ignore[union-attr]
        done = finish_drafts(
            [texts[i] for i in todo],
            decoded,
            src,
            tgt,
            self._lexicons,
            alone,
            self.disabled_rules,
            engine=self.name,
            supplement=self.supplement,
        )
        for i, draft in zip(todo, done, strict=True):
            drafts[i] = draft
        return drafts


def _marked_pieces(source: str, out: str) -> Decoded:
    """APy's output as (piece, is_unknown) pieces; a source with literal marks has none."""
    if any(c in source for c in "*#@"):
        return [(out, False)], []
    pieces: list[tuple[str, bool]] = []
    unknown: list[str] = []
    pos = 0
    for m in _MARKED.finditer(out):
        if m.start() > pos:
            pieces.append((out[pos : m.start()], False))
        pieces.append((m.group(1), True))
        unknown.append(m.group(1))
        pos = m.end()
    if pos < len(out):
        pieces.append((out[pos:], False))
    return pieces, unknown

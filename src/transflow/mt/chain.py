"""The engine chain: copy what needs no MT, protect glossary terms, first engine wins."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from transflow.errors import EngineUnavailable, UnsupportedPair
from transflow.mt.apertium import needs_mt
from transflow.mt.base import Context, Draft, Engine


class GlossaryLike(Protocol):
    """What the chain needs of a glossary: term matches with character offsets."""

    def matches(self, text: str, src: str, tgt: str) -> list[Any]:
        """Matches with .start, .end, .source and .target."""
        ...


@dataclasses.dataclass
class _Protected:
    """A text with glossary terms replaced by placeholders, and what each placeholder becomes."""

    text: str
    targets: dict[str, str]


def protect(text: str, matches: Sequence[Any]) -> _Protected:
    """Replace every (non-overlapping) glossary match by a placeholder <gN/> unused in the text."""
    targets: dict[str, str] = {}
    out: list[str] = []
    pos, n = 0, 1
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start < pos or m.end <= m.start or m.end > len(text):
            continue  # overlapping or out of range
        while f"<g{n}/>" in text:
            n += 1
        tag = f"<g{n}/>"
        n += 1
        targets[tag] = m.target
        out.append(text[pos : m.start])
        out.append(tag)
        pos = m.end
    out.append(text[pos:])
    return _Protected("".join(out), targets)


def restore(text: str, prot: _Protected) -> tuple[str, list[str]]:
    """Put glossary targets back for their placeholders; report placeholders the engine lost."""
    lost = []
    for tag, target in prot.targets.items():
        if tag in text:
            text = text.replace(tag, target)
        else:
            lost.append(tag)
    return text, lost


class Chain:
    """Engines tried in order per segment; glossary terms protected; one batch per engine."""

    def __init__(self, engines: list[Engine], glossary: GlossaryLike | None = None):
        self.engines = list(engines)
        self.glossary = glossary
        self.problems: list[str] = []

    def prepare(self, src: str, tgt: str) -> None:
        """Let every engine get ready for src -> tgt (see Engine.prepare)."""
        for engine in self.engines:
            engine.prepare(src, tgt)

    def translate(
        self,
        texts: Sequence[str],
        src: str,
        tgt: str,
        titles: Mapping[str, str] | None = None,
    ) -> list[Draft | None]:
        """One Draft per text (None where no engine served it), in input order.

        `titles` (text -> its article's title) reaches engines that want context; so does the
        glossary. Engines that handle the glossary themselves get the terms unprotected.
        """
        context = Context(dict(titles or {}), self.glossary)
        results: list[Draft | None] = [None] * len(texts)
        groups: dict[str, list[int]] = {}
        for i, t in enumerate(texts):
            if not needs_mt(t):
                results[i] = Draft(text=t, engine="copy")
            else:
                groups.setdefault(t, []).append(i)
        uniques = list(groups)
        # inflected occurrences are left to MT: putting back the nominative form would be wrong
        prots = [
            protect(
                t,
                [
                    m
                    for m in self.glossary.matches(t, src, tgt)
                    if not getattr(m, "inflected", False)
                ]
                if self.glossary
                else [],
            )
            for t in uniques
        ]
        pending = list(range(len(uniques)))
        for engine in self.engines:
            if not pending:
                break
            # engines that look texts up (translation memory) get them as written in the catalog
            raw = getattr(engine, "wants_raw_text", False) or getattr(
                engine, "handles_glossary", False
            )
            batch = [uniques[k] if raw else prots[k].text for k in pending]
            try:
                if getattr(engine, "wants_context", False):
                    ctx = context.renamed(zip([uniques[k] for k in pending], batch, strict=True))
                    drafts = engine.translate_drafts(batch, src, tgt, context=ctx)
                else:
                    drafts = engine.translate_drafts(batch, src, tgt)
            except (UnsupportedPair, EngineUnavailable) as exc:
                self.problems.append(f"{engine.name}: {exc}")
                continue
            still: list[int] = []
            for k, draft in zip(pending, drafts, strict=True):
                if draft is None:
                    still.append(k)
                    continue
                if raw:
                    for i in groups[uniques[k]]:
                        results[i] = dataclasses.replace(draft)
                    continue
                text, lost = restore(draft.text, prots[k])
                note = draft.note
                if lost:
                    note = (note + "; " if note else "") + "glossary term lost by MT"
                    text = _append_terms(text, [prots[k].targets[t] for t in lost])
                final = dataclasses.replace(draft, text=text, note=note)
                for i in groups[uniques[k]]:
                    results[i] = dataclasses.replace(final, unknown_words=list(final.unknown_words))
            pending = still
        return results

    def close(self) -> None:
        """Close every engine."""
        for engine in self.engines:
            engine.close()


def _append_terms(text: str, terms: list[str]) -> str:
    """Keep lost glossary targets visible to the reviewer rather than dropping them."""
    m = re.search(r"[.!?…]*\s*$", text)
    end = m.start() if m else len(text)
    return text[:end] + " [" + ", ".join(terms) + "]" + text[end:]

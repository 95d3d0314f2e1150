"""Pivot translation: src -> via -> tgt through two engines (en->ru by a provider, ru->be)."""

from __future__ import annotations

from collections.abc import Sequence

from transflow.errors import UnsupportedPair
from transflow.mt.apertium import needs_mt
from transflow.mt.base import Context, Draft, Engine


class PivotEngine(Engine):
    """Two legs through a pivot language; provenance names both ("google>apertium").

    `legs` are given for one direction (e.g. [google, apertium] for en->ru->be); the other
    direction (be->ru->en) uses them the other way round. For each pair the order that serves
    it is chosen: the first leg must serve src->via, the second via->tgt.
    """

    #: titles and glossary are passed on to the legs that want them
    wants_context = True

    def __init__(self, legs: Sequence[Engine], via: str = "ru", name: str = "pivot"):
        if len(legs) != 2:
            raise TypeError("a pivot needs exactly two legs")
        self.legs = list(legs)
        self.via = via
        self.name = name

    def route(self, src: str, tgt: str) -> tuple[Engine, Engine] | None:
        """The (first, second) legs for src -> tgt, or None when no order serves it."""
        if self.via in (src, tgt) or src == tgt:
            return None
        a, b = self.legs
        for first, second in ((a, b), (b, a)):
            if first.supports(src, self.via) and second.supports(self.via, tgt):
                return first, second
        return None

    def supports(self, src: str, tgt: str) -> bool:
        """True when one order of the legs serves src -> via -> tgt."""
        return self.route(src, tgt) is not None

    def translate_batch(self, texts: Sequence[str], src: str, tgt: str) -> list[str | None]:
        """Translate through the pivot language."""
        return [None if d is None else d.text for d in self.translate_drafts(texts, src, tgt)]

    def translate_drafts(
        self, texts: Sequence[str], src: str, tgt: str, context: Context | None = None
    ) -> list[Draft | None]:
        """First leg for every text, second leg for what the first served."""
        route = self.route(src, tgt)
        if route is None:
            raise UnsupportedPair(f"pivot {self.name!r} cannot translate {src}->{self.via}->{tgt}")
        first, second = route
        results: list[Draft | None] = [
            None if needs_mt(t) else Draft(text=t, engine="copy") for t in texts
        ]
        send = [i for i, r in enumerate(results) if r is None]
        if not send:
            return results
        middle: dict[int, Draft | None] = dict(
            zip(
                send,
                _leg(first, [texts[i] for i in send], src, self.via, context),
                strict=True,
            )
        )
        todo = [i for i in send if middle[i] is not None]
        if not todo:
            return results
        between = [middle[i].text for i in todo]  # type: ignore[union-attr]
        if context is not None:
            context = context.renamed(zip([texts[i] for i in todo], between, strict=True))
        final = _leg(second, between, self.via, tgt, context)
        for i, d2 in zip(todo, final, strict=True):
            d1 = middle[i]
            if d2 is None or d1 is None:
                continue
            engine = f"{d1.engine}>{d2.engine}"
            notes = [n for n in (d1.note, d2.note) if n]
            notes.append(f"via {self.via}: {d1.text}")
            results[i] = Draft(
                text=d2.text,
                engine=engine,
                unknown_words=list(dict.fromkeys([*d1.unknown_words, *d2.unknown_words])),
                note="; ".join(notes),
                dropped_words=list(d2.dropped_words),
            )
        return results

    def close(self) -> None:
        """The legs belong to the EngineSet, which closes them."""


def _leg(
    engine: Engine, texts: list[str], src: str, tgt: str, context: Context | None
) -> list[Draft | None]:
    """One leg's drafts, with the context when the leg wants it."""
    if context is not None and getattr(engine, "wants_context", False):
        return engine.translate_drafts(texts, src, tgt, context=context)  # type: ignore[call-arg]
    return engine.translate_drafts(texts, src, tgt)

"""The engine interface shared by every MT engine, its result type and the engine registry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from transflow.errors import UnsupportedPair


@dataclass
class Draft:
    """A machine (or memory) translation of one segment, with what a reviewer should know."""

    text: str
    engine: str  # provenance, e.g. "apertium" or "google>apertium" for a pivot
    unknown_words: list[str] = field(default_factory=list)
    score: float | None = None  # 0-100 for memory matches, None for MT
    note: str = ""  # extra provenance for the PO comment
    dropped_words: list[str] = field(default_factory=list)  # source words the engine lost


class Engine:
    """Base class of every engine. Subclasses set `name` and implement `translate_batch`.

    `translate_batch(texts, src, tgt)` returns one item per input text: the translation, or None
    when this engine cannot serve that segment (so the next engine of the chain gets it).
    Engines raise UnsupportedPair for a pair they do not serve, EngineUnavailable when they cannot
    run here and EngineError when they fail.
    """

    name: str = "engine"
    #: language pairs served, e.g. {("ru", "be")}; None means "ask supports()"
    pairs: frozenset[tuple[str, str]] | None = None

    def supports(self, src: str, tgt: str) -> bool:
        """True when the engine serves the pair src -> tgt."""
        return self.pairs is None or (src, tgt) in self.pairs

    def check_pair(self, src: str, tgt: str) -> None:
        """Raise UnsupportedPair unless the pair is served."""
        if not self.supports(src, tgt):
            raise UnsupportedPair(f"engine {self.name!r} does not translate {src}->{tgt}")

    def translate_batch(self, texts: Sequence[str], src: str, tgt: str) -> list[str | None]:
        """Translate every text; None where this engine cannot serve the segment."""
        raise NotImplementedError

    def translate_drafts(self, texts: Sequence[str], src: str, tgt: str) -> list[Draft | None]:
        """Like translate_batch, with provenance and notes. Engines may override for detail."""
        return [
            None if out is None else Draft(text=out, engine=self.name)
            for out in self.translate_batch(texts, src, tgt)
        ]

    def close(self) -> None:
        """Release processes, connections or files. Safe to call twice."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FakeEngine(Engine):
    """A deterministic engine for tests: tags each text with the target language."""

    name = "fake"

    def __init__(self, pairs: set[tuple[str, str]] | None = None, fail_on: str | None = None):
        self.pairs = frozenset(pairs) if pairs is not None else None
        self.fail_on = fail_on
        self.calls: list[list[str]] = []

    def translate_batch(self, texts: Sequence[str], src: str, tgt: str) -> list[str | None]:
        """Return `[tgt] text` for every text; None for texts containing `fail_on`."""
        self.check_pair(src, tgt)
        self.calls.append(list(texts))
        return [
            None if (self.fail_on and self.fail_on in t) else f"[{tgt}] {t}" if t else t
            for t in texts
        ]


EngineFactory = Callable[..., Engine]
_REGISTRY: dict[str, EngineFactory] = {}


def register(type_name: str) -> Callable[[EngineFactory], EngineFactory]:
    """Class decorator: make an engine constructible by its type name from transflow.toml."""

    def deco(factory: EngineFactory) -> EngineFactory:
        _REGISTRY[type_name] = factory
        return factory

    return deco


def create(type_name: str, **options: Any) -> Engine:
    """Build an engine by type name with options from the configuration."""
    from transflow.errors import ConfigError

    if type_name not in _REGISTRY:
        known = ", ".join(sorted(_REGISTRY))
        raise ConfigError(f"unknown engine type {type_name!r} (known: {known})")
    return _REGISTRY[type_name](**options)


def registered() -> list[str]:
    """Names of every registered engine type."""
    return sorted(_REGISTRY)


register("fake")(FakeEngine)

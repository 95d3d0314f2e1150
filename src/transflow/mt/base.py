"""The engine interface shared by every MT engine, its result type and the engine registry."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
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
    memory_match: str = ""  # a similar memory unit for the reviewer (the `tm:` comment)


@dataclass(frozen=True)
class Context:
    """What a batch is about, for engines that ask for it (`wants_context`): titles, glossary.

    `titles` maps a segment text to the title of its article; `glossary` is the run's term base
    (anything with `matches` and `missing_terms`, or None).
    """

    titles: Mapping[str, str] = field(default_factory=dict)
    glossary: Any = None

    def title(self, text: str) -> str:
        """The title of the article the text comes from ("" when unknown)."""
        return self.titles.get(text, "")

    def renamed(self, pairs: Iterable[tuple[str, str]]) -> Context:
        """The same context for rewritten texts, given (old text, new text) pairs."""
        titles = {new: self.titles[old] for old, new in pairs if old in self.titles}
        return Context(titles, self.glossary)


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
    #: True when the engine's drafts list the source words it dropped (`Draft.dropped_words`)
    reports_dropped: bool = False

    def supports(self, src: str, tgt: str) -> bool:
        """True when the engine serves the pair src -> tgt."""
        return self.pairs is None or (src, tgt) in self.pairs

    def check_pair(self, src: str, tgt: str) -> None:
        """Raise UnsupportedPair unless the pair is served."""
        if not self.supports(src, tgt):
            raise UnsupportedPair(f"engine {self.name!r} does not translate {src}->{tgt}")

    def prepare(self, src: str, tgt: str) -> None:
        """Get ready for a batch of src -> tgt without waiting (start processes); never raises:
        what fails shows in the batch. A pair the engine does not serve is ignored."""

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


EngineFactory = Callable[..., Engine]
_REGISTRY: dict[str, EngineFactory] = {}


def register(type_name: str) -> Callable[[EngineFactory], EngineFactory]:
    """Class decorator: make an engine constructible by its type name from transflow.toml."""

    def deco(factory: EngineFactory) -> EngineFactory:
        _REGISTRY[type_name] = factory
        return factory

    return deco


def create(type_name: str, known: Sequence[str] = (), **options: Any) -> Engine:
    """Build an engine by type name with options from the configuration.

    A type of the form `package.module:Class` names an engine class outside transflow (a plugin,
    or a test double), imported on demand. `known` lists the built-in types for the error message.
    """
    from transflow.errors import ConfigError

    if ":" in type_name:
        return _plugin(type_name)(**options)
    if type_name not in _REGISTRY:
        names = ", ".join(sorted(set(known) | set(_REGISTRY)))
        raise ConfigError(
            f"unknown engine type {type_name!r} (known: {names}, or module:Class for a plugin)"
        )
    return _REGISTRY[type_name](**options)


def _plugin(reference: str) -> EngineFactory:
    """The engine class a `module:Class` reference names."""
    from transflow.errors import ConfigError

    module_name, _, class_name = reference.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(
            f"engine type {reference!r}: cannot import {module_name}: {exc}"
        ) from None
    factory = getattr(module, class_name, None)
    if not (isinstance(factory, type) and issubclass(factory, Engine)):
        raise ConfigError(f"engine type {reference!r}: {class_name} is not an Engine class")
    return factory


def registered() -> list[str]:
    """Names of every registered engine type."""
    return sorted(_REGISTRY)

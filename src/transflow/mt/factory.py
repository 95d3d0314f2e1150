"""Build engines and chains from the configuration (engines are created once per run)."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from transflow.errors import ConfigError, EngineUnavailable
from transflow.mt import base

if TYPE_CHECKING:
    from transflow.pipeline.config import Config

#: engine type -> module that registers it (imported only when the type is used)
ENGINE_MODULES = {
    "apertium": "transflow.mt.apertium",
    "memory": "transflow.mt.memory",
    "google": "transflow.mt.providers",
    "mymemory": "transflow.mt.providers",
    "microsoft": "transflow.mt.providers",
    "yandex": "transflow.mt.providers",
    "libretranslate": "transflow.mt.providers",
    "deepl": "transflow.mt.providers",
    "apy": "transflow.mt.apy",
    "openai": "transflow.mt.openai",
}
#: every built-in engine type, for error messages
KNOWN_TYPES = tuple(sorted({*ENGINE_MODULES, "memory", "pivot"}))
#: engine types that call a server: they get a name, and the MT cache unless `cache = false`
NETWORK_TYPES = frozenset(
    {"google", "mymemory", "microsoft", "yandex", "libretranslate", "deepl", "apy", "openai"}
)
#: engine types that use the supplementary be<->ru dictionary (transflow.mt.supplement)
SUPPLEMENTED_TYPES = {"apertium", "apy"}
#: a project's own supplement entries, used by default when the file exists
PROJECT_SUPPLEMENT = "glossary/bel-rus-extra.tsv"
#: options that do not change what an engine outputs (left out of its cache key)
_NOT_OUTPUT = {
    "api_key_env",
    "email",
    "region",
    "cache",
    "max_batch",
    "languages",
    "prompts",
    "supplement",  # its entries salt the key instead (ApyEngine.cache_salt)
}


def cache_key(type_name: str, options: dict[str, Any]) -> str:
    """What identifies an engine's output in the MT cache: its type and output-relevant options."""
    from transflow.mt.http import HttpPolicy

    skip = _NOT_OUTPUT | {f.name for f in fields(HttpPolicy)}
    kept = {k: v for k, v in sorted(options.items()) if k not in skip and k != "type"}
    return type_name + (json.dumps(kept, sort_keys=True, ensure_ascii=False) if kept else "")


class EngineSet:
    """The engines of one run, created on first use and closed together."""

    def __init__(
        self, config: Config, memory: object | None = None, glossary: object | None = None
    ):
        self.config = config
        self.memory = memory
        self.glossary = glossary
        self.engines: dict[str, base.Engine] = {}
        self.unavailable: dict[str, str] = {}
        self._cache = None
        self._building: list[str] = []

    @property
    def cache(self):
        """The run's MT cache (.transflow/mt-cache.sqlite), opened on first use."""
        if self._cache is None:
            from transflow.mt.cache import CACHE_NAME, MTCache

            self._cache = MTCache(self.config.state_dir / CACHE_NAME)
        return self._cache

    def engine(self, name: str) -> base.Engine | None:
        """The engine called `name` in the configuration, or None when it cannot run here."""
        if name in self.engines:
            return self.engines[name]
        if name in self.unavailable:
            return None
        if name in self._building:
            raise ConfigError(
                f"engine {name!r} uses itself (pivot legs form a loop)",
                self.config.root / "transflow.toml",
            )
        options = self.config.engine_options(name)
        type_name = options.pop("type", name)
        module = ENGINE_MODULES.get(type_name)
        if module:
            importlib.import_module(module)
        self._building.append(name)
        try:
            engine = self._create(name, type_name, options)
        except EngineUnavailable as exc:
            self.unavailable[name] = str(exc)
            return None
        except TypeError as exc:
            raise ConfigError(
                f"bad options for engine {name!r}: {exc}", self.config.root / "transflow.toml"
            ) from None
        finally:
            self._building.remove(name)
        if engine is None:
            return None
        self.engines[name] = engine
        return engine

    def _create(self, name: str, type_name: str, options: dict[str, Any]) -> base.Engine | None:
        if type_name == "memory":
            from transflow.mt.memory import MemoryEngine

            if self.memory is None:
                return None
            return MemoryEngine(self.memory, trust_exact=self.config.trust_memory)
        if type_name == "pivot":
            return self._pivot(name, options)
        if type_name in SUPPLEMENTED_TYPES:
            self._supplement_option(options)
        if type_name not in NETWORK_TYPES:
            return base.create(type_name, known=KNOWN_TYPES, **options)
        use_cache = options.pop("cache", True)
        if not isinstance(use_cache, bool):
            raise TypeError("cache must be true or false")
        key = cache_key(type_name, options)
        if isinstance(options.get("prompts"), str):  # a folder of the project
            options["prompts"] = str(self.config.root / options["prompts"])
        engine = base.create(type_name, known=KNOWN_TYPES, name=name, **options)
        if not use_cache:
            return engine
        from transflow.mt.cache import DEFAULT_BATCH, CachedEngine

        # an engine whose output depends on more than its options (prompt files) salts its key
        key += getattr(engine, "cache_salt", "")
        batch = getattr(engine, "cache_batch", DEFAULT_BATCH)
        return CachedEngine(engine, self.cache, key, batch=batch)

    def _supplement_option(self, options: dict[str, Any]) -> None:
        """The project's supplementary dictionary for Apertium engines: the `supplement` option
        (a path relative to the project, or false), else glossary/bel-rus-extra.tsv if present."""
        value = options.get("supplement")
        if isinstance(value, str):
            options["supplement"] = str(self.config.root / value)
        elif value is None and (self.config.root / PROJECT_SUPPLEMENT).is_file():
            options["supplement"] = str(self.config.root / PROJECT_SUPPLEMENT)

    def _pivot(self, name: str, options: dict[str, Any]) -> base.Engine:
        from transflow.mt.pivot import PivotEngine

        legs = options.pop("legs", None)
        via = options.pop("via", "ru")
        if options:
            raise TypeError(f"unknown option(s) for pivot: {', '.join(sorted(options))}")
        if (
            not isinstance(legs, list)
            or len(legs) != 2
            or not all(isinstance(x, str) for x in legs)
        ):
            raise TypeError('legs must name two engines, e.g. legs = ["google", "apertium"]')
        engines = []
        for leg in legs:
            engine = self.engine(leg)
            if engine is None:
                why = self.unavailable.get(leg, "cannot run here")
                raise EngineUnavailable(f"pivot leg {leg!r} is unavailable: {why}")
            engines.append(engine)
        return PivotEngine(engines, via=via, name=name)

    def chain(self, src: str, tgt: str, names: list[str] | None = None):
        """The chain for src -> tgt (or of the given engine names); None when no engine can run."""
        names = names if names is not None else self.config.chain_for(src, tgt)
        engines = [e for e in (self.engine(n) for n in names) if e is not None]
        if not engines:
            return None
        chain = _reporting_chain(engines, self.glossary, self.reports)
        for name in names:
            if name in self.unavailable:
                chain.problems.append(f"{name}: {self.unavailable[name]}")
        return chain

    def reports(self) -> list[str]:
        """Every line the engines logged about segments they left untranslated, in order."""
        out: list[str] = []
        for engine in self.engines.values():
            out.extend(getattr(engine, "reports", []) or [])
        return out

    def failures(self) -> dict[str, str]:
        """Segment text -> why a network engine left it untranslated (latest reason wins)."""
        out: dict[str, str] = {}
        for engine in self.engines.values():
            out.update(getattr(engine, "failures", {}) or {})
        return out

    def cache_stats(self):
        """Hits and misses of the MT cache in this run (a CacheStats)."""
        from transflow.mt.cache import CacheStats

        return self._cache.stats if self._cache is not None else CacheStats()

    def close(self) -> None:
        """Close every engine (stops Apertium processes) and the MT cache."""
        for engine in self.engines.values():
            engine.close()
        self.engines.clear()
        if self._cache is not None:
            self._cache.close()

    def __enter__(self) -> EngineSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reporting_chain(
    engines: Sequence[base.Engine], glossary: object | None, reports: Callable[[], list[str]]
):
    """A Chain whose `problems` also get the engines' reports of untranslated segments."""
    from transflow.mt.chain import Chain

    class ReportingChain(Chain):
        """Chain + engine reports (a failing provider makes the run say why segments wait)."""

        def translate(self, texts, src, tgt, titles=None):  # type: ignore[override]
            """Translate as Chain does, then add new engine reports to `problems`."""
            before = len(reports())
            try:
                return super().translate(texts, src, tgt, titles)
            finally:
                for line in reports()[before:]:
                    if line not in self.problems:
                        self.problems.append(line)

    return ReportingChain(list(engines), glossary=glossary)  # type: ignore[arg-type]

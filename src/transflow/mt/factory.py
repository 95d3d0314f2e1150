"""Build engines and chains from the configuration (engines are created once per run)."""

from __future__ import annotations

import importlib

from transflow.config import Config
from transflow.errors import ConfigError, EngineUnavailable
from transflow.mt import base

#: engine type -> module that registers it (imported only when the type is used)
ENGINE_MODULES = {
    "apertium": "transflow.mt.apertium",
    "memory": "transflow.mt.memory",
}


class EngineSet:
    """The engines of one run, created on first use and closed together."""

    def __init__(self, config: Config, memory: object | None = None, glossary: object | None = None):
        self.config = config
        self.memory = memory
        self.glossary = glossary
        self.engines: dict[str, base.Engine] = {}
        self.unavailable: dict[str, str] = {}

    def engine(self, name: str) -> base.Engine | None:
        """The engine called `name` in the configuration, or None when it cannot run here."""
        if name in self.engines:
            return self.engines[name]
        if name in self.unavailable:
            return None
        options = self.config.engine_options(name)
        type_name = options.pop("type", name)
        module = ENGINE_MODULES.get(type_name)
        if module:
            importlib.import_module(module)
        try:
            if type_name == "memory":
                from transflow.mt.memory import MemoryEngine

                if self.memory is None:
                    return None
                engine = MemoryEngine(self.memory, trust_exact=self.config.trust_memory)
            else:
                engine = base.create(type_name, **options)
        except EngineUnavailable as exc:
            self.unavailable[name] = str(exc)
            return None
        except TypeError as exc:
            raise ConfigError(f"bad options for engine {name!r}: {exc}", self.config.root / "transflow.toml") from None
        self.engines[name] = engine
        return engine

    def chain(self, src: str, tgt: str, names: list[str] | None = None):
        """The chain for src -> tgt (or of the given engine names); None when no engine can run."""
        from transflow.mt.chain import Chain

        names = names if names is not None else self.config.chain_for(src, tgt)
        engines = [e for e in (self.engine(n) for n in names) if e is not None]
        if not engines:
            return None
        chain = Chain(engines, glossary=self.glossary)
        for name in names:
            if name in self.unavailable:
                chain.problems.append(f"{name}: {self.unavailable[name]}")
        return chain

    def close(self) -> None:
        """Close every engine (stops Apertium processes)."""
        for engine in self.engines.values():
            engine.close()
        self.engines.clear()

    def __enter__(self) -> EngineSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

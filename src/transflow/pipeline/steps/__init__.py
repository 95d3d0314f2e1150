"""The build steps. Each is a module with the same small interface, and one runner
(`pipeline.runner`) fingerprints and schedules them, so no step touches another's record:

- `NAME`: the step's name (its records are `NAME:<unit>` in the build state);
- `units(ctx)`: the work items (an article, or an article in one language);
- `reads(ctx, unit)`: every file (Path) and setting (str) the unit's result depends on;
- `run(ctx, due)`: do the due units; return, per unit key done, the files it wrote or owns
  and any facts to keep with its record. A unit left out is retried by the next build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from transflow.pipeline.state import Digests, fingerprint

if TYPE_CHECKING:
    from transflow.mt.glossary import Glossary
    from transflow.mt.memory import TranslationMemory
    from transflow.pipeline.project import Project, SourceFile
    from transflow.pipeline.report import BuildReport


@dataclass
class Unit:
    """One work item of a step: an article, optionally in one target language."""

    key: str
    source: SourceFile
    lang: str | None = None


@dataclass
class Done:
    """What a unit left behind: the files it wrote or owns, and facts kept with its record."""

    outputs: list[Path]
    facts: dict[str, Any] = field(default_factory=dict)


class Step(Protocol):
    """The interface every step module follows."""

    NAME: str

    def units(self, ctx: Context) -> list[Unit]: ...

    def reads(self, ctx: Context, unit: Unit) -> list[Path | str]: ...

    def run(self, ctx: Context, due: list[Unit]) -> dict[str, Done]: ...


@dataclass
class Context:
    """What the steps of one run share: the project, the articles, the report and caches."""

    project: Project
    sources: list[SourceFile]  # the articles this process works on
    all_sources: list[SourceFile]  # every article of the project (memory, indexes)
    report: BuildReport
    options: dict[str, Any] = field(default_factory=dict)
    digest: Digests = field(default_factory=Digests)
    cache: dict[str, Any] = field(default_factory=dict)  # per-run values, cleared after a step
    _memory: TranslationMemory | None = None
    _glossary: tuple[Glossary | None] | None = None

    def option(self, name: str, default: Any = None) -> Any:
        """A run option (retranslate_fuzzy, engine_names, preview, progress_factory)."""
        return self.options.get(name, default)

    def glossary(self) -> Glossary | None:
        """The project's glossary, loaded once."""
        if self._glossary is None:
            from transflow.pipeline.resources import load_glossary

            self._glossary = (load_glossary(self.project),)
        return self._glossary[0]

    def memory(self) -> TranslationMemory:
        """The translation memory of the whole project (whatever share this process has)."""
        if self._memory is None:
            from transflow.pipeline.resources import build_memory

            self._memory = build_memory(self.project, self.all_sources)
        return self._memory

    def fingerprint(self, reads: list[Path | str]) -> str:
        """A hash over the contents of the files and the settings a unit reads."""
        parts: list[str] = []
        for item in reads:
            if isinstance(item, Path):
                parts.append(f"{self.project.rel(item)}\0{self.digest(item)}")
            else:
                parts.append(item)
        return fingerprint(parts)

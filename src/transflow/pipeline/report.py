"""What a build did: files written per step, work skipped, notices and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from transflow.errors import TransflowError

#: how many written paths a report keeps per step (the counts stay exact): a first build of a
#: large archive writes hundreds of thousands of files
KEEP_PATHS = 10_000


@dataclass
class BuildReport:
    """What a build did: files written per step, work skipped, and non-fatal problems."""

    written: dict[str, list[Path]] = field(default_factory=dict)  # the first KEEP_PATHS
    counts: dict[str, int] = field(default_factory=dict)  # files written per step
    skipped: dict[str, int] = field(default_factory=dict)
    problems: list[TransflowError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # catalogs without a source article
    translate: object | None = None  # TranslateSummary
    translate_skipped: list[str] = field(default_factory=list)  # pairs without a chain
    render: object | None = None  # PublishReport
    incomplete: bool = False  # some unit was left for the next build (no no-op check then)

    def add(self, step: str, path: Path | None) -> None:
        """Count a file written by `step` (or a skipped item when path is None)."""
        if path is None:
            self.skipped[step] = self.skipped.get(step, 0) + 1
        else:
            self.wrote(step, [path])

    def wrote(self, step: str, paths: list[Path], count: int | None = None) -> None:
        """Count `count` (default: all) files written by `step`, keeping the first paths."""
        kept = self.written.setdefault(step, [])
        kept.extend(paths[: max(0, KEEP_PATHS - len(kept))])
        self.counts[step] = self.counts.get(step, 0) + (len(paths) if count is None else count)

    def problem(self, exc: TransflowError) -> None:
        """Note a problem once (the same message from two places is one problem)."""
        if not any(str(exc) == str(p) for p in self.problems):
            self.problems.append(exc)

    @property
    def did_nothing(self) -> bool:
        """True when no step wrote anything."""
        return not any(self.counts.values())

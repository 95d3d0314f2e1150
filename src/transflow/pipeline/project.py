"""A project on disk: configuration, where each file lives, and the source articles it holds."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from transflow.errors import LockError, SourceError
from transflow.fsutil import sha256_bytes
from transflow.pipeline.config import Config, load_config
from transflow.pipeline.state import BuildState
from transflow.source.model import Article


@dataclass
class SourceFile:
    """A source article file with its content digest; the article is parsed only when needed."""

    path: Path
    digest: str
    slug: str
    lang: str
    article: Article | None = None


class Project:
    """Paths and state of one transflow project."""

    def __init__(self, config: Config):
        self.config = config
        self.root = config.root
        self.state = BuildState(config.state_dir / "state.json", config.root)

    @classmethod
    def open(cls, root: str | Path = ".") -> Project:
        """Load the configuration of the project at `root`."""
        return cls(load_config(root))

    @contextmanager
    def lock(
        self, wait: float = 0.0, on_wait: Callable[[str], None] | None = None
    ) -> Iterator[None]:
        """Hold the project lock (.transflow/lock) so two runs never interleave their writes.

        When another run holds it, `on_wait` is told and we wait up to `wait` seconds, then give up
        with LockError.
        """
        from filelock import FileLock, Timeout

        path = self.config.state_dir / "lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(path))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if wait <= 0:
                raise LockError(
                    "another transflow run is working on this project; try again "
                    "when it has finished (or pass --wait SECONDS)",
                    path,
                ) from None
            if on_wait:
                on_wait(
                    f"another transflow run is working on this project; waiting up to {wait:g} s"
                )
            try:
                lock.acquire(timeout=wait)
            except Timeout:
                raise LockError(
                    f"gave up after {wait:g} s: another transflow run still holds the project lock",
                    path,
                ) from None
        try:
            from transflow.fsutil import remove_stale_temps

            # what another run did while we waited: the state read before the lock is stale
            self.state = BuildState(self.state.path, self.root)
            config = self.config
            remove_stale_temps(
                [
                    config.locales_dir,
                    config.dist_dir,
                    config.record_dir,
                    config.source_dir,
                    config.state_dir,
                ]
            )
            yield
        finally:
            lock.release()

    def rel(self, path: Path) -> str:
        """`path` relative to the project root, in POSIX form (as written in PO references)."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def pot_path(self, slug: str) -> Path:
        """locales/<slug>.pot"""
        return self.config.locales_dir / f"{slug}.pot"

    def po_path(self, lang: str, slug: str) -> Path:
        """locales/<lang>/LC_MESSAGES/<slug>.po"""
        return self.config.locales_dir / lang / "LC_MESSAGES" / f"{slug}.po"

    def targets(self, source_lang: str) -> list[str]:
        """The languages an article written in `source_lang` is translated into."""
        return [lang for lang in self.config.languages if lang != source_lang]

    def source_paths(self) -> list[Path]:
        """Every source article file, sorted."""
        folder = self.config.source_dir
        if not folder.is_dir():
            raise SourceError("source folder not found", folder)
        paths = sorted(p for p in folder.glob("*.md") if p.is_file())
        root = self.root.resolve()
        for path in paths:
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                raise SourceError(
                    f"symbolic link leads out of the project (to {path.resolve()})", path
                )
        return paths

    def scan(self) -> list[SourceFile]:
        """Hash every source file; parse only the ones that changed since the last build."""
        from transflow.source.article import load_article

        files: list[SourceFile] = []
        seen: dict[str, Path] = {}
        for path in self.source_paths():
            raw = path.read_bytes()
            digest = sha256_bytes(raw)
            cached = self.state.get(f"source:{self.rel(path)}")
            article = None
            if cached.get("digest") == digest:
                slug, lang = cached["slug"], cached["lang"]
            else:
                article = load_article(path, self.config.languages)
                slug, lang = article.slug, article.lang
            if slug in seen:
                raise SourceError(
                    f"duplicate slug {slug!r}: also used by {self.rel(seen[slug])}", path
                )
            seen[slug] = path
            files.append(SourceFile(path, digest, slug, lang, article))
        return files

    def load(self, source: SourceFile) -> Article:
        """The parsed article of a source file (parsed once)."""
        from transflow.source.article import load_article

        if source.article is None:
            source.article = load_article(source.path, self.config.languages)
        return source.article

    def remember_source(self, source: SourceFile) -> None:
        """Cache the slug and language of a parsed source file under its digest."""
        key = f"source:{self.rel(source.path)}"
        record = {"digest": source.digest, "slug": source.slug, "lang": source.lang}
        if self.state.records.get(key) != record:
            self.state.records[key] = record
            self.state.dirty = True

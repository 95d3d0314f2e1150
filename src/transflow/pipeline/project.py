"""A project on disk: configuration, where each file lives, and the source articles it holds."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from transflow.errors import LockError, SourceError
from transflow.pipeline.config import Config, load_config
from transflow.pipeline.state import STATE_FILE, BuildState
from transflow.source.model import Article

#: how many articles parsed while scanning are kept for the steps (more would fill the memory)
KEEP_PARSED = 500


class SourceFile:
    """A source article file with its content digest; the article is parsed only when needed
    (and its path made a Path only when asked: a large archive lists many it never opens)."""

    __slots__ = ("_path", "article", "digest", "lang", "slug")

    def __init__(
        self, path: Path | str, digest: str, slug: str, lang: str, article: Article | None = None
    ):
        self._path = path
        self.digest = digest
        self.slug = slug
        self.lang = lang
        self.article = article

    @property
    def text(self) -> str:
        """The file's path as a string."""
        return str(self._path)

    @property
    def path(self) -> Path:
        """The file's path."""
        if not isinstance(self._path, Path):
            self._path = Path(self._path)
        return self._path

    def __repr__(self) -> str:
        return f"SourceFile({str(self._path)!r}, {self.slug!r}, {self.lang!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceFile):
            return NotImplemented
        return (str(self._path), self.digest, self.slug, self.lang) == (
            str(other._path),
            other.digest,
            other.slug,
            other.lang,
        )


#: seconds between two tries of a held project lock
LOCK_POLL = 0.05


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock of an open lock file without waiting; False when it is held.

    flock(2) locks belong to the open file, so two opens in one process exclude each other too.
    """
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class Project:
    """Paths and state of one transflow project."""

    def __init__(self, config: Config):
        self.config = config
        self.root = config.root
        self._rel: dict[Path, str] = {}  # rel() of each path asked (symbolic links resolved)
        self.state = BuildState(config.state_dir / STATE_FILE, config.root)

    @classmethod
    def open(cls, root: str | Path = ".") -> Project:
        """Load the configuration of the project at `root`."""
        return cls(load_config(root))

    @contextmanager
    def lock(
        self,
        wait: float = 0.0,
        on_wait: Callable[[str], None] | None = None,
        *,
        tidy: bool = True,
    ) -> Iterator[None]:
        """Hold the project lock (.transflow/lock) so two runs never interleave their writes.

        When another run holds it, `on_wait` is told and we wait up to `wait` seconds, then give up
        with LockError. With `tidy`, temporary files a crashed run left are removed first (a build
        does that itself, once it knows it has work: `tidy()`).
        """
        path = self.config.state_dir / "lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _try_lock(fd):
                if wait <= 0:
                    raise LockError(
                        "another transflow run is working on this project; try again "
                        "when it has finished (or pass --wait SECONDS)",
                        path,
                    )
                if on_wait:
                    on_wait(
                        "another transflow run is working on this project; "
                        f"waiting up to {wait:g} s"
                    )
                deadline = time.monotonic() + wait
                while not _try_lock(fd):
                    if time.monotonic() >= deadline:
                        raise LockError(
                            f"gave up after {wait:g} s: another transflow run still holds the "
                            "project lock",
                            path,
                        )
                    time.sleep(LOCK_POLL)
        except BaseException:
            os.close(fd)
            raise
        try:
            # what another run did while we waited: the state read before the lock is stale
            self.state.close()
            self.state = BuildState(self.state.path, self.root)
            if tidy:
                self.tidy()
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    def tidy(self) -> None:
        """Remove the temporary files a crashed run left beside the files it was writing."""
        from transflow.fsutil import remove_stale_temps

        config = self.config
        folders = [
            config.locales_dir,
            config.dist_dir,
            config.record_dir,
            config.source_dir,
            config.state_dir,
        ]
        remove_stale_temps(folders)

    def rel(self, path: Path) -> str:
        """`path` relative to the project root, in POSIX form (as written in PO references)."""
        found = self._rel.get(path)
        if found is None:
            try:
                found = Path(path).resolve().relative_to(self.root).as_posix()
            except ValueError:
                found = Path(path).as_posix()
            self._rel[path] = found
        return found

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
        return [Path(text) for text in self._source_texts()]

    def _source_texts(self, listed: list[str] | None = None, changed: set[str] = frozenset()):
        """Every source article file's path as a string, sorted by name (from `listed`, the
        folder's entries as just listed, when given: a name not in `changed` (relative paths)
        is a file the last complete build used)."""
        folder = self.config.source_dir
        if listed is not None:
            prefix, rel = f"{folder}{os.sep}", f"{self.rel(folder)}/"
            fresh = {p[len(rel) :] for p in changed if p.startswith(rel)}
            names = [n for n in listed if n.endswith(".md") and n not in fresh]
            for name in fresh:  # new or changed: checked as a full listing would
                path = Path(prefix + name)
                if name.endswith(".md") and path.is_file():
                    if path.is_symlink() and not path.resolve().is_relative_to(self.root.resolve()):
                        raise SourceError(
                            f"symbolic link leads out of the project (to {path.resolve()})", path
                        )
                    names.append(name)
            names.sort()
            return [prefix + name for name in names]
        if not folder.is_dir():
            raise SourceError("source folder not found", folder)
        names = []
        with os.scandir(folder) as found:  # one listing, file types from it: no stat per file
            for entry in found:
                if entry.name.endswith(".md") and entry.is_file():
                    names.append(entry.name)
                    if entry.is_symlink():
                        path = Path(entry.path)
                        if not path.resolve().is_relative_to(self.root.resolve()):
                            raise SourceError(
                                f"symbolic link leads out of the project (to {path.resolve()})",
                                path,
                            )
        names.sort()
        prefix = f"{folder}{os.sep}"
        return [prefix + name for name in names]

    def scan(
        self, changed: set[str] | None = None, listed: list[str] | None = None
    ) -> list[SourceFile]:
        """Digest every source file (through the stat cache); parse only the changed ones.

        `changed`, when given, holds every source file (relative path) that may differ from
        what the last complete build saw (the no-op check vouches for the others): the digest,
        slug and language of the others come from the source index, unread. `listed`: the
        source folder's entries as the check just listed them (saves listing it again).
        """
        from transflow.source.article import load_article

        files: list[SourceFile] = []
        seen: dict[str, str] = {}
        index = self.state.sources() if changed is not None else None
        top = f"{self.root}/"
        cut = len(top)
        parsed = 0

        def examine(text: str) -> SourceFile:
            """A file the source index cannot vouch for: digested, parsed when it changed."""
            nonlocal parsed
            rel = text[cut:] if text.startswith(top) else self.rel(Path(text))
            cached = index.get(rel) if index is not None else self.state.source(rel)
            if cached is not None and changed is not None and rel not in changed:
                digest = cached[0]
            else:
                digest = self.state.digest(Path(text))
            if cached is not None and cached[0] == digest:
                return SourceFile(text, digest, cached[1], cached[2])
            article = load_article(Path(text), self.config.languages)
            parsed += 1
            kept = article if parsed <= KEEP_PARSED else None  # a large first build: parse later
            return SourceFile(text, digest, article.slug, article.lang, kept)

        vouched = changed if changed is not None and index is not None else None
        for text in self._source_texts(listed if changed is not None else None, changed or set()):
            rel = text[cut:]
            cached = index.get(rel) if vouched is not None and text.startswith(top) else None
            if cached is not None and rel not in vouched:  # type: ignore[operator]
                source = SourceFile(text, cached[0], cached[1], cached[2])
            else:
                source = examine(text)
            if source.slug in seen:
                raise SourceError(
                    f"duplicate slug {source.slug!r}: also used by "
                    f"{self.rel(Path(seen[source.slug]))}",
                    Path(text),
                )
            seen[source.slug] = text
            files.append(source)
        return files

    def load(self, source: SourceFile) -> Article:
        """The parsed article of a source file (parsed once)."""
        from transflow.source.article import load_article

        if source.article is None:
            source.article = load_article(source.path, self.config.languages)
        return source.article

    def _source_rel(self, path: Path | str) -> str:
        """A source file's path relative to the project (as listed: links not resolved)."""
        text, top = str(path), f"{self.root}/"
        return text[len(top) :] if text.startswith(top) else self.rel(path)

    def remember_source(self, source: SourceFile) -> None:
        """Index the slug and language of a parsed source file under its digest."""
        self.state.put_source(
            self._source_rel(source.path), source.digest, source.slug, source.lang
        )

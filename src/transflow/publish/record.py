"""The publish record: what is online, per article and language, kept in git (`published/`).

`published/<lang>/<slug>.json` holds one edition: the source revision it translates, the approved
text it was rendered from (the source Markdown of that revision and the translations used), its
coverage, and when it went online, last changed or was withdrawn. `dist/` is derived from the
sources, the catalogs, the configuration and this record alone, so a clean build reproduces it
byte for byte, and a translation that falls behind its source stays online from here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from transflow.errors import SourceError
from transflow.fsutil import atomic_write, sha256_bytes

RECORD_SCHEMA = 1


def revision_of(raw: bytes) -> str:
    """The revision id of a source article: the first 16 hex digits of its SHA-256."""
    return sha256_bytes(raw)[:16]


def now_utc() -> str:
    """The time of publishing (RFC 3339, UTC, whole seconds).

    It honours SOURCE_DATE_EPOCH, the reproducible-builds convention, so that tests and
    reproducible pipelines can pin it; it is read only when the record changes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch.isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class Edition:
    """One article in one language as it is (or was) online."""

    slug: str
    lang: str
    source_lang: str
    revision: str  # revision of the source article this edition is or translates
    date: str  # the article's date (ISO), for indexes and tombstones
    title: str
    coverage: float = 1.0
    source: str = ""  # the source Markdown of `revision` (translations only)
    translations: dict[str, str] = field(default_factory=dict)  # msgid -> approved msgstr
    published_at: str = ""  # when this revision of this language went online
    updated_at: str = ""  # when its page last changed
    withdrawn_at: str | None = None
    pages: dict[str, str] = field(default_factory=dict)  # kind -> sha256 of the page as served

    @property
    def online(self) -> bool:
        """True unless the edition was withdrawn."""
        return self.withdrawn_at is None

    def to_json(self) -> str:
        """Diff-friendly JSON: sorted keys, one item per line, the source text as lines."""
        data = asdict(self)
        data["schema"] = RECORD_SCHEMA
        data["source"] = self.source.splitlines()
        data["translations"] = [
            {"msgid": k, "msgstr": v} for k, v in sorted(self.translations.items())
        ]
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str, path: Path) -> Edition:
        """Parse a record file; SourceError naming the file when it is not one."""
        try:
            data = json.loads(text)
            if data.get("schema") != RECORD_SCHEMA:
                raise ValueError(f"unknown schema {data.get('schema')!r}")
            source = data.get("source", [])
            return cls(
                slug=str(data["slug"]),
                lang=str(data["lang"]),
                source_lang=str(data["source_lang"]),
                revision=str(data["revision"]),
                date=str(data["date"]),
                title=str(data.get("title", "")),
                coverage=float(data.get("coverage", 1.0)),
                source="".join(f"{line}\n" for line in source),
                translations={str(t["msgid"]): str(t["msgstr"]) for t in data["translations"]},
                published_at=str(data.get("published_at", "")),
                updated_at=str(data.get("updated_at", "")),
                withdrawn_at=data.get("withdrawn_at"),
                pages={str(k): str(v) for k, v in data.get("pages", {}).items()},
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SourceError(f"not a publish record: {exc}", path) from None


class PublishRecord:
    """The `published/` tree of a project: read, compare and write editions."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, lang: str, slug: str) -> Path:
        """published/<lang>/<slug>.json"""
        return self.root / lang / f"{slug}.json"

    def get(self, lang: str, slug: str) -> Edition | None:
        """The edition of `slug` in `lang`, or None when it was never published."""
        path = self.path(lang, slug)
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"cannot read publish record: {exc}", path) from None
        edition = Edition.from_json(text, path)
        if (edition.lang, edition.slug) != (lang, slug):
            raise SourceError(
                f"publish record names {edition.lang}/{edition.slug}, not {lang}/{slug}", path
            )
        return edition

    def editions(self, slug: str) -> dict[str, Edition]:
        """Every recorded language of `slug`."""
        found = {}
        if self.root.is_dir():
            for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
                edition = self.get(folder.name, slug)
                if edition is not None:
                    found[folder.name] = edition
        return found

    def slugs(self) -> set[str]:
        """Every article with at least one recorded edition."""
        if not self.root.is_dir():
            return set()
        return {p.stem for p in self.root.glob("*/*.json")}

    def put(self, edition: Edition) -> bool:
        """Write `edition` atomically unless the file already holds it; True when it changed."""
        path = self.path(edition.lang, edition.slug)
        text = edition.to_json()
        try:
            if path.read_text("utf-8") == text:
                return False
        except (FileNotFoundError, UnicodeDecodeError):
            pass
        atomic_write(path, text)
        return True

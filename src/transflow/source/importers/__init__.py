"""Import scraped pages (portal text, HTML, Markdown) into source articles: format -> function."""

from __future__ import annotations

import re
from pathlib import Path

from transflow.errors import SourceError
from transflow.fsutil import atomic_write
from transflow.source.article import (
    KEYS,
    SLUG_RE,
    decode_text,
    format_article,
    read_front_matter,
    split_front_matter,
)
from transflow.source.importers import html, portal_text
from transflow.source.importers.common import (
    IMPORT_LANGUAGES,
    MAX_IMPORT_BYTES,
    SLUG_MAX,
    ImportedArticle,
    Importer,
    Sniffer,
    detect_language,
    finish,
    slug_from_url,
    slugify,
    transliterate,
)

__all__ = [
    "IMPORT_LANGUAGES",
    "MAX_IMPORT_BYTES",
    "SLUG_MAX",
    "ImportedArticle",
    "detect_language",
    "finish",
    "import_path",
    "import_text",
    "slug_from_url",
    "slugify",
    "transliterate",
    "write_imported",
]


def _sniff_markdown(text: str) -> bool:
    return text.startswith("---\n")


def _import_markdown(
    text: str, path: Path, lang: str | None, source_url: str | None
) -> ImportedArticle:
    front = split_front_matter(text, path)
    unknown = set(front.values) - set(KEYS)
    if unknown:
        key = sorted(unknown)[0]
        raise SourceError(f"unknown front matter key {key!r}", path, front.lines[key])
    meta = dict(front.values)
    if source_url:
        meta["source_url"] = source_url
    paragraphs = re.split(r"\n[ \t]*\n", front.body)
    return finish(meta, paragraphs, path, lang or meta.get("lang") or None)


def _formats() -> list[tuple[str, Sniffer, Importer]]:
    return [
        ("markdown", _sniff_markdown, _import_markdown),
        ("html", html.sniff, html.import_html),
        ("portal-text", portal_text.sniff, portal_text.import_portal_text),
    ]


def import_text(
    text: str, path: str | Path = "<text>", lang: str | None = None, source_url: str | None = None
) -> ImportedArticle:
    """Import already-decoded page text, choosing the importer by content."""
    for _name, sniff, importer in _formats():
        if sniff(text):
            return importer(text, Path(path), lang, source_url)
    raise SourceError(
        "unrecognised page layout (expected HTML, a portal text page or a Markdown article)",
        path,
    )


def import_path(
    path: str | Path, lang: str | None = None, source_url: str | None = None
) -> ImportedArticle:
    """Import one scraped page from a file; SourceError names the file on bad input."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", path) from None
    if len(data) > MAX_IMPORT_BYTES:
        raise SourceError(f"file is {len(data)} bytes; the limit is {MAX_IMPORT_BYTES}", path)
    if b"\x00" in data[:8192]:
        raise SourceError("binary file (NUL bytes): not a text or HTML page", path)
    return import_text(decode_text(data, path), path, lang, source_url)


def write_imported(imported: ImportedArticle, folder: str | Path, overwrite: bool = False) -> Path:
    """Write an imported article as `<folder>/<slug>.md`; refuse overwrites and slug clashes."""
    folder = Path(folder)
    slug = imported.meta.get("slug", "")
    if not SLUG_RE.fullmatch(slug):
        raise SourceError(f"invalid slug {slug!r}")
    target = folder / f"{slug}.md"
    if folder.is_dir():
        for other in sorted(folder.glob("*.md")):
            if other.name == target.name:
                continue
            try:
                other_slug = read_front_matter(other).get("slug")
            except SourceError:
                continue
            if other_slug == slug:
                raise SourceError(f"slug {slug!r} is already used by {other}", target)
    if target.exists() and not overwrite:
        raise SourceError("article already exists (use overwrite to replace it)", target)
    atomic_write(target, format_article(imported.meta, imported.body))
    return target

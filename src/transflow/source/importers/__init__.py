"""Import scraped pages (portal text, HTML, Markdown) into source articles: format -> function."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

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

MAX_IMPORT_BYTES = 20_000_000
SLUG_MAX = 60
#: Languages an import may produce (the project's languages).
IMPORT_LANGUAGES = ("be", "ru", "en")


@dataclass
class ImportedArticle:
    """An imported page: front matter values (all strings) and a Markdown body."""

    meta: dict[str, str] = field(default_factory=dict)
    body: str = ""


_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ў": "w", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "є": "ye",
}  # fmt: skip
_CYR_BE = {**_CYR, "г": "h", "х": "kh"}


def transliterate(text: str, lang: str = "ru") -> str:
    """Latin letters for be/ru Cyrillic (a simple table; Belarusian г is h); others unchanged."""
    table = _CYR_BE if lang == "be" else _CYR
    out = []
    for ch in text:
        low = ch.lower()
        if low in table:
            out.append(table[low])
        elif ch in "'’ʼ":
            continue
        else:
            out.append(ch)
    return "".join(out)


def slugify(text: str, lang: str = "en", limit: int = SLUG_MAX) -> str:
    """ASCII slug `[a-z0-9-]` of a title, cut at a word boundary to at most `limit` characters."""
    latin = unicodedata.normalize("NFKD", transliterate(text, lang))
    ascii_text = latin.encode("ascii", "ignore").decode("ascii").lower()
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_text) if w]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            if not slug:
                slug = word[:limit]
            break
        slug = candidate
    return slug


def slug_from_url(url: str) -> str:
    """A slug from the last path segment of a URL when it reads as words, else ''."""
    if not url:
        return ""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if not segments:
        return ""
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", unquote(segments[-1]), flags=re.IGNORECASE)
    words = [w for w in re.split(r"[^A-Za-z0-9]+", last) if w]
    while words and (words[-1].isdigit() or len(words[-1]) == 1):
        words.pop()
    while words and len(words[-1]) == 1:
        words.pop()
    if sum(1 for w in words if w.isalpha() and len(w) > 1) < 2:
        return ""
    return slugify(" ".join(words))


def detect_language(text: str, path: str | Path) -> str:
    """Language of an imported page via transflow.lang.identify; SourceError when not be/ru/en."""
    from transflow.lang import identify as langid

    lang = langid.detect(text)
    if lang not in IMPORT_LANGUAGES:
        raise SourceError(
            f"cannot tell the language of the page (detected {lang!r}); give it explicitly", path
        )
    return lang


def finish(
    meta: dict[str, str], paragraphs: list[str], path: str | Path, lang: str | None
) -> ImportedArticle:
    """Fill lang and slug, check the result, join the body: shared by every importer."""
    body = "\n\n".join(p.strip() for p in paragraphs if p.strip())
    if not body:
        raise SourceError("the page has no article text", path)
    if not meta.get("title"):
        raise SourceError("the page has no title", path)
    if lang is None:
        lang = detect_language(meta["title"] + "\n" + body, path)
    elif lang not in IMPORT_LANGUAGES:
        raise SourceError(f"language {lang!r} is not one of {', '.join(IMPORT_LANGUAGES)}", path)
    full = {key: str(meta.get(key) or "") for key in KEYS}
    full["lang"] = lang
    full["slug"] = (
        meta.get("slug") or slug_from_url(full["source_url"]) or slugify(full["title"], lang)
    )
    if not full["slug"]:
        full["slug"] = f"article-{full['date']}" if full["date"] else "article"
    if not full["date"]:
        raise SourceError("the page has no recognisable publication date", path)
    return ImportedArticle(full, body)


Sniffer = Callable[[str], bool]
Importer = Callable[[str, Path, "str | None", "str | None"], ImportedArticle]


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
    from transflow.source.importers import html, portal_text

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

"""What every importer shares: the imported article, slugs, language detection, finishing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from transflow.errors import SourceError
from transflow.lang.identify import UND
from transflow.lang.others import language_name, name_language
from transflow.source.article import (
    KEYS,
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
    """Language of an imported page; SourceError naming it when it is not be/ru/en."""
    lang = name_language(text)
    if lang == UND:
        raise SourceError("cannot tell the language of the page; give it with --lang", path)
    if lang not in IMPORT_LANGUAGES:
        raise SourceError(
            f"this page is in {language_name(lang)} ({lang}); transflow imports "
            f"{', '.join(IMPORT_LANGUAGES)} (give --lang if the guess is wrong)",
            path,
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

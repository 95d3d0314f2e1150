"""Importer for the plain-text layout of the national portal's article pages (en/ru/be editions).

The skeleton, top to bottom: menu lines, a breadcrumb (`| Home | Government | Events`), the
section name, the date line, the title (once or twice), an optional photo caption, the body
paragraphs, and the archive footer (`Archive`, the weekday row of a calendar, trailing links).
It is recognised by its shape, not by the words of one page.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from transflow.errors import SourceError
from transflow.source.article import escape_markdown, squash
from transflow.source.importers.common import ImportedArticle, finish
from transflow.source.importers.dates import parse_date_line, parse_dateline

_BREADCRUMB = re.compile(r"^\s*\|\s*[^|\s][^|]*(\|\s*[^|\s][^|]*){1,8}\|?\s*$")
_WEEKDAYS = re.compile(r"^\s*(?:[^\W\d_]{2,3}\.?\s+){6}[^\W\d_]{2,3}\.?\s*$")
_CAPTION_WORDS = re.compile(
    r"\b(?:photo\w*|фото\w*|фота\w*|illustration|ілюстрацыя|иллюстрация)\b", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?…:;»\"”]$")
#: Fallback footer marker when a page lost its calendar row.
_ARCHIVE_WORDS = {"archive", "архив", "архіў", "news archive", "архив новостей", "архіў навін"}
#: How far down the page the date line may be.
_HEAD_LINES = 80


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _nonblank(lines: list[str], start: int, stop: int | None = None) -> int | None:
    stop = len(lines) if stop is None else stop
    for index in range(start, stop):
        if lines[index].strip():
            return index
    return None


def _find_head(lines: list[str]) -> tuple[int | None, int | None, dt.date | None]:
    """Index of the breadcrumb (or None) and of the date line, and the date."""
    head = min(len(lines), _HEAD_LINES)
    crumb = next((i for i in range(head) if _BREADCRUMB.match(lines[i])), None)
    start = 0 if crumb is None else crumb + 1
    for index in range(start, head):
        date = parse_date_line(lines[index]) if lines[index].strip() else None
        if date is not None:
            return crumb, index, date
    return crumb, None, None


def _find_footer(lines: list[str], start: int) -> int:
    """Index where the archive footer starts (len(lines) when there is none)."""
    for index in range(len(lines) - 1, start - 1, -1):
        if _WEEKDAYS.match(lines[index]):
            before = _nonblank_back(lines, index - 1, start)
            if before is not None and len(lines[before].split()) <= 2:
                return before
            return index
    tail = max(start, len(lines) - 12)
    for index in range(len(lines) - 1, tail - 1, -1):
        if _norm(lines[index]) in _ARCHIVE_WORDS:
            return index
    return len(lines)


def _nonblank_back(lines: list[str], index: int, stop: int) -> int | None:
    while index >= stop:
        if lines[index].strip():
            return index
        index -= 1
    return None


def sniff(text: str) -> bool:
    """True when the text has the portal page skeleton (breadcrumb or calendar, and a date line)."""
    if text.lstrip().startswith("<"):
        return False
    lines = text.split("\n")
    crumb, date_index, _ = _find_head(lines)
    if date_index is None:
        return False
    return crumb is not None or _find_footer(lines, date_index) < len(lines)


def _is_caption(line: str, has_more: bool) -> bool:
    """Whether the line after the title is a photo caption rather than the first paragraph."""
    if not has_more or parse_dateline(line) is not None:
        return False
    words = line.split()
    if len(words) > 25 or len(line) > 200:
        return False
    if _CAPTION_WORDS.search(line):
        return True
    return len(words) <= 15 and not _SENTENCE_END.search(line.strip())


def parse_page(text: str, path: str | Path) -> tuple[dict[str, str], list[str]]:
    """Split a portal text page into front matter values and plain body paragraphs."""
    lines = [line.strip(" \t") for line in text.split("\n")]
    _crumb, date_index, date = _find_head(lines)
    if date_index is None or date is None:
        raise SourceError("unrecognised page: no date line (like '9 Mar 2021') near the top", path)
    title_index = _nonblank(lines, date_index + 1)
    if title_index is None:
        raise SourceError("the page ends after the date line", path, date_index + 1)
    title = squash(lines[title_index])
    footer = _find_footer(lines, title_index + 1)
    cursor = title_index + 1
    nxt = _nonblank(lines, cursor, footer)
    if nxt is not None and _norm(lines[nxt]) == _norm(title):
        title_index, cursor = nxt, nxt + 1
    body_lines = [  # the title printed once more further down is not body text either
        (i, lines[i])
        for i in range(cursor, footer)
        if lines[i].strip() and _norm(lines[i]) != _norm(title)
    ]
    caption = ""
    if body_lines:
        first = body_lines[0][1]
        if _is_caption(first, len(body_lines) > 1):
            caption = squash(first)
            body_lines = body_lines[1:]
    if not body_lines:
        raise SourceError("the page has no article text after the title", path, title_index + 1)
    paragraphs = [squash(line) for _, line in body_lines]
    meta = {"title": title, "date": date.isoformat(), "caption": caption}
    dateline = parse_dateline(paragraphs[0])
    if dateline is not None:
        rest = paragraphs[0][dateline.end :].strip()
        if rest:
            meta["place"] = dateline.place
            meta["agency"] = dateline.agency
            paragraphs[0] = rest[0].upper() + rest[1:]
    return meta, paragraphs


def import_portal_text(
    text: str, path: Path, lang: str | None = None, source_url: str | None = None
) -> ImportedArticle:
    """Import a portal text page: title, date, caption, dateline (place, agency) and body."""
    meta, paragraphs = parse_page(text, path)
    if source_url:
        meta["source_url"] = source_url
    return finish(meta, [escape_markdown(p) for p in paragraphs], path, lang)

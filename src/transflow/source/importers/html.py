"""Importer for HTML article pages: trafilatura main-content extraction, offline, to Markdown."""

from __future__ import annotations

import re
from pathlib import Path

from transflow.errors import SourceError
from transflow.source.article import squash
from transflow.source.importers.common import (
    IMPORT_LANGUAGES,
    ImportedArticle,
    detect_language,
    finish,
)
from transflow.source.importers.dates import parse_date_line, parse_dateline

_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_TAG = re.compile(r"<(?:p|div|article|main|h1|body)\b[^>]*>", re.I)
_CAPTION_WORDS = re.compile(r"\b(?:photo\w*|фото\w*|фота\w*)\b", re.IGNORECASE)
_DASHES = "-–—‒―"
#: what a <title> may hold as text but a title is not: a script, or text that looks like a tag
_SCRIPT_OR_TAG = re.compile(r"<script\b.*?</script\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)


def sniff(text: str) -> bool:
    """True when the text looks like an HTML document."""
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_TAG.findall(head)) >= 3


def _page_facts(markup: str, path: Path) -> tuple[str, str, str]:
    """The first figure caption, the page's h1 text and its `<html lang>` (each may be '')."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(markup)
    except Exception as exc:  # lxml raises several types on broken input
        raise SourceError(f"cannot parse the HTML: {exc}", path) from None
    for code in root.xpath("//script | //style | //noscript | //template | //title"):
        code.drop_tree()  # their text is never article text (an h1 may hold a <script>)
    caption = ""
    found = root.xpath(
        "//figcaption | //*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')"
        " or contains(@class, '-caption') or contains(@class, 'caption-')"
        " or @itemprop='caption']"
    )
    if found:
        caption = squash(found[0].text_content().replace("\n", " "))
    headings = root.xpath("//h1")
    h1 = squash(headings[0].text_content()) if headings else ""
    lang = (root.get("lang") or "").split("-")[0].lower()
    return caption, h1, lang


def _strip_dateline(paragraph: str) -> tuple[str, str, str]:
    """Remove a leading dateline (plain or bold) from a paragraph: (rest, place, agency)."""
    bold = re.match(r"^(\*\*|__)(.+?)\1\s*", paragraph)
    if bold:
        inner = bold[2].strip()
        after = paragraph[bold.end() :]
        if inner and inner[-1] in _DASHES:
            found = parse_dateline(inner + " ")
            if found is not None and found.end >= len(inner):
                return after.strip(), found.place, found.agency
        found = parse_dateline(inner + " - ")
        if found is not None and after[:1] in _DASHES:
            return after[1:].strip(), found.place, found.agency
    found = parse_dateline(paragraph)
    if found is not None and paragraph[found.end :].strip():
        return paragraph[found.end :].strip(), found.place, found.agency
    return paragraph, "", ""


def _plain(markdown: str) -> str:
    text = re.sub(r"^#+\s*", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.replace("**", "").replace("__", "").split())


def parse_html(markup: str, path: Path) -> tuple[dict[str, str], list[str], str]:
    """Extract front matter values, Markdown paragraphs and the `<html lang>` hint from a page."""
    import trafilatura

    caption, h1, lang_hint = _page_facts(markup, path)
    body = trafilatura.extract(
        markup,
        output_format="markdown",
        include_formatting=True,
        include_links=True,
        include_images=False,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
        with_metadata=False,
    )
    info = trafilatura.extract_metadata(markup)
    title = h1 or squash(_SCRIPT_OR_TAG.sub(" ", info.title if info and info.title else ""))
    date = info.date if info and info.date else ""
    url = info.url if info and info.url and info.url.startswith("http") else ""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body or "") if p.strip()]
    # Drop what the extraction kept of the page head: the title, date lines, the caption.
    while paragraphs:
        plain = _plain(paragraphs[0])
        if title and plain.casefold() == title.casefold():
            paragraphs.pop(0)
        elif (found := parse_date_line(plain)) is not None:
            date = date or found.isoformat()
            paragraphs.pop(0)
        elif caption and plain.casefold() == caption.casefold():
            paragraphs.pop(0)
        elif not caption and len(paragraphs) > 1 and _looks_like_caption(plain):
            caption = plain
            paragraphs.pop(0)
        else:
            break
    if title:  # the heading repeated further down (after an unreadable date line, say)
        paragraphs = [p for p in paragraphs if _plain(p).casefold() != title.casefold()]
    meta = {"title": title, "date": date, "caption": caption, "source_url": url}
    if paragraphs:
        rest, place, agency = _strip_dateline(paragraphs[0])
        if place:
            paragraphs[0] = rest[:1].upper() + rest[1:]
            meta["place"], meta["agency"] = place, agency
    return meta, paragraphs, lang_hint


def _looks_like_caption(plain: str) -> bool:
    return len(plain.split()) <= 15 and bool(_CAPTION_WORDS.search(plain))


def import_html(
    text: str, path: Path, lang: str | None = None, source_url: str | None = None
) -> ImportedArticle:
    """Import an HTML article page (never fetches anything): title, date, caption, body."""
    meta, paragraphs, lang_hint = parse_html(text, path)
    if source_url:
        meta["source_url"] = source_url
    if not paragraphs:
        raise SourceError("no article text found in the HTML page", path)
    if lang is None:
        try:
            lang = detect_language(meta["title"] + "\n" + "\n".join(paragraphs), path)
        except SourceError:
            if lang_hint not in IMPORT_LANGUAGES:
                raise
            lang = lang_hint
    return finish(meta, paragraphs, path, lang)

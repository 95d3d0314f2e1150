"""Turning an article and its approved translations into page data and HTML/JSON/Atom text."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from transflow.po.catalog import Message
from transflow.publish import interface
from transflow.publish.dates import format_date, format_dateline
from transflow.publish.lacinka import LANG_TAG as LATIN_TAG
from transflow.publish.lacinka import to_lacinka
from transflow.source import markup, segment
from transflow.source.model import META_KINDS, Article, Block

if TYPE_CHECKING:
    from transflow.publish.media import Picture

LANGUAGE_NAMES = {"be": "Беларуская", "ru": "Русский", "en": "English", LATIN_TAG: "Łacinka"}
#: Open Graph locales of the editions.
OG_LOCALES = {"be": "be_BY", "ru": "ru_RU", "en": "en_GB", LATIN_TAG: "be_BY"}


@dataclass
class Segmented:
    """A block's sentences and the whitespace between them (from the source text)."""

    block: Block
    sentences: list[str]
    separators: list[str]


@dataclass
class Rendition:
    """One article in one language: its translated blocks, coverage and provenance."""

    lang: str
    title: str
    caption: str
    blocks: list[dict] = field(
        default_factory=list
    )  # {"kind","text","html","level","marker","state"}
    total: int = 0
    approved: int = 0
    machine: int = 0
    missing: int = 0
    title_approved: bool = False

    @property
    def description(self) -> str:
        """Plain text of the first lead or paragraph, cut at a word near 300 characters."""
        text = next((b["plain"] for b in self.blocks if b["kind"] in ("lead", "paragraph")), "")
        return shorten(text, 300)

    @property
    def coverage(self) -> float:
        """Share of segments approved (1.0 for the source language)."""
        return round(self.approved / self.total, 4) if self.total else 1.0


def shorten(text: str, limit: int) -> str:
    """`text` cut at the last space before `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def segment_article(article: Article) -> list[Segmented]:
    """Split every block of the article into sentences, keeping the separators."""
    out = []
    for block in article.blocks:
        sentences, separators = segment.split(block.text, article.lang)
        out.append(Segmented(block, sentences, separators))
    return out


Lookup = Callable[[str], tuple[str, str] | None]  # msgid -> (text, state) or None


def catalog_lookup(messages: list[Message], preview: bool) -> Lookup:
    """A lookup over a catalog: approved entries; in preview also fuzzy drafts (state "mt")."""
    table: dict[str, tuple[str, str]] = {}
    for m in messages:
        if m.obsolete or not m.msgid or not m.translated:
            continue
        if m.approved:
            table[m.msgid] = (m.msgstr, "approved")
        elif preview:
            table[m.msgid] = (m.msgstr, "mt")
    return table.get


def build_rendition(
    article: Article,
    segmented: list[Segmented],
    lang: str,
    lookup: Lookup | None,
    preview: bool = False,
    transform: Callable[[str], str] | None = None,
) -> Rendition:
    """Translate block by block. Missing sentences are dropped (published) or marked (preview)."""
    rendition = Rendition(lang=lang, title="", caption="")
    for item in segmented:
        parts: list[str] = []
        html_parts: list[str] = []
        all_approved = True
        for sentence in item.sentences:
            rendition.total += 1
            found = (sentence, "approved") if lookup is None else lookup(sentence)
            if found is None or found[1] != "approved":
                all_approved = False
            if found is None:
                rendition.missing += 1
                if preview:
                    parts.append(sentence)
                    html_parts.append(_mark(sentence, item.block, "missing", article.lang))
                continue
            text, state = found
            if transform:
                text = transform(text)
            if state == "approved":
                rendition.approved += 1
                html_parts.append(markup.to_html(text, item.block.spans))
            else:
                rendition.machine += 1
                html_parts.append(_mark(text, item.block, "mt", lang))
            parts.append(text)
        if not parts:
            continue
        seps = item.separators
        text = _join(parts, seps)
        html = _join(html_parts, seps)
        plain = markup.to_text(text, item.block.spans)
        entry = {
            "kind": item.block.kind,
            "text": text,
            "plain": plain,
            "html": html,
            "level": item.block.level,
            "marker": item.block.marker,
        }
        if item.block.kind == "title":
            rendition.title = plain
            rendition.title_approved = all_approved
            rendition.blocks.append({**entry})
        elif item.block.kind == "caption":
            rendition.caption = plain
            rendition.blocks.append({**entry})
        else:
            rendition.blocks.append(entry)
    return rendition


def _join(parts: list[str], separators: list[str]) -> str:
    inner = separators[1:-1] if len(separators) == len(parts) + 1 else []
    out = parts[0]
    for i, part in enumerate(parts[1:]):
        out += (inner[i] if i < len(inner) else " ") + part
    return out


def _mark(text: str, block: Block, state: str, lang: str) -> str:
    inner = markup.to_html(text, block.spans)
    return f'<span class="{state}" lang="{escape(lang)}">{inner}</span>'


def latin_transform(text: str) -> str:
    """Belarusian Cyrillic -> Łacinka, for the derived be-Latn edition."""
    return to_lacinka(text)


class Renderer:
    """The Jinja2 environment (autoescape everywhere) and the three page kinds."""

    def __init__(self, templates_dir: Path | None = None):
        loaders = [PackageLoader("transflow.publish", "templates")]
        if templates_dir is not None and Path(templates_dir).is_dir():
            loaders.insert(0, FileSystemLoader(str(templates_dir)))
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def article_html(
        self,
        article: Article,
        rendition: Rendition,
        place: str,
        agency: str,
        alternates: list[dict],
        preview: bool = False,
        picture: Picture | None = None,
        base_url: str = "",
        outdated: str = "",
    ) -> str:
        """The HTML page of one article in one language.

        `picture` is the article's image (see publish.media); `base_url` ([publish] base_url)
        makes the canonical link and the Open Graph URLs absolute. `outdated` is the date
        (written out) of the source version an outdated page translates: the page then carries
        the notice that the original has since been updated.
        """
        lang = rendition.lang
        body = _group_lists([b for b in rendition.blocks if b["kind"] not in META_KINDS])
        meta = {b["kind"]: b for b in rendition.blocks if b["kind"] in META_KINDS}
        title_block = meta.get("title")
        caption_block = meta.get("caption")
        page_url = f"{lang}/{article.slug}.html"
        canonical = f"{base_url}{page_url}" if base_url else f"{article.slug}.html"
        image = None
        if picture is not None:
            alt = meta.get("image-alt")
            image = {
                "src": picture.src_from_page,
                "alt": alt["plain"] if alt else "",
                "url": picture.absolute(base_url),
                "caption_html": Markup(caption_block["html"]) if caption_block else "",
            }
        author = meta.get("author")
        page = {
            "lang": lang,
            "slug": article.slug,
            "title": rendition.title,
            "title_html": Markup(title_block["html"]) if title_block else "",
            "description": rendition.description,
            "date_iso": article.date.isoformat(),
            "date_text": format_date(article.date, lang),
            "dateline": _dateline(article, place, agency, lang),
            "dash": "–",
            "alternates": alternates,
            "preview": preview,
            "labels": interface.labels(lang),
            "notice": interface.outdated_notice(lang, outdated) if outdated else "",
            "body": [_html_block(b) for b in body],
            "canonical": canonical,
            "og_url": f"{base_url}{page_url}" if base_url else "",
            "og_locale": OG_LOCALES.get(lang, ""),
            "og_alternates": sorted(
                {OG_LOCALES[a["lang"]] for a in alternates if a["lang"] in OG_LOCALES}
                - {OG_LOCALES.get(lang, "")}
            ),
            "image": image,
            "byline": interface.byline(lang, author["plain"]) if author else "",
            "translated_from": interface.translated_from(lang, article.lang),
        }
        return self.env.get_template("article.html").render(page=page)

    def index_html(
        self,
        lang: str,
        items: list[dict],
        others: list[dict] | None = None,
        feed: bool = True,
        **extra: Any,
    ) -> str:
        """A list of articles of a language, newest first, each with its lead, with the other
        indexes. `feed`: whether the language has a feed to link to (the preview has none);
        `extra`: title, months of the archive, pager links, feed_href."""
        labels = interface.labels(lang)
        page = {
            "feed": feed,
            "lang": lang,
            "title": labels["index"],
            "articles": items,
            "labels": labels,
            "others": others or [],
            "pager": None,
            "months": [],
            "feed_href": "feed.atom",
            **extra,
        }
        return self.env.get_template("index.html").render(page=page)

    def feed_atom(self, feed: dict) -> str:
        """The Atom feed of a language."""
        return self.env.get_template("feed.atom").render(feed=feed)


def _html_block(block: dict) -> dict:
    out = dict(block)
    if "html" in out:
        out["html"] = Markup(out["html"])
    if "items" in out:
        out["items"] = [{**i, "html": Markup(i["html"])} for i in out["items"]]
    return out


def _group_lists(blocks: list[dict]) -> list[dict]:
    """Consecutive list items become one list block (ordered when the marker is a number)."""
    out: list[dict] = []
    for b in blocks:
        if b["kind"] == "list-item":
            tag = "ol" if b["marker"][:1].isdigit() else "ul"
            if out and out[-1]["kind"] == "list" and out[-1]["tag"] == tag:
                out[-1]["items"].append(b)
            else:
                out.append({"kind": "list", "tag": tag, "items": [b]})
        else:
            out.append(b)
    return out


def _dateline(article: Article, place: str, agency: str, lang: str) -> str:
    """The localized dateline, or "" when the article has neither place nor agency to show."""
    if not (place or agency):
        return ""
    return format_dateline(place, article.date, agency, lang)


#: Blocks that JSON gives as fields of their own rather than in "blocks".
_OWN_FIELDS = ("author", "image-alt")


def article_json(
    article: Article,
    rendition: Rendition,
    place: str,
    agency: str,
    alternates: list[dict],
    provenance: dict,
    picture: Picture | None = None,
) -> str:
    """The structured JSON of one article in one language (stable key order).

    Fields of `dist/<lang>/<slug>.json` (schema 1):

    - ``schema``: 1; ``slug``; ``lang``: the language of this rendering (``be``, ``ru``, ``en``,
      ``be-Latn``); ``source_lang``: the language the article was written in.
    - ``title``, ``description`` (plain text, the first paragraph cut near 300 characters),
      ``caption`` (plain text, "" when none).
    - ``date``: ISO date; ``date_text``: the date written out in ``lang`` ("9 сакавіка 2021 г.");
      ``dateline``: place, day and agency in ``lang`` ("МІНСК, 9 сакавіка (БЕЛТА)"), "" when none.
    - ``blocks``: the article in order, each ``{"kind", "text", "html"}`` where kind is one of
      title, lead, paragraph, heading, quote, list-item, caption; ``text`` is plain text, ``html``
      the same with inline markup restored (only strong, em, code and http/https/mailto links;
      everything else escaped); headings add ``level``, list items ``level`` and ``marker``.
    - ``alternates``: ``{lang: relative URL}`` of the other published languages of the article.
    - ``coverage``: share of the article's segments that are approved (0..1; 1 for the source).
    - ``provenance``: ``{"origin", "segments", "approved", "machine", "missing"}``: origin is
      "source", "approved" (reviewed catalog) or "derived from be" (Łacinka); the counts are
      segments (sentences); machine and missing are non-zero only in preview renderings.
    """
    blocks = []
    extra = {b["kind"]: b["plain"] for b in rendition.blocks if b["kind"] in _OWN_FIELDS}
    for b in rendition.blocks:
        if b["kind"] in _OWN_FIELDS:
            continue
        block = {"kind": b["kind"], "text": b["plain"], "html": b["html"]}
        if b["kind"] == "heading":
            block["level"] = b["level"]
        elif b["kind"] == "list-item":
            block.update(level=b["level"], marker=b["marker"])
        blocks.append(block)
    data = {
        "schema": 1,
        "slug": article.slug,
        "lang": rendition.lang,
        "source_lang": article.lang,
        "title": rendition.title,
        "description": rendition.description,
        "date": article.date.isoformat(),
        "date_text": format_date(article.date, rendition.lang),
        "dateline": _dateline(article, place, agency, rendition.lang),
        "caption": rendition.caption,
        "author": extra.get("author", ""),
        "image": (
            {"src": picture.src_from_page, "alt": extra.get("image-alt", "")} if picture else None
        ),
        "blocks": blocks,
        "alternates": {a["lang"]: a["href"] for a in alternates},
        "coverage": rendition.coverage,
        "provenance": provenance,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

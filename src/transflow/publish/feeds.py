"""Per language: index.html (the newest pages online, with links to the monthly archive) and
feed.atom (the newest entries); both bounded, so they do not grow with the archive.

Everything here is derived from the article infos (and so from the publish record): times come
from the record, never from the clock, so a clean build writes the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from transflow.publish.dates import format_date, iso_datetime
from transflow.publish.interface import labels
from transflow.publish.manifest import ArticleInfo
from transflow.publish.render import LANGUAGE_NAMES, Renderer

MANIFEST = "manifest.json"
ONLINE = ("published", "outdated")


def index_items(articles: list[ArticleInfo], drafts: bool = False) -> dict[str, list[dict]]:
    """Per language, the pages online (with `drafts`, every page rendered), newest first."""
    per_lang: dict[str, list[dict]] = {}
    for article in articles:
        if article.withdrawn_at:
            continue
        for lang, info in article.languages.items():
            online = drafts or info.get("status") in ONLINE
            if not online or "html" not in info.get("outputs", {}):
                continue
            per_lang.setdefault(lang, []).append(
                {
                    "slug": article.slug,
                    "date": article.date,
                    "title": info.get("title") or article.slug,
                    "description": info.get("description", ""),
                    "href": f"{article.slug}.html",
                    "updated": info.get("updated") or iso_datetime(article.date),
                }
            )
    for items in per_lang.values():
        items.sort(key=lambda i: (i["date"], i["slug"]), reverse=True)
    return per_lang


def index_title(lang: str) -> str:
    """The title of a language's index page and feed."""
    return labels(lang)["index"]


def render_indexes(
    renderer: Renderer,
    per_lang: dict[str, list[dict]],
    base_url: str = "",
    *,
    page_size: int = 50,
    feed_entries: int = 50,
    months: dict[str, list[str]] | None = None,
    feeds: bool = True,
) -> dict[str, str]:
    """Relative path -> text of every language's index.html (the newest `page_size` items and
    the archive's months) and, with `feeds`, feed.atom (the newest `feed_entries`); `per_lang`
    is newest first and may hold only the newest items."""
    files: dict[str, str] = {}
    months = months or {}
    indexes = [
        {"lang": lang, "name": LANGUAGE_NAMES.get(lang, lang), "href": f"../{lang}/"}
        for lang in sorted(per_lang)
    ]
    for lang, items in sorted(per_lang.items()):
        shown = [
            dict(i, date_iso=i["date"], date_text=format_date(i["date"], lang))
            for i in items[:page_size]
        ]
        others = [i for i in indexes if i["lang"] != lang]
        archive = [{"href": f"archive/{m}.html", "text": m} for m in months.get(lang, [])]
        files[f"{lang}/index.html"] = renderer.index_html(
            lang, shown, others, months=archive, feed=feeds
        )
        if not feeds:
            continue
        entries = [
            {
                "id": f"urn:transflow:article:{i['slug']}:{lang}",
                "title": i["title"],
                "published": iso_datetime(i["date"]),
                "updated": i["updated"],
                "href": i["href"],
                "summary": i["description"] or i["title"],
            }
            for i in items[:feed_entries]
        ]
        feed = {
            "base": f"{base_url}{lang}/" if base_url else "",
            "lang": lang,
            "id": f"urn:transflow:feed:{lang}",
            "title": index_title(lang),
            "updated": max((e["updated"] for e in entries), default=iso_datetime("2000-01-01")),
            "entries": entries,
        }
        files[f"{lang}/feed.atom"] = renderer.feed_atom(feed)
    return files


def stale_files(
    dist: Path, keep: set[str], skip: tuple[str, ...] = ("preview", "review")
) -> list[Path]:
    """Pages, feeds and manifests under `dist` that the build no longer produces."""
    stale = []
    if not dist.is_dir():
        return stale
    for path in sorted(dist.rglob("*")):
        rel = path.relative_to(dist).as_posix()
        if rel.split("/", 1)[0] in skip or not path.is_file():
            continue
        if path.suffix in (".html", ".json", ".atom") and rel not in keep:
            stale.append(path)
    return stale

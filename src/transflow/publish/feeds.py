"""dist/manifest.json, and per language index.html and feed.atom, from the render records.

What is online is what `dist/<lang>/` holds: a language that fell below its publish threshold is
`pending`, but the page it published before stays in place (never deleted) and stays listed in the
manifest, in the index and in the feed, with the sha256 and size of the file as it is on disk.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from transflow.publish.dates import format_date, iso_datetime
from transflow.errors import TransflowError
from transflow.fsutil import sha256_bytes, write_if_changed
from transflow.publish.lacinka import to_lacinka
from transflow.pipeline.project import Project, SourceFile

MANIFEST = "manifest.json"
KINDS = ("html", "json")


def utc_now() -> str:
    """The current time as an RFC 3339 UTC timestamp (whole seconds)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def previous_manifest(dist: Path) -> dict[str, dict]:
    """The articles of the manifest written last time, by slug ({} when none or unreadable)."""
    try:
        data = json.loads((dist / MANIFEST).read_text("utf-8"))
        return {a["slug"]: a for a in data.get("articles", []) if isinstance(a, dict)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def online_outputs(dist: Path, lang: str, slug: str) -> dict[str, dict]:
    """The outputs of `slug` in `lang` as they are on disk now: path, sha256, size."""
    out = {}
    for kind in KINDS:
        rel = f"{lang}/{slug}.{kind}"
        try:
            raw = (dist / rel).read_bytes()
        except OSError:
            continue
        out[kind] = {"path": rel, "sha256": sha256_bytes(raw), "size": len(raw)}
    return out


def _page_facts(dist: Path, rel: str) -> dict:
    """Title and description of a page kept online, read back from its JSON rendering."""
    try:
        data = json.loads((dist / rel).read_text("utf-8"))
        return {
            "title": str(data.get("title", "")),
            "description": str(data.get("description", "")),
        }
    except (OSError, ValueError, AttributeError):
        return {}


def _article_date(project: Project, source: SourceFile, record: dict, old: dict) -> str | None:
    date = record.get("date") or old.get("date")
    if date:
        return str(date)
    try:
        return project.load(source).date.isoformat()
    except TransflowError:
        return None


def build_manifest(project: Project, sources: list[SourceFile], now: str) -> tuple[dict, dict]:
    """The manifest data and, per language, the index items of everything online."""
    dist = project.config.dist_dir
    previous = previous_manifest(dist)
    articles = []
    per_lang: dict[str, list[dict]] = {}
    for source in sorted(sources, key=lambda s: s.slug):
        record = project.state.get(f"render:{source.slug}")
        old_article = previous.get(source.slug, {})
        langs = record.get("langs") or {}
        old_langs = old_article.get("languages", {}) if isinstance(old_article, dict) else {}
        date = _article_date(project, source, record, old_article)
        if date is None:
            continue
        entry_langs = {}
        for lang in sorted(set(langs) | set(old_langs)):
            info = langs.get(lang)
            old = old_langs.get(lang, {}) if isinstance(old_langs.get(lang), dict) else {}
            if info is None:  # not rendered this time (the article failed): keep what is online
                info = {"status": "pending", "coverage": old.get("coverage", 0.0)}
            outputs = info.get("outputs") or online_outputs(dist, lang, source.slug)
            item: dict = {
                "status": info["status"],
                "coverage": info["coverage"],
                "outputs": outputs,
            }
            facts = {"title": info.get("title", ""), "description": info.get("description", "")}
            if not info.get("outputs") and "json" in outputs:
                facts = _page_facts(dist, outputs["json"]["path"]) or facts
            if facts.get("title"):
                item["title"] = facts["title"]
            if outputs:
                unchanged = old.get("outputs") == outputs and old.get("updated")
                item["updated"] = old["updated"] if unchanged else now
            entry_langs[lang] = item
            if "html" in outputs:
                per_lang.setdefault(lang, []).append(
                    {
                        "slug": source.slug,
                        "date": date,
                        "title": item.get("title") or source.slug,
                        "description": facts.get("description", ""),
                        "href": f"{source.slug}.html",
                        "updated": item["updated"],
                    }
                )
        if entry_langs:
            articles.append(
                {
                    "slug": source.slug,
                    "source_lang": source.lang,
                    "date": date,
                    "languages": entry_langs,
                }
            )
    manifest = {
        "schema": 1,
        "generated_from": project.rel(project.config.source_dir),
        "articles": articles,
    }
    return manifest, per_lang


def index_title(lang: str) -> str:
    """The title of a language's index page and feed."""
    from transflow.publish.render import LABELS

    labels = LABELS.get(lang) or {k: to_lacinka(v) for k, v in LABELS["be"].items()}
    return labels["index"]


def write_indexes(
    project: Project, sources: list[SourceFile], report, now: str | None = None
) -> dict:
    """Write dist/manifest.json and, per language, index.html and feed.atom; return the manifest.

    `now` (RFC 3339) stamps the `updated` time of outputs that changed since the last manifest;
    outputs whose sha256 did not change keep their old time, so an unchanged build rewrites nothing.
    """
    from transflow.publish.render import LANGUAGE_NAMES, Renderer

    dist = project.config.dist_dir
    renderer = Renderer(project.config.templates_dir)
    manifest, per_lang = build_manifest(project, sources, now or utc_now())
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if write_if_changed(dist / MANIFEST, text):
        report.add("render", dist / MANIFEST)
    indexes = [
        {"lang": lang, "name": LANGUAGE_NAMES.get(lang, lang), "href": f"../{lang}/"}
        for lang in sorted(per_lang)
    ]
    for lang, items in sorted(per_lang.items()):
        items.sort(key=lambda i: (i["date"], i["slug"]), reverse=True)
        for item in items:
            item["date_iso"] = item["date"]
            item["date_text"] = format_date(item["date"], lang)
        others = [i for i in indexes if i["lang"] != lang]
        html = renderer.index_html(lang, items, others)
        entries = [
            {
                "id": f"urn:transflow:article:{i['slug']}:{lang}",
                "title": i["title"],
                "published": iso_datetime(i["date"]),
                "updated": i["updated"],
                "href": i["href"],
                "summary": i["description"] or i["title"],
            }
            for i in items
        ]
        base = project.config.publish.base_url
        feed = {
            "base": f"{base}{lang}/" if base else "",
            "lang": lang,
            "id": f"urn:transflow:feed:{lang}",
            "title": index_title(lang),
            "updated": max((e["updated"] for e in entries), default=iso_datetime("2000-01-01")),
            "entries": entries,
        }
        for name, body in (("index.html", html), ("feed.atom", renderer.feed_atom(feed))):
            if write_if_changed(dist / lang / name, body):
                report.add("render", dist / lang / name)
    return manifest

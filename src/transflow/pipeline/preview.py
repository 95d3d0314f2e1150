"""Index pages of the preview tree (dist/preview/<lang>/index.html), so that its links work too."""

from __future__ import annotations

from pathlib import Path

from transflow.fsutil import write_if_changed
from transflow.pipeline.project import Project
from transflow.publish.dates import format_date
from transflow.publish.publisher import PublishReport
from transflow.publish.render import LANGUAGE_NAMES, Renderer


def write_preview_indexes(project: Project, result: PublishReport) -> list[Path]:
    """Write an index per language of the drafts `result` rendered; return the files changed."""
    dates = {s.slug: project.load(s).date.isoformat() for s in project.scan()}
    per_lang: dict[str, list[dict]] = {}
    for slug, langs in result.languages.items():
        for lang, info in langs.items():
            if "html" not in info.get("outputs", {}) or slug not in dates:
                continue
            per_lang.setdefault(lang, []).append(
                {
                    "slug": slug,
                    "href": f"{slug}.html",
                    "title": info.get("title") or slug,
                    "description": info.get("description", ""),
                    "date": dates[slug],
                }
            )
    folder = project.config.dist_dir / "preview"
    renderer = Renderer(project.config.templates_dir)
    written = []
    for lang, items in sorted(per_lang.items()):
        items.sort(key=lambda i: (i["date"], i["slug"]), reverse=True)
        for item in items:
            item["date_iso"] = item["date"]
            item["date_text"] = format_date(item["date"], lang)
        others = [
            {"lang": other, "name": LANGUAGE_NAMES.get(other, other), "href": f"../{other}/"}
            for other in sorted(per_lang)
            if other != lang
        ]
        path = folder / lang / "index.html"
        if write_if_changed(path, renderer.index_html(lang, items, others, feed=False)):
            written.append(path)
    return written

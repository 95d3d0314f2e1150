"""Index: the project-wide outputs after the articles are rendered: tombstones for deleted
articles, dist/manifest.json, per-language index pages and feeds, the removal of pages no longer
produced, and the list of orphaned catalogs. It runs on every build; it writes only what changed.
"""

from __future__ import annotations

from transflow.fsutil import write_if_changed
from transflow.pipeline.orphans import find_orphans
from transflow.pipeline.steps import Context
from transflow.publish.feeds import MANIFEST, index_items, render_indexes, stale_files
from transflow.publish.manifest import ArticleInfo, build_manifest, format_manifest
from transflow.publish.publisher import Publisher
from transflow.publish.record import PublishRecord
from transflow.publish.render import Renderer

NAME = "render"  # its files count with the render step's


def render_key(slug: str, preview: bool) -> str:
    """The build-state key of an article's render record."""
    return f"render:preview:{slug}" if preview else f"render:{slug}"


def run(ctx: Context) -> dict:
    """Write manifest, indexes and feeds (dist/ or dist/preview/); return the manifest data."""
    project, config = ctx.project, ctx.project.config
    preview = bool(ctx.option("preview"))
    dist = config.dist_dir / "preview" if preview else config.dist_dir
    articles: list[ArticleInfo] = []
    keep: set[str] = set()
    known = set()
    for source in sorted(ctx.all_sources, key=lambda s: s.slug):
        known.add(source.slug)
        record = project.state.get(render_key(source.slug, preview))
        if "langs" not in record:  # it failed to render: what it had online stays as it is
            keep.update(p.relative_to(dist).as_posix() for p in dist.glob(f"*/{source.slug}.*"))
            continue
        langs = record["langs"]
        withdrawn = [i.get("withdrawn_at") for i in langs.values() if i.get("withdrawn_at")]
        articles.append(
            ArticleInfo(
                slug=source.slug,
                source_lang=record.get("source_lang", source.lang),
                date=record["date"],
                languages=langs,
                withdrawn_at=max(withdrawn) if record.get("withdrawn") and withdrawn else None,
            )
        )
    if not preview:
        articles += _tombstones(ctx, known)
    for article in articles:
        for info in article.languages.values():
            keep.update(o["path"] for o in info.get("outputs", {}).values())
    per_lang = index_items(articles, drafts=preview)
    renderer = Renderer(config.templates_dir)
    if preview:
        files = render_indexes(renderer, per_lang, feeds=False)
    else:
        files = render_indexes(renderer, per_lang, config.publish.base_url)
    manifest = build_manifest(articles, project.rel(config.source_dir))
    if not preview:
        files[MANIFEST] = format_manifest(manifest)
    for rel, text in sorted(files.items()):
        keep.add(rel)
        if write_if_changed(dist / rel, text):
            ctx.report.add(NAME, dist / rel)
    if not preview:
        for path in stale_files(dist, keep):
            path.unlink()
            ctx.report.add(NAME, path)
    ctx.report.orphans = orphaned_catalogs(ctx)
    return manifest


def _tombstones(ctx: Context, known: set[str]) -> list[ArticleInfo]:
    """Articles whose source is gone but whose editions are in the record: withdrawn."""
    config = ctx.project.config
    record = PublishRecord(config.record_dir)
    gone = sorted(record.slugs() - known)
    if not gone:
        return []
    publisher = Publisher(ctx.project, None)
    out = []
    for slug in gone:
        editions = record.editions(slug)
        if not editions:
            continue
        langs = publisher.withdraw(slug, editions, "its source article was deleted")
        first = next(iter(editions.values()))
        out.append(
            ArticleInfo(
                slug=slug,
                source_lang=first.source_lang,
                date=first.date,
                languages=langs,
                withdrawn_at=max(i["withdrawn_at"] for i in langs.values()),
            )
        )
    return out


def orphaned_catalogs(ctx: Context) -> list[str]:
    """POT and PO files (relative paths) whose article has no source file."""
    slugs = [s.slug for s in ctx.all_sources]
    return [ctx.project.rel(p) for p in find_orphans(ctx.project, slugs)]

"""Index: the project-wide outputs after the articles are rendered: tombstones for deleted
articles, the sharded manifest, the changes feed, per-language index pages, archive and feeds,
the removal of pages no longer produced, and the list of orphaned catalogs.

Its work follows the change: when no article's render record and no shared input changed, it does
nothing; otherwise it rebuilds only the months (shards, archive pages) that hold a changed article,
plus the bounded front pages and feeds. A change of a shared input (configuration, templates, the
changes log) or a lost build state rebuilds everything, which gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from transflow.fsutil import write_if_changed
from transflow.pipeline.orphans import find_orphans
from transflow.pipeline.state import fingerprint
from transflow.pipeline.steps import Context
from transflow.publish import changes as feed
from transflow.publish.archive import month_pages
from transflow.publish.feeds import index_items, render_indexes, stale_files
from transflow.publish.lacinka import LANG_TAG as LATIN_TAG
from transflow.publish.manifest import ArticleInfo, manifest_entry
from transflow.publish.publisher import Publisher
from transflow.publish.record import PublishRecord
from transflow.publish.render import Renderer
from transflow.publish.shards import (
    MANIFEST,
    month_of,
    root_text,
    shard_info,
    shard_path,
    shard_text,
)

NAME = "render"  # its files count with the render step's


def render_key(slug: str, preview: bool) -> str:
    """The build-state key of an article's render record."""
    return f"render:preview:{slug}" if preview else f"render:{slug}"


class _Index:
    """One run of the index step (the state it reads and the files it writes)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.project = ctx.project
        self.config = ctx.project.config
        self.state = ctx.project.state
        self.preview = bool(ctx.option("preview"))
        self.dist = self.config.dist_dir / "preview" if self.preview else self.config.dist_dir
        self.key = "index:preview" if self.preview else "index"
        self.log_path = self.config.record_dir / feed.LOG
        self.infos: dict[str, ArticleInfo | None] = {}
        self.files: dict[str, str] = {}  # relative path -> text to write

    def base(self) -> str:
        """What every output depends on besides the articles."""
        parts: list[Path | str] = [self.config.raw.decode("utf-8", "replace")]
        parts.append(f"preview={self.preview}")
        templates = self.config.templates_dir
        if templates is not None and templates.is_dir():
            parts += sorted(p for p in templates.rglob("*") if p.is_file())
        if not self.preview:
            parts.append(self.log_path)
        return self.ctx.fingerprint(parts)

    def info(self, slug: str) -> ArticleInfo | None:
        """The article as its render record left it (None when it failed to render)."""
        if slug not in self.infos:
            record = self.state.get(render_key(slug, self.preview))
            found = None
            if "langs" in record:
                langs = record["langs"]
                withdrawn = [i.get("withdrawn_at") for i in langs.values() if i.get("withdrawn_at")]
                found = ArticleInfo(
                    slug=slug,
                    source_lang=record.get("source_lang", ""),
                    date=record["date"],
                    languages=langs,
                    withdrawn_at=max(withdrawn) if record.get("withdrawn") and withdrawn else None,
                )
            self.infos[slug] = found
        return self.infos[slug]


def run(ctx: Context) -> None:
    """Write what the changed articles touch of manifest, changes, indexes, archive and feeds."""
    job = _Index(ctx)
    state = job.state
    slugs = sorted(s.slug for s in ctx.all_sources)
    prefix = render_key("", job.preview)
    recorded = state.inputs_under(prefix)
    inputs = {slug: recorded.get(prefix + slug, "") for slug in slugs}

    def whole(base: str) -> str:
        return fingerprint([base, *(f"{slug}\0{inputs[slug]}" for slug in slugs)])

    base = job.base()
    if state.fresh(job.key, whole(base), ctx.digest):
        ctx.report.orphans = list(state.get(job.key).get("orphans", []))
        return
    old = state.get(f"{job.key}:data")
    full = old.get("base") != base
    data = _update(job, {} if full else old, inputs, full)
    data["base"] = base = job.base()  # the changes log may have grown
    state.put(f"{job.key}:data", data, compare=False)
    outputs = [job.dist / rel for rel in data["files"]]
    state.record(job.key, whole(base), outputs, ctx.digest, orphans=data["orphans"])


def _update(job: _Index, old: dict[str, Any], inputs: dict[str, str], full: bool) -> dict:
    """Rebuild the months with a changed article (all of them when `full`) and what follows;
    return the index's data for the next run."""
    ctx, config = job.ctx, job.config
    articles: dict[str, list] = dict(old.get("articles", {}))  # slug -> [inputs, month|None]
    tombstones: dict[str, dict] = dict(old.get("tombstones", {}))
    shards: dict[str, dict] = dict(old.get("shards", {}))  # month -> root line + langs
    changed = [s for s in inputs if articles.get(s, [None])[0] != inputs[s]]
    removed = sorted(set(articles) - set(inputs))
    months: set[str] = set()
    for slug in removed:
        month = articles.pop(slug)[1]
        if month:
            months.add(month)
    for slug in changed:
        before = articles.get(slug, [None, None])[1]
        if before:
            months.add(before)
        info = job.info(slug)
        articles[slug] = [inputs[slug], month_of(info.date) if info else before]
        if info:
            months.add(month_of(info.date))
    new_tombs: list[ArticleInfo] = []
    if not job.preview:
        for slug in [s for s in tombstones if s in inputs]:  # a deleted article came back
            months.add(month_of(tombstones.pop(slug)["date"]))
        for info in _tombstones(ctx, set(inputs), None if full else removed):
            tombstones[info.slug] = _info_dict(info)
            months.add(month_of(info.date))
            new_tombs.append(info)
    if full:
        months |= {m for _, m in articles.values() if m}
        months |= {month_of(t["date"]) for t in tombstones.values()}
    by_month: dict[str, list[ArticleInfo]] = {}
    for slug in sorted(s for s, (_, month) in articles.items() if month in months):
        info = job.info(slug)
        if info is not None and month_of(info.date) == articles[slug][1]:
            by_month.setdefault(articles[slug][1], []).append(info)
    for entry in tombstones.values():
        if month_of(entry["date"]) in months:
            by_month.setdefault(month_of(entry["date"]), []).append(ArticleInfo(**entry))
    renderer = Renderer(config.templates_dir)
    for month in sorted(months):
        _month(job, renderer, month, sorted(by_month.get(month, []), key=lambda i: i.slug), shards)
    langs = sorted({lang for line in shards.values() for lang in line["langs"]})
    redo = set(months)
    if langs != sorted({lang for line in old.get("shards", {}).values() for lang in line["langs"]}):
        redo = set(shards)  # every archive page links the other languages: remake them all
        for slug in sorted(s for s, (_, month) in articles.items() if month in redo - months):
            if (info := job.info(slug)) is not None:
                by_month.setdefault(articles[slug][1], []).append(info)
    for month in sorted(redo & set(shards)) if not job.preview else []:  # drafts: one page
        for lang in sorted(shards[month]["langs"]):
            infos = sorted(by_month[month], key=lambda i: i.slug)
            job.files.update(
                month_pages(
                    renderer,
                    lang,
                    month,
                    index_items(infos, drafts=job.preview).get(lang, []),
                    config.publish.page_size,
                    langs,
                )
            )
    job.files.update(
        render_indexes(
            renderer,
            _newest(job, articles, shards, langs),
            "" if job.preview else config.publish.base_url,
            page_size=config.publish.page_size,
            feed_entries=config.publish.feed_entries,
            feeds=not job.preview,
            months={}
            if job.preview
            else {
                lang: sorted((m for m in shards if shards[m]["langs"].get(lang)), reverse=True)
                for lang in langs
            },
        )
    )
    data: dict[str, Any] = {"articles": articles, "tombstones": tombstones, "shards": shards}
    if not job.preview:
        changed_infos = [i for s in changed if (i := job.info(s)) is not None] + new_tombs
        data["last"], data["logged"] = _changes(job, old, changed_infos, by_month, full)
        lines = [{k: v for k, v in line.items() if k != "langs"} for line in shards.values()]
        generated_from = job.project.rel(config.source_dir)
        job.files[MANIFEST] = root_text(generated_from, lines, feed.summary(data["last"]))
    data["files"] = _write(job, old, months, changed + removed, tombstones, full)
    if full or removed or len(articles) != len(old.get("articles", {})):
        slugs = [s.slug for s in ctx.all_sources]
        data["orphans"] = [ctx.project.rel(p) for p in find_orphans(ctx.project, slugs)]
    else:
        data["orphans"] = list(old.get("orphans", []))
    ctx.report.orphans = data["orphans"]
    return data


def _info_dict(info: ArticleInfo) -> dict:
    return {
        "slug": info.slug,
        "source_lang": info.source_lang,
        "date": info.date,
        "languages": info.languages,
        "withdrawn_at": info.withdrawn_at,
    }


def _month(
    job: _Index, renderer: Renderer, month: str, infos: list[ArticleInfo], shards: dict
) -> None:
    """The shard of one month and its line in the root (with its items per language)."""
    if not infos:
        shards.pop(month, None)
        return
    items = index_items(infos, drafts=job.preview)
    line: dict[str, Any] = {"month": month}
    if not job.preview:
        text = shard_text(month, [manifest_entry(i) for i in infos])
        job.files[shard_path(month)] = text
        line = shard_info(month, text, len(infos))
    line["langs"] = {lang: len(v) for lang, v in sorted(items.items())}
    shards[month] = line


def _newest(
    job: _Index, articles: dict[str, list], shards: dict[str, dict], langs: list[str]
) -> dict[str, list[dict]]:
    """Per language, at least the newest max(page_size, feed_entries) index items."""
    want = max(job.config.publish.page_size, job.config.publish.feed_entries)
    members: dict[str, list[str]] = {}

    def members_of(month: str) -> list[str]:
        if not members:  # one pass over the articles, only when a front page is made
            for slug, (_, at) in articles.items():
                if at:
                    members.setdefault(at, []).append(slug)
        return sorted(members.get(month, []))

    out: dict[str, list[dict]] = {}
    for lang in langs:
        found: list[dict] = []
        for month in sorted((m for m in shards if shards[m]["langs"].get(lang)), reverse=True):
            infos = [i for s in members_of(month) if (i := job.info(s)) is not None]
            found += index_items(infos, drafts=job.preview).get(lang, [])
            if len(found) >= want:
                break
        found.sort(key=lambda i: (i["date"], i["slug"]), reverse=True)
        out[lang] = found
    return out


def _changes(
    job: _Index,
    old: dict[str, Any],
    changed: list[ArticleInfo],
    by_month: dict[str, list[ArticleInfo]],
    full: bool,
) -> tuple[int, dict[str, list]]:
    """Append the changes to published/changes.log and make the pages they touch; return the
    last sequence number and the last logged state of every article-language."""
    if full:
        log = feed.read_log(job.log_path)
        logged = feed.last_states(log)
        candidates = [i for infos in by_month.values() for i in infos]
        last = len(log)
    else:
        log = []
        logged = {tuple(k.split("\0", 1)): tuple(v) for k, v in old.get("logged", {}).items()}
        candidates = changed
        last = int(old.get("last", 0))
    fresh = feed.diff(candidates, logged)  # type: ignore[arg-type]
    first_page = feed.page_of(last + 1)
    if fresh:
        feed.append(job.log_path, last + 1, fresh)
        for item in fresh:
            logged[(item["slug"], item["lang"])] = (item["status"], item["digest"])
        last += len(fresh)
    if (full or fresh) and last:
        start = 0 if full else first_page
        first = start * feed.PAGE + 1
        log = feed.read_log(job.log_path, first) if fresh or not log else log[first - 1 :]
        for page in range(start, feed.page_of(last) + 1):
            job.files[feed.page_path(page)] = feed.page_text(page, log, first)
    return last, {f"{s}\0{lang}": list(v) for (s, lang), v in sorted(logged.items())}


def _outputs(info: ArticleInfo) -> set[str]:
    return {o["path"] for i in info.languages.values() for o in i.get("outputs", {}).values()}


def _index_file_of(rel: str, months: set[str]) -> bool:
    """True for an index file this run remakes if still produced: fronts, feeds, the root and
    the shards and archive pages of the given months."""
    if rel == MANIFEST or rel.endswith(("/index.html", "/feed.atom")) and rel.count("/") == 1:
        return True
    name = rel.rsplit("/", 1)[-1]
    month = name.split(".", 1)[0][:7]
    return month in months and (rel.startswith("manifest/") or "/archive/" in rel)


def _write(
    job: _Index,
    old: dict[str, Any],
    months: set[str],
    touched: list[str],
    tombstones: dict[str, dict],
    full: bool,
) -> list[str]:
    """Write the files made, delete the ones no longer produced; return every index file."""
    ctx, dist = job.ctx, job.dist
    before = set(old.get("files", []))
    stale = {rel for rel in before if _index_file_of(rel, months) and rel not in job.files}
    for rel in sorted(job.files):
        if write_if_changed(dist / rel, job.files[rel]):
            ctx.report.add(NAME, dist / rel)
    files = sorted((before - stale) | set(job.files))
    if job.preview:
        return files
    if full:
        keep = set(job.files)
        for source in ctx.all_sources:
            info = job.info(source.slug)
            if info is None:  # it failed to render: what it had online stays as it is
                keep.update(p.relative_to(dist).as_posix() for p in dist.glob(f"*/{source.slug}.*"))
                continue
            keep |= _outputs(info)
        for entry in tombstones.values():
            keep |= _outputs(ArticleInfo(**entry))
        doomed = stale_files(dist, keep)
    else:
        doomed = [dist / rel for rel in sorted(stale)]
        langs = [*job.config.languages, LATIN_TAG]
        known = {s.slug for s in ctx.all_sources}
        for slug in touched:
            info = job.info(slug) if slug in known else None
            if slug in known and info is None:
                continue  # it failed to render: what it had online stays as it is
            keep = _outputs(info) if info else set()
            if slug in tombstones:
                keep |= _outputs(ArticleInfo(**tombstones[slug]))
            doomed += [dist / f"{lang}/{slug}.{ext}" for lang in langs for ext in ("html", "json")]
            doomed = [p for p in doomed if p.relative_to(dist).as_posix() not in keep]
    for path in doomed:
        if path.is_file():
            path.unlink()
            ctx.report.add(NAME, path)
    return files


def _tombstones(ctx: Context, known: set[str], gone: list[str] | None) -> list[ArticleInfo]:
    """Articles whose source is gone but whose editions are in the record: withdrawn. `gone`
    lists the candidates (None: every slug of the record)."""
    config = ctx.project.config
    record = PublishRecord(config.record_dir)
    candidates = sorted((record.slugs() if gone is None else set(gone)) - known)
    if not candidates:
        return []
    publisher = Publisher(ctx.project, None)
    out = []
    for slug in candidates:
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

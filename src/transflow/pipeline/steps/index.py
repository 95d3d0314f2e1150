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
#: how many articles' render records the step keeps parsed at a time
INFO_CACHE = 4096


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
        self.mode = "preview" if self.preview else ""  # its rows in the state's index table
        self.log_path = self.config.record_dir / feed.LOG
        self.infos: dict[str, ArticleInfo | None] = {}
        self.made: set[str] = set()  # the files this run made (relative to dist/)

    def base(self) -> str:
        """What every output depends on besides the articles."""
        parts: list[Path | str] = [self.config.settings]
        parts.append(f"preview={self.preview}")
        templates = self.config.templates_dir
        if templates is not None and templates.is_dir():
            parts += sorted(p for p in templates.rglob("*") if p.is_file())
        if not self.preview:
            parts.append(self.log_path)
        return self.ctx.fingerprint(parts)

    def put(self, files: dict[str, str]) -> None:
        """Write index files (relative path -> text) as they are made: none is held back."""
        for rel in sorted(files):
            self.made.add(rel)
            path = self.dist / rel
            if write_if_changed(path, files[rel]):
                self.ctx.report.add(NAME, path)

    def info(self, slug: str) -> ArticleInfo | None:
        """The article as its render record left it (None when it failed to render)."""
        if slug not in self.infos:
            if len(self.infos) >= INFO_CACHE:  # a full rebuild reads them all: hold a few
                self.infos.clear()
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
    state.save()  # the render records, for the index's one query over them
    base = job.base()
    old = state.get(f"{job.key}:data")
    full = old.get("base") != base
    prefix = render_key("", job.preview)
    current = {s.slug for s in ctx.all_sources}
    if full:
        state.clear_indexed(job.mode)
        inputs = state.index_changes(job.mode, prefix)  # every render record now
        changed = sorted(current)
        removed: list[str] = []
    elif ctx.option("_touched") is not None:  # only these articles can have changed
        inputs, changed, removed = {}, [], []
        for slug in sorted(ctx.option("_touched")):
            row = state.indexed(job.mode, slug)
            recorded = state.get(render_key(slug, job.preview)).get("in", "")
            if slug not in current:
                if row is not None:
                    removed.append(slug)
            elif row is None or row[0] != recorded:
                inputs[slug] = recorded
                changed.append(slug)
    else:
        inputs = state.index_changes(job.mode, prefix)
        held = state.indexed_slugs(job.mode)
        changed = sorted(s for s in current if s in inputs or s not in held)
        removed = sorted(held - current)
        if not changed and not removed and state.fresh(job.key, base, ctx.digest):
            ctx.report.orphans = list(state.get(job.key).get("orphans", []))
            return
    changes = {s: inputs.get(s, "") for s in changed}
    data = _update(job, {} if full else old, changes, removed, current, full)
    data["base"] = base = job.base()  # the changes log may have grown
    state.put(f"{job.key}:data", data)
    before = state.get(job.key).get("out", {})
    outputs = {}
    for rel in data["files"]:  # a file this run did not make keeps the digest it had
        path = job.dist / rel
        key = state.rel(path)
        known = before.get(key) if rel not in job.made else None
        outputs[key] = known if known is not None else ctx.digest(path)
    state.put(job.key, {"in": base, "out": outputs, "orphans": data["orphans"]})


def _update(
    job: _Index,
    old: dict[str, Any],
    inputs: dict[str, str],
    removed: list[str],
    current: set[str],
    full: bool,
) -> dict:
    """Rebuild the months of the changed articles (`inputs`: slug -> its render record's
    inputs) and of the `removed` ones (all months when `full`) and what follows; return the
    index's data for the next run (its per-article part goes to the state's index table).
    `current`: every article of the project."""
    ctx, config, state, mode = job.ctx, job.config, job.state, job.mode
    tombstones: dict[str, dict] = dict(old.get("tombstones", {}))
    shards: dict[str, dict] = dict(old.get("shards", {}))  # month -> root line + langs
    # slug -> lang -> [status, digest] as last logged: the changed, the removed, the tombstones
    logged: dict[str, dict[str, list]] = {k: dict(v) for k, v in old.get("withdrawn", {}).items()}
    changed = sorted(inputs)
    months: set[str] = set()
    for slug in removed:
        row = state.indexed(mode, slug)
        if row is not None:
            if row[1]:
                months.add(row[1])
            logged[slug] = dict(row[2])
        state.put_indexed(mode, slug, None)
    new_slugs = False
    for slug in changed:
        row = state.indexed(mode, slug)
        new_slugs = new_slugs or row is None
        before = row[1] if row else None
        if before:
            months.add(before)
        info = job.info(slug)
        month = month_of(info.date) if info else before
        entry = logged[slug] = dict(row[2]) if row else dict(logged.get(slug, {}))
        state.put_indexed(mode, slug, (inputs[slug], month, entry))  # `entry` is logged below
        if month:
            months.add(month)
    new_tombs: list[ArticleInfo] = []
    if not job.preview:
        for slug in [s for s in tombstones if s in current]:  # a deleted article came back
            months.add(month_of(tombstones.pop(slug)["date"]))
        for info in _tombstones(ctx, current, None if full else removed):
            tombstones[info.slug] = _info_dict(info)
            months.add(month_of(info.date))
            new_tombs.append(info)
    if full:
        months |= {month_of(t["date"]) for t in tombstones.values()}

    def month_infos(month: str) -> list[ArticleInfo]:
        """The articles and tombstones of a month, by slug (made afresh each time: a full
        rebuild of a large archive never holds them all)."""
        infos = [
            info
            for slug in state.indexed_in(mode, month)
            if (info := job.info(slug)) is not None and month_of(info.date) == month
        ]
        infos += [ArticleInfo(**e) for e in tombstones.values() if month_of(e["date"]) == month]
        return sorted(infos, key=lambda i: i.slug)

    last = int(old.get("last", 0))
    if not job.preview and full:  # every article is compared with the log's last states
        lines = feed.log_lines(job.log_path)
        last = len(lines)
        for start in range(0, last, feed.PAGE):  # parsed a page at a time
            for item in feed.parse_lines(lines[start : start + feed.PAGE], start + 1, job.log_path):
                logged.setdefault(item["slug"], {})[item["lang"]] = [item["status"], item["digest"]]
        del lines
    known = _Logged(logged)
    fresh: list[dict] = []
    renderer = Renderer(config.templates_dir)
    for month in sorted(months):
        infos = month_infos(month)
        _month(job, renderer, month, infos, shards)
        if full and not job.preview:
            fresh += feed.diff(infos, known)  # type: ignore[arg-type]
    langs = sorted({lang for line in shards.values() for lang in line["langs"]})
    redo = set(months)
    if langs != sorted({lang for line in old.get("shards", {}).values() for lang in line["langs"]}):
        redo = set(shards)  # every archive page links the other languages: remake them all
    for month in sorted(redo & set(shards)) if not job.preview else []:  # drafts: one page
        infos = month_infos(month)
        for lang in sorted(shards[month]["langs"]):
            job.put(
                month_pages(
                    renderer,
                    lang,
                    month,
                    index_items(infos, drafts=job.preview).get(lang, []),
                    config.publish.page_size,
                    langs,
                )
            )
    job.put(
        render_indexes(
            renderer,
            _newest(job, shards, langs),
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
    data: dict[str, Any] = {"tombstones": tombstones, "shards": shards}
    if not job.preview:
        if not full:
            changed_infos = [i for s in changed if (i := job.info(s)) is not None] + new_tombs
            fresh = feed.diff(changed_infos, known)  # type: ignore[arg-type]
        fresh.sort(key=lambda c: (c["slug"], c["lang"]))  # the order of one diff of them all
        data["last"] = _changes(job, fresh, last, full, logged)
        data["withdrawn"] = {s: logged[s] for s in sorted(tombstones) if logged.get(s)}
        lines = [{k: v for k, v in line.items() if k != "langs"} for line in shards.values()]
        generated_from = job.project.rel(config.source_dir)
        job.put({MANIFEST: root_text(generated_from, lines, feed.summary(data["last"]))})
    data["files"] = _write(job, old, months, changed + removed, tombstones, full)
    if full or removed or new_slugs:
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
        job.put({shard_path(month): text})
        line = shard_info(month, text, len(infos))
    line["langs"] = {lang: len(v) for lang, v in sorted(items.items())}
    shards[month] = line


def _newest(job: _Index, shards: dict[str, dict], langs: list[str]) -> dict[str, list[dict]]:
    """Per language, at least the newest max(page_size, feed_entries) index items."""
    want = max(job.config.publish.page_size, job.config.publish.feed_entries)
    out: dict[str, list[dict]] = {}
    for lang in langs:
        found: list[dict] = []
        for month in sorted((m for m in shards if shards[m]["langs"].get(lang)), reverse=True):
            slugs = job.state.indexed_in(job.mode, month)
            infos = [i for s in slugs if (i := job.info(s)) is not None]
            found += index_items(infos, drafts=job.preview).get(lang, [])
            if len(found) >= want:
                break
        found.sort(key=lambda i: (i["date"], i["slug"]), reverse=True)
        out[lang] = found
    return out


class _Logged:
    """The last logged (status, digest) of an article-language, read from `logged` (slug ->
    lang -> [status, digest]) as the changes feed's diff asks for it."""

    def __init__(self, logged: dict[str, dict[str, list]]):
        self.logged = logged

    def get(self, key: tuple[str, str]) -> tuple | None:
        found = self.logged.get(key[0], {}).get(key[1])
        return tuple(found) if found is not None else None


def _changes(
    job: _Index, fresh: list[dict], last: int, full: bool, logged: dict[str, dict[str, list]]
) -> int:
    """Append the `fresh` changes after sequence number `last` to published/changes.log and
    make the pages they touch (all of them when `full`); bring `logged` (slug -> lang ->
    [status, digest]) up to date; return the last sequence number."""
    first_page = feed.page_of(last + 1)
    if fresh:
        feed.append(job.log_path, last + 1, fresh)
        for item in fresh:
            logged.setdefault(item["slug"], {})[item["lang"]] = [item["status"], item["digest"]]
        last += len(fresh)
    if (full or fresh) and last:
        lines = feed.log_lines(job.log_path)
        for page in range(0 if full else first_page, feed.page_of(last) + 1):
            first = page * feed.PAGE + 1
            items = feed.parse_lines(lines[first - 1 : first - 1 + feed.PAGE], first, job.log_path)
            job.put({feed.page_path(page): feed.page_text(page, items, first)})
    return last


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
    """Delete the index files no longer produced; return every index file."""
    ctx, dist = job.ctx, job.dist
    before = set(old.get("files", []))
    stale = {rel for rel in before if _index_file_of(rel, months) and rel not in job.made}
    files = sorted((before - stale) | job.made)
    if job.preview:
        return files
    if full:
        keep = set(job.made)
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

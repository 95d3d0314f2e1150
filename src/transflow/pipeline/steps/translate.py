"""Translate: fill the untranslated entries of every catalog through its engine chain (fuzzy)."""

from __future__ import annotations

import json
from pathlib import Path

from transflow.pipeline.fill import Job, translate_jobs
from transflow.pipeline.resources import TM_DIR
from transflow.pipeline.steps import Context, Done, Unit

NAME = "translate"


def units(ctx: Context) -> list[Unit]:
    """One unit per existing catalog whose language pair has an engine chain."""
    out = []
    for s in ctx.sources:
        for lang in ctx.project.targets(s.lang):
            if not ctx.project.po_path(lang, s.slug).exists():
                continue
            if not _chain(ctx, s.lang, lang):
                skipped = f"{s.lang}->{lang}"
                if skipped not in ctx.report.translate_skipped:  # once a pair, not an article
                    ctx.report.translate_skipped.append(skipped)
                continue
            out.append(Unit(f"{lang}:{s.slug}", s, lang))
    return out


def _chain(ctx: Context, src: str, tgt: str) -> list[str]:
    return ctx.option("engine_names") or ctx.project.config.chain_for(src, tgt)


def reads(ctx: Context, unit: Unit) -> list[Path | str]:
    """The catalog, the chain and its engines' settings, the glossary and the memory."""
    config = ctx.project.config
    src, tgt = unit.source.lang, unit.lang
    assert tgt is not None
    chain = _chain(ctx, src, tgt)
    engines = {name: config.engine_options(name) for name in config.engines} | {
        name: config.engine_options(name) for name in chain
    }
    glossary = config.glossary
    return [
        ctx.project.po_path(tgt, unit.source.slug),
        f"{src}->{tgt}",
        ",".join(chain),
        json.dumps(engines, sort_keys=True, default=str),
        f"trust_memory={config.trust_memory}",
        f"retranslate_fuzzy={bool(ctx.option('retranslate_fuzzy'))}",
        glossary if glossary is not None and glossary.exists() else "no glossary",
        "memory unused: no entry to fill"
        if complete(ctx, unit)
        else memory_fingerprint(ctx, src, tgt),
    ]


def complete(ctx: Context, unit: Unit) -> bool:
    """True when the unit's record says its catalog had no entry left to fill and the catalog
    is still as recorded: the memory cannot change what translate would do with it."""
    record = ctx.project.state.get(f"{NAME}:{unit.key}")
    if record.get("complete") is not True:
        return False
    po = ctx.project.po_path(unit.lang or "", unit.source.slug)
    return record.get("out", {}).get(ctx.project.rel(po)) == ctx.digest(po)


def memory_fingerprint(ctx: Context, src: str, tgt: str) -> str:
    """What the memory of a pair is made of: the catalogs of both directions and the TMX files
    (asked for only by a catalog with entries left to fill)."""
    key = f"memory:{src}-{tgt}"
    cached = ctx.cache.get(key)
    if cached is None:
        parts: list[Path | str] = []
        for s in sorted(ctx.all_sources, key=lambda s: s.slug):
            for lang in ctx.project.targets(s.lang):
                if {s.lang, lang} == {src, tgt}:
                    parts.append(ctx.project.po_path(lang, s.slug))
        tm_dir = ctx.project.root / TM_DIR
        if tm_dir.is_dir():
            parts.extend(sorted(tm_dir.glob("*.tmx")))
        cached = ctx.cache[key] = ctx.fingerprint(parts)
    return cached


def run(ctx: Context, due: list[Unit]) -> dict[str, Done]:
    """Translate every due catalog in one batch per language pair; save each as it is done."""
    from transflow.mt.factory import EngineSet
    from transflow.pipeline.fill import catalog_needs_work

    retranslate = bool(ctx.option("retranslate_fuzzy"))
    done: dict[str, Done] = {}
    needing = []
    for unit in due:
        path = ctx.project.po_path(unit.lang or "", unit.source.slug)
        if catalog_needs_work(path, retranslate):
            needing.append(unit)
        else:
            done[unit.key] = Done([path], {"complete": True})
            ctx.report.add(NAME, None)
    if not needing:
        return done
    jobs = [
        Job(ctx.project.po_path(u.lang or "", u.source.slug), u.source.lang, u.lang or "")
        for u in needing
    ]
    memory = ctx.memory()
    config = ctx.project.config
    factory = ctx.option("progress_factory")
    progress = factory(len(jobs)) if factory else None
    engine_names = ctx.option("engine_names")
    with EngineSet(config, memory=memory, glossary=ctx.glossary()) as engines:
        summary = translate_jobs(
            jobs,
            lambda s, t: engines.chain(s, t, engine_names),
            memory=memory,
            retranslate_fuzzy=retranslate,
            trusted_engines=["memory"] if config.trust_memory else [],
            progress=progress,
            on_saved=lambda path: ctx.report.add(NAME, path),
            failures=engines.failures,
        )
        stats = engines.cache_stats()
        summary.cache_hits, summary.cache_misses = stats.hits, stats.misses
    # catalogs left incomplete by a failing engine are retried by the next build
    retry = {
        item.rsplit(":", 1)[0]
        for reason, items in summary.pending.items()
        if reason.startswith("engine failure") or summary.problems
        for item in items
    }
    left = {item.rsplit(":", 1)[0] for items in summary.pending.values() for item in items}
    for unit, job in zip(needing, jobs, strict=True):
        if str(job.path) not in retry:  # complete: no entry waits for a draft
            done[unit.key] = Done([job.path], {"complete": str(job.path) not in left})
    for exc in summary.malformed:
        ctx.report.problem(exc)
    ctx.report.translate = summary
    return done

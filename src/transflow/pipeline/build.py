"""The pipeline steps (extract, update, translate, render) over a whole project, incrementally."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from transflow.po.catalog import Catalog, new_catalog, update_catalog
from transflow.errors import CatalogError, TransflowError
from transflow.pipeline.extract import build_pot
from transflow.fsutil import write_if_changed
from transflow.po.pofile import format_po, read_po
from transflow.pipeline.project import Project, SourceFile
from transflow.pipeline.state import file_digest, fingerprint


@dataclass
class BuildReport:
    """What a build did: files written per step, work skipped, and non-fatal problems."""

    written: dict[str, list[Path]] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    problems: list[TransflowError] = field(default_factory=list)
    translate: object | None = None  # TranslateSummary
    translate_skipped: list[str] = field(default_factory=list)  # pairs without a chain
    render: object | None = None

    def add(self, step: str, path: Path | None) -> None:
        """Count a file written by `step` (or a skipped item when path is None)."""
        if path is None:
            self.skipped[step] = self.skipped.get(step, 0) + 1
        else:
            self.written.setdefault(step, []).append(path)

    @property
    def did_nothing(self) -> bool:
        """True when no step wrote anything."""
        return not any(self.written.values())


def extract(project: Project, sources: list[SourceFile], report: BuildReport) -> None:
    """Write locales/<slug>.pot for every source that changed."""
    for source in sources:
        pot_path = project.pot_path(source.slug)
        key = f"extract:{source.slug}"
        inputs = fingerprint([source.digest, project.rel(source.path)])
        if project.state.fresh(key, inputs):
            report.add("extract", None)
            continue
        article = project.load(source)
        pot = build_pot(article, project.rel(source.path))
        written = write_if_changed(pot_path, format_po(pot))
        project.remember_source(source)
        project.state.record(key, inputs, [pot_path])
        report.add("extract", pot_path if written else None)


def update(project: Project, sources: list[SourceFile], report: BuildReport) -> None:
    """Create or merge locales/<lang>/LC_MESSAGES/<slug>.po from the POT (msgmerge semantics)."""
    for source in sources:
        pot_path = project.pot_path(source.slug)
        pot: Catalog | None = None
        for lang in project.targets(source.lang):
            po_path = project.po_path(lang, source.slug)
            key = f"update:{lang}:{source.slug}"
            inputs = fingerprint([file_digest(pot_path)])
            if project.state.fresh(key, inputs):
                report.add("update", None)
                continue
            if pot is None:
                pot = read_po(pot_path)
            try:
                if po_path.exists():
                    merged = update_catalog(read_po(po_path), pot, lang)
                else:
                    merged = new_catalog(pot, lang, source_lang=source.lang)
            except CatalogError as exc:
                report.problems.append(exc)
                continue
            written = write_if_changed(po_path, format_po(merged))
            project.state.record(key, inputs, [po_path])
            if written:
                project.state.wrote(po_path)
            report.add("update", po_path if written else None)


def catalog_jobs(project: Project, sources: list[SourceFile]):
    """Every (PO path, source language, target language) of the project."""
    from transflow.pipeline.fill import Job

    return [
        Job(project.po_path(lang, s.slug), s.lang, lang)
        for s in sources
        for lang in project.targets(s.lang)
        if project.po_path(lang, s.slug).exists()
    ]


def build_memory(project: Project, sources: list[SourceFile]):
    """A translation memory of every approved entry of every catalog, both directions."""
    from transflow.mt.memory import TranslationMemory

    items = []
    for job in catalog_jobs(project, sources):
        try:
            if not _has_translations(job.path.read_bytes()):
                continue  # nothing but the header is filled: no approved entry to remember
            catalog = read_po(job.path)
        except (CatalogError, OSError):
            continue
        catalog.path = project.rel(job.path)  # provenance notes must not depend on the checkout
        items.append((job.src, job.tgt, catalog))
    memory = TranslationMemory.from_catalogs(items)
    reverse = []
    for src, tgt, catalog in items:
        for message in catalog.messages:
            if message.approved and not message.obsolete and message.msgid:
                reverse.append((tgt, src, message.msgstr, message.msgid))
    for src, tgt, source, target in reverse:
        memory.add(src, tgt, source, target, origin="reverse")
    tm_dir = project.root / TM_DIR
    if tm_dir.is_dir():
        from transflow.mt.tmx import import_tmx

        for path in sorted(tm_dir.glob("*.tmx")):
            import_tmx(path, memory)
    return memory


#: TMX files from other tools, imported with `transflow tmx import`, loaded into every memory
TM_DIR = "tm"


def load_glossary(project: Project):
    """The project's glossary, or None when it has none."""
    path = project.config.glossary
    if path is None or not Path(path).exists():
        return None
    from transflow.mt.glossary import Glossary

    return Glossary.load(path)


def translate(
    project: Project,
    sources: list[SourceFile],
    report: BuildReport,
    *,
    retranslate_fuzzy: bool = False,
    engine_names: list[str] | None = None,
    progress_factory: Callable[[int], Callable[[int], None]] | None = None,
) -> None:
    """Fill untranslated entries of every catalog whose content or chain changed."""
    from transflow.mt.factory import EngineSet
    from transflow.pipeline.fill import translate_jobs

    config = project.config
    todo = []
    for job in catalog_jobs(project, sources):
        chain_names = engine_names or config.chain_for(job.src, job.tgt)
        key = f"translate:{job.tgt}:{job.path.stem}"
        inputs = fingerprint(
            [
                job.src,
                job.tgt,
                ",".join(chain_names),
                str(config.trust_memory),
                str(retranslate_fuzzy),
                _glossary_digest(project),
                _tm_digest(project),
            ]
        )
        if project.state.fresh(key, inputs) and not retranslate_fuzzy:
            report.add("translate", None)
            continue
        if not chain_names:  # the pair has no chain: nothing to translate it with
            report.translate_skipped.append(f"{job.src}->{job.tgt}")
            project.state.record(key, inputs, [job.path])
            continue
        todo.append((job, key, inputs))
    # a catalog whose entries are all translated (a reviewer's save, say) needs no engine and no
    # memory: record it and skip the expensive part
    needing = []
    for job, key, inputs in todo:
        if catalog_needs_work(job.path, retranslate_fuzzy):
            needing.append((job, key, inputs))
        else:
            project.state.record(key, inputs, [job.path])
            report.add("translate", None)
    todo = needing
    if not todo:
        return
    memory = build_memory(project, sources)
    glossary = load_glossary(project)
    trusted = ["memory"] if config.trust_memory else []
    progress = progress_factory(len(todo)) if progress_factory else None

    def saved(path: Path) -> None:
        project.state.wrote(path)
        report.add("translate", path)

    with EngineSet(config, memory=memory, glossary=glossary) as engines:
        summary = translate_jobs(
            [job for job, _, _ in todo],
            lambda s, t: engines.chain(s, t, engine_names),
            memory=memory,
            retranslate_fuzzy=retranslate_fuzzy,
            trusted_engines=trusted,
            progress=progress,
            on_saved=saved,
            failures=engines.failures,
        )
        stats = engines.cache_stats()
        summary.cache_hits, summary.cache_misses = stats.hits, stats.misses
    # catalogs left incomplete by a failing or missing engine are retried by the next build
    retry = {
        item.rsplit(":", 1)[0]
        for reason, items in summary.pending.items()
        if reason.startswith("engine failure") or summary.problems
        for item in items
    }
    for job, key, inputs in todo:
        if str(job.path) not in retry:
            project.state.record(key, inputs, [job.path])
    for exc in summary.malformed:
        if not any(str(exc) == str(p) for p in report.problems):
            report.problems.append(exc)
    report.translate = summary


#: a msgstr with text on its line or a continuation line after it (the header has one)
_FILLED_MSGSTR = re.compile(rb'^msgstr(?:\[\d+\])? "(?:[^"]|"\r?\n")', re.MULTILINE)


_HEADER = re.compile(rb'^msgid ""\r?\nmsgstr ""\r?\n"', re.MULTILINE)


def _has_translations(data: bytes) -> bool:
    """True when a PO file's bytes hold a filled msgstr besides the header's (if it has one)."""
    found = _FILLED_MSGSTR.finditer(data)
    need = 2 if _HEADER.search(data) else 1
    return all(next(found, None) is not None for _ in range(need))


#: an entry whose msgstr is empty (no continuation line follows): translate will fill it
_EMPTY_MSGSTR = re.compile(rb'^msgstr ""(?:\r?\n(?!")|\Z)', re.MULTILINE)


def catalog_needs_work(path: Path, retranslate_fuzzy: bool) -> bool:
    """True when the catalog has an entry translate would fill (a malformed one counts: it is
    reported by the translate step)."""
    from transflow.pipeline.fill import needs_work

    if not retranslate_fuzzy:
        try:
            if _EMPTY_MSGSTR.search(path.read_bytes()):
                return True  # an untranslated entry: the translate step parses the file anyway
        except OSError:
            return True
    try:
        catalog = read_po(path)
    except CatalogError:
        return True
    return any(needs_work(m, retranslate_fuzzy) for m in catalog.messages)


def _tm_digest(project: Project) -> str:
    tm_dir = project.root / TM_DIR
    paths = sorted(tm_dir.glob("*.tmx")) if tm_dir.is_dir() else []
    return fingerprint([f"{p.name}:{file_digest(p)}" for p in paths])


def _glossary_digest(project: Project) -> str:
    path = project.config.glossary
    return file_digest(Path(path)) if path else "-"


TRANSLATE_OPTIONS = ("retranslate_fuzzy", "engine_names", "progress_factory")


def _run_steps(
    project: Project,
    sources: list[SourceFile],
    steps: tuple[str, ...],
    report: BuildReport,
    options: dict,
) -> None:
    """Run the per-article part of the steps on `sources`."""
    if "extract" in steps:
        extract(project, sources, report)
    if "update" in steps:
        update(project, sources, report)
    if "translate" in steps:
        translate(
            project, sources, report, **{k: v for k, v in options.items() if k in TRANSLATE_OPTIONS}
        )
    if "render" in steps:
        from transflow.publish.publisher import render_articles

        report.render = render_articles(
            project, sources, report, preview=options.get("preview", False)
        )


def run(
    project: Project,
    steps: tuple[str, ...] = ("extract", "update", "translate", "render"),
    *,
    jobs: int = 1,
    **options,
) -> BuildReport:
    """Run the given steps in order on the whole project and save the build state.

    With jobs > 1 the articles are spread over that many processes; the output is identical.
    """
    report = BuildReport()
    sources = project.scan()
    try:
        if jobs > 1 and len(sources) > 1:
            from transflow.pipeline.parallel import run_parallel

            run_parallel(project, sources, steps, report, jobs, options)
        else:
            _run_steps(project, sources, steps, report, options)
        if "render" in steps and not options.get("preview", False):
            from transflow.publish.publisher import write_indexes

            write_indexes(project, sources, report)
    finally:
        project.state.save()
    return report

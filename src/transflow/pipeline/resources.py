"""What every build shares: the catalogs of the project, its glossary and its translation memory."""

from __future__ import annotations

from pathlib import Path

from transflow.mt.glossary import Glossary
from transflow.mt.memory import TranslationMemory
from transflow.mt.tmx import import_tmx
from transflow.pipeline.fill import Job
from transflow.pipeline.project import Project, SourceFile


def catalog_jobs(project: Project, sources: list[SourceFile]):
    """Every (PO path, source language, target language) of the project."""
    return [
        Job(project.po_path(lang, s.slug), s.lang, lang)
        for s in sources
        for lang in project.targets(s.lang)
        if project.po_path(lang, s.slug).exists()
    ]


def build_memory(project: Project, sources: list[SourceFile]):
    """A translation memory of every approved entry of every catalog, both directions.

    The entries come from the memory index (.transflow/memory.sqlite): only catalogs whose
    digest changed since they were indexed are read again.
    """
    from transflow.mt.memory import Unit
    from transflow.pipeline.memory_index import INDEX_FILE, MemoryIndex

    jobs = catalog_jobs(project, sources)
    catalogs = [(project.rel(j.path), j.path, project.state.digest(j.path)) for j in jobs]
    index = MemoryIndex(project.config.state_dir / INDEX_FILE)
    try:
        found = index.entries(catalogs)
    finally:
        index.close()
    memory = TranslationMemory()
    for job, (rel, _, _) in zip(jobs, catalogs, strict=True):
        for msgid, msgstr, line in found.get(rel) or []:
            # provenance notes must not depend on the checkout: the path is relative
            memory.add_both_ways(Unit(job.src, job.tgt, msgid, msgstr, f"{rel}:{line}"))
    tm_dir = project.root / TM_DIR
    if tm_dir.is_dir():
        for path in sorted(tm_dir.glob("*.tmx")):
            import_tmx(path, memory, label=f"{TM_DIR}/{path.name}")  # relative provenance
    return memory


#: TMX files from other tools, imported with `transflow tmx import`, loaded into every memory
TM_DIR = "tm"


def load_glossary(project: Project):
    """The project's glossary, or None when it has none."""
    path = project.config.glossary
    if path is None or not Path(path).exists():
        return None
    return Glossary.load(path)

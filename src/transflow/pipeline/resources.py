"""What every build shares: the catalogs of the project, its glossary and its translation memory."""

from __future__ import annotations

from pathlib import Path

from transflow.errors import CatalogError
from transflow.mt.glossary import Glossary
from transflow.mt.memory import TranslationMemory
from transflow.mt.tmx import import_tmx
from transflow.pipeline.fill import Job
from transflow.pipeline.project import Project, SourceFile
from transflow.po.pofile import read_po


def catalog_jobs(project: Project, sources: list[SourceFile]):
    """Every (PO path, source language, target language) of the project."""
    return [
        Job(project.po_path(lang, s.slug), s.lang, lang)
        for s in sources
        for lang in project.targets(s.lang)
        if project.po_path(lang, s.slug).exists()
    ]


def build_memory(project: Project, sources: list[SourceFile]):
    """A translation memory of every approved entry of every catalog, both directions."""
    items = []
    for job in catalog_jobs(project, sources):
        try:
            catalog = read_po(job.path)
        except CatalogError:
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
    return Glossary.load(path)

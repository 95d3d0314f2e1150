"""What every build shares: the catalogs of the project, its glossary and its translation memory."""

from __future__ import annotations

from pathlib import Path

from transflow.errors import CatalogError
from transflow.mt.glossary import Glossary
from transflow.mt.memory import TranslationMemory
from transflow.mt.tmx import import_tmx
from transflow.pipeline.fill import Job
from transflow.pipeline.project import Project, SourceFile
from transflow.po.pofile import parse_po_bytes
from transflow.po.sniff import has_translations


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
            data = job.path.read_bytes()
            if not has_translations(data):
                continue  # nothing but the header is filled: no approved entry to remember
            catalog = parse_po_bytes(data, job.path)
        except (CatalogError, OSError):
            continue
        catalog.path = project.rel(job.path)  # provenance notes must not depend on the checkout
        items.append((job.src, job.tgt, catalog))
    memory = TranslationMemory.from_catalogs(items, both_ways=True)
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

"""The translation memory's index: a catalog is read again only when its digest changed, and the
memory built through the index is the memory built from the catalogs themselves."""

from __future__ import annotations

from pathlib import Path

from transflow.mt.memory import TranslationMemory
from transflow.pipeline.memory_index import INDEX_FILE, MemoryIndex
from transflow.pipeline.project import Project
from transflow.pipeline.resources import build_memory, catalog_jobs
from transflow.pipeline.runner import run
from transflow.po.pofile import format_po, read_po


def approve_all(path: Path) -> None:
    catalog = read_po(path)
    for message in catalog.messages:
        if message.msgid and message.msgstr:
            message.flags = [f for f in message.flags if f != "fuzzy"]
    path.write_text(format_po(catalog), "utf-8")


def units(memory: TranslationMemory) -> list:
    return sorted(memory.units(), key=repr)


def reference(project: Project) -> TranslationMemory:
    items = []
    for job in catalog_jobs(project, project.scan()):
        catalog = read_po(job.path)
        catalog.path = project.rel(job.path)
        items.append((job.src, job.tgt, catalog))
    return TranslationMemory.from_catalogs(items, both_ways=True)


def catalogs(project: Project) -> list[tuple[str, Path, str]]:
    jobs = catalog_jobs(project, project.scan())
    return [(project.rel(j.path), j.path, project.state.digest(j.path)) for j in jobs]


def test_only_changed_catalogs_are_read_again(fake_project: Path) -> None:
    run(Project.open(fake_project))
    pos = sorted((fake_project / "locales").glob("*/LC_MESSAGES/*.po"))
    for path in pos[:2]:
        approve_all(path)
    project = Project.open(fake_project)
    index = MemoryIndex(project.config.state_dir / INDEX_FILE)
    first = index.entries(catalogs(project))
    assert index.reread == len(pos)
    assert sum(len(v or []) for v in first.values()) > 0
    again = index.entries(catalogs(project))
    assert index.reread == len(pos) and again == first  # nothing read the second time
    approve_all(pos[2])
    third = index.entries(catalogs(Project.open(fake_project)))
    assert index.reread == len(pos) + 1
    assert third[project.rel(pos[2])] != first[project.rel(pos[2])]
    index.close()


def test_the_indexed_memory_is_the_memory_of_the_catalogs(fake_project: Path) -> None:
    run(Project.open(fake_project))
    for path in sorted((fake_project / "locales").glob("*/LC_MESSAGES/*.po"))[:3]:
        approve_all(path)
    project = Project.open(fake_project)
    assert units(build_memory(project, project.scan())) == units(reference(project))
    assert len(reference(project)) > 0
    # from the index this time, and after a corrupt index (rebuilt: it is only a cache)
    assert units(build_memory(project, project.scan())) == units(reference(project))
    (project.config.state_dir / INDEX_FILE).write_bytes(b"garbage" * 1000)
    assert units(build_memory(project, project.scan())) == units(reference(project))

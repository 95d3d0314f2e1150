"""`transflow status`: review progress of every catalog, from the PO files themselves."""

from __future__ import annotations

import fnmatch
import json
from dataclasses import asdict, dataclass

from transflow.errors import CatalogError
from transflow.pipeline.config import Config
from transflow.pipeline.project import Project, SourceFile
from transflow.po.catalog import Catalog, catalog_stats, get_header
from transflow.po.pofile import read_po
from transflow.qa.runner import STATES, approved_errors, state_of


@dataclass
class CatalogStatus:
    """Progress of one catalog (one article in one target language)."""

    slug: str
    source_lang: str
    lang: str
    path: str
    entries: int = 0
    words: int = 0
    approved: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    percent: float = 0.0
    state: str = "untranslated"  # one of qa.runner.STATES, the same names `check` uses
    qa_errors: int = 0
    missing: bool = False  # no catalog file yet (the update step creates it)
    last_translator: str = ""
    revision_date: str = ""
    error: str = ""


def catalog_status(
    slug: str, source_lang: str, lang: str, path: str, catalog: Catalog, qa_errors: int = 0
) -> CatalogStatus:
    """The status of a parsed catalog."""
    stats = catalog_stats(catalog)
    header = get_header(catalog)
    total = stats["total"]
    percent = 100.0 * stats["approved"] / total if total else 100.0
    translated = stats["approved"] + stats["fuzzy"]
    state = state_of(total, stats["approved"], translated, qa_errors)
    translator = header.get("Last-Translator", "")
    revision = header.get("PO-Revision-Date", "")
    return CatalogStatus(
        slug=slug,
        source_lang=source_lang,
        lang=lang,
        path=path,
        entries=total,
        words=stats["words"],
        approved=stats["approved"],
        fuzzy=stats["fuzzy"],
        untranslated=stats["untranslated"],
        percent=round(percent, 1),
        state=state,
        qa_errors=qa_errors,
        last_translator="" if translator.startswith(("FULL NAME", "Automatically")) else translator,
        revision_date="" if revision.startswith("YEAR") else revision,
    )


def project_status(
    project: Project, sources: list[SourceFile] | None = None, with_qa: bool = True
) -> list[CatalogStatus]:
    """Status of every catalog of the project, sorted by slug and language."""
    sources = sources if sources is not None else project.scan()
    glossary = None
    if with_qa:
        from transflow.pipeline.resources import load_glossary

        glossary = load_glossary(project)
    out: list[CatalogStatus] = []
    for source in sorted(sources, key=lambda s: s.slug):
        for lang in project.targets(source.lang):
            path = project.po_path(lang, source.slug)
            rel = project.rel(path)
            if not path.exists():
                out.append(CatalogStatus(source.slug, source.lang, lang, rel, missing=True))
                continue
            try:
                catalog = read_po(path)
            except CatalogError as exc:
                out.append(
                    CatalogStatus(
                        source.slug, source.lang, lang, rel, state="malformed", error=str(exc)
                    )
                )
                continue
            errors = 0
            if with_qa:
                errors = approved_errors(catalog, source.lang, lang, glossary)
            out.append(catalog_status(source.slug, source.lang, lang, rel, catalog, errors))
    return out


def filter_status(
    rows: list[CatalogStatus],
    langs: list[str] | None = None,
    states: list[str] | None = None,
    pattern: str | None = None,
) -> list[CatalogStatus]:
    """The rows of the given languages and states whose slug matches the glob `pattern`."""
    return [
        r
        for r in rows
        if (not langs or r.lang in langs)
        and (not states or r.state in states)
        and (not pattern or fnmatch.fnmatchcase(r.slug, pattern))
    ]


def format_status_text(rows: list[CatalogStatus], wide: bool = False) -> str:
    """A table for people: full slugs and catalog paths; `wide` adds source, errors, reviewer."""
    if not rows:
        return "no catalog matches"
    width = max(len("article"), *(len(r.slug) for r in rows))
    head = (
        f"{'article':<{width}} {'lang':<4} {'entries':>7} {'words':>6} {'ok':>4} {'fuzzy':>5} "
        f"{'todo':>4} {'%':>6}  {'state':<12}"
    )
    if wide:
        head += f" {'from':<4} {'errors':>6}"
    head += "  catalog"
    lines = [head, "-" * len(head)]
    for r in rows:
        line = (
            f"{r.slug:<{width}} {r.lang:<4} {r.entries:>7} {r.words:>6} {r.approved:>4} "
            f"{r.fuzzy:>5} {r.untranslated:>4} {r.percent:>5.1f}%  {r.state:<12}"
        )
        if wide:
            line += f" {r.source_lang:<4} {r.qa_errors:>6}"
        line += f"  {r.path}" + (" (not created yet)" if r.missing else "")
        if wide and r.last_translator:
            line += f" ({r.last_translator}, {r.revision_date})"
        if r.error:
            line += f" {r.error}"
        lines.append(line)
    counts = {state: sum(1 for r in rows if r.state == state) for state in STATES}
    lines.append(
        f"{len(rows)} catalog(s): " + ", ".join(f"{n} {state}" for state, n in counts.items() if n)
    )
    return "\n".join(lines)


def format_status_json(rows: list[CatalogStatus]) -> str:
    """The same as JSON: {"schema": 1, "catalogs": [...]}."""
    return json.dumps(
        {"schema": 1, "catalogs": [asdict(r) for r in rows]}, ensure_ascii=False, indent=2
    )


def unfillable_legs(config: Config) -> set[tuple[str, str]]:
    """The (source, target) legs whose chain has no engine but the translation memory.

    Memory only reuses human translations, so what it left untranslated waits for a person.
    """
    legs = set()
    for src in config.languages:
        for tgt in config.languages:
            if src == tgt:
                continue
            types = [config.engine_options(n).get("type", n) for n in config.chain_for(src, tgt)]
            if all(t == "memory" for t in types):
                legs.add((src, tgt))
    return legs

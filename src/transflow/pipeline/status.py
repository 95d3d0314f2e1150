"""`transflow status`: review progress of every catalog, from the PO files themselves."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from transflow.errors import CatalogError
from transflow.pipeline.project import Project, SourceFile
from transflow.po.catalog import Catalog, catalog_stats, get_header
from transflow.po.pofile import read_po
from transflow.qa.runner import approved_errors


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
    state: str = "missing"  # approved | in-review | untranslated | missing | malformed | qa-errors
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
    if total and stats["approved"] == total:
        state = "qa-errors" if qa_errors else "approved"
    elif stats["approved"] or stats["fuzzy"]:
        state = "in-review"
    else:
        state = "untranslated"
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
                out.append(CatalogStatus(source.slug, source.lang, lang, rel))
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


def format_status_text(rows: list[CatalogStatus]) -> str:
    """A table for people."""
    head = (
        f"{'article':<36} {'lang':<4} {'entries':>7} {'words':>6} {'ok':>4} {'fuzzy':>5} "
        f"{'todo':>4} {'%':>6}  state"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r.slug[:36]:<36} {r.lang:<4} {r.entries:>7} {r.words:>6} {r.approved:>4} "
            f"{r.fuzzy:>5} {r.untranslated:>4} {r.percent:>5.1f}%  {r.state}"
            + (f" ({r.last_translator}, {r.revision_date})" if r.last_translator else "")
            + (f" {r.error}" if r.error else "")
        )
    return "\n".join(lines)


def format_status_json(rows: list[CatalogStatus]) -> str:
    """The same as JSON: {"schema": 1, "catalogs": [...]}."""
    return json.dumps(
        {"schema": 1, "catalogs": [asdict(r) for r in rows]}, ensure_ascii=False, indent=2
    )

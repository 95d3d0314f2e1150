"""Publishing: the publish policy per language, dist/ outputs, index pages, feeds and manifest."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from transflow.errors import CatalogError, TransflowError
from transflow.publish.feeds import MANIFEST, write_indexes
from transflow.fsutil import sha256_bytes
from transflow.publish.lacinka import LANG_TAG as LATIN_TAG
from transflow.po.pofile import read_po
from transflow.pipeline.project import Project, SourceFile
from transflow.qa.runner import approved_errors
from transflow.publish.render import (
    LANGUAGE_NAMES,
    Renderer,
    article_json,
    build_rendition,
    catalog_lookup,
    latin_transform,
    segment_article,
)
from transflow.pipeline.state import file_digest, fingerprint

__all__ = ["MANIFEST", "PublishReport", "Publisher", "render_articles", "write_indexes"]

_LATIN_RE = re.compile(r"[A-Za-z]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


def fits_script(text: str, lang: str) -> bool:
    """False when `text` is visibly in another script than `lang` is written in."""
    return not (_CYRILLIC_RE if lang == "en" else _LATIN_RE).search(text)


@dataclass
class PublishReport:
    """Per article and language: status, coverage and why a language is pending."""

    languages: dict[str, dict[str, dict]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    rendered: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        """One line per article for the run summary."""
        lines = [f"publish: {self.rendered} article(s) rendered, {self.unchanged} unchanged"]
        for slug, langs in sorted(self.languages.items()):
            parts = []
            for lang, info in sorted(langs.items()):
                if info["status"] == "published":
                    parts.append(f"{lang} published")
                else:
                    parts.append(f"{lang} pending ({info.get('reason', '')})")
            lines.append(f"  {slug}: " + "; ".join(parts))
        return "\n".join(lines)


class BatchWriter:
    """Atomic writes in bulk: temp files first, one sync for all, then the renames.

    Readers see either the old or the new file, never a part, and after a crash a renamed file is
    complete, as with fsync per file (which costs ~4 ms each: 25 s for 1,000 articles).
    """

    def __init__(self) -> None:
        self.pending: list[tuple[str, Path]] = []

    def add(self, path: Path, raw: bytes) -> bool:
        """Stage `raw` for `path` unless the file already holds it; True when it will change."""
        try:
            if path.read_bytes() == raw:
                return False
        except FileNotFoundError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(raw)
        except BaseException:
            os.unlink(tmp)
            raise
        self.pending.append((tmp, path))
        return True

    def commit(self) -> None:
        """Make the staged files durable, then move them into place."""
        if not self.pending:
            return
        os.sync()
        for tmp, path in self.pending:
            os.replace(tmp, path)
        self.pending = []

    def abort(self) -> None:
        """Drop the staged files."""
        for tmp, _ in self.pending:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        self.pending = []


def _render_inputs(project: Project, source: SourceFile, preview: bool) -> str:
    config = project.config
    parts = [source.digest, config.raw, str(preview)]
    for lang in project.targets(source.lang):
        parts.append(file_digest(project.po_path(lang, source.slug)))
    glossary = config.glossary
    parts.append(file_digest(Path(glossary)) if glossary else "-")
    if config.templates_dir and Path(config.templates_dir).is_dir():
        for path in sorted(Path(config.templates_dir).rglob("*")):
            if path.is_file():
                parts += [str(path), file_digest(path)]
    return fingerprint(parts)


class Publisher:
    """Renders articles into dist/ following the publish policy."""

    def __init__(self, project: Project, preview: bool = False):
        from transflow.pipeline.build import load_glossary

        self.project = project
        self.config = project.config
        self.preview = preview
        self.dist = self.config.dist_dir / "preview" if preview else self.config.dist_dir
        self.renderer = Renderer(self.config.templates_dir)
        self.glossary = load_glossary(project)
        self.problems: list[TransflowError] = []
        self.writer = BatchWriter()

    def term(self, text: str, lang: str, source_lang: str) -> str:
        """A place or agency name as the glossary writes it in `lang` ("" when it cannot).

        A name the glossary does not know is left out of the dateline rather than shown in the
        source language (a published page never mixes languages).
        """
        base = "be" if lang == LATIN_TAG else lang
        if not text or base == source_lang:
            return text
        found = self.glossary.for_render(text, base) if self.glossary else None
        if not found or not fits_script(found, base):
            return ""
        return latin_transform(found) if lang == LATIN_TAG else found

    def article(self, source: SourceFile) -> dict[str, dict]:
        """Render one article in every language it qualifies for; return per-language info."""
        project, config = self.project, self.config
        article = project.load(source)
        segmented = segment_article(article)
        renditions = {article.lang: build_rendition(article, segmented, article.lang, None)}
        info: dict[str, dict] = {
            article.lang: {"status": "published", "coverage": 1.0, "reason": "source"}
        }
        be_lookup = None
        for lang in project.targets(article.lang):
            entry, rendition, lookup = self._target(article, segmented, lang)
            info[lang] = entry
            if rendition is not None:
                renditions[lang] = rendition
            if lang == "be":
                be_lookup = lookup
        if config.publish.lacinka and "be" in config.languages:
            be_status = info.get("be", {}).get("status")
            if be_status == "published" or self.preview and "be" in renditions:
                lookup = None if article.lang == "be" else be_lookup
                renditions[LATIN_TAG] = build_rendition(
                    article, segmented, LATIN_TAG, lookup, self.preview, transform=latin_transform
                )
                info[LATIN_TAG] = {
                    "status": "published",
                    "coverage": info["be"]["coverage"],
                    "reason": "derived from be",
                }
            else:
                info[LATIN_TAG] = {
                    "status": "pending",
                    "coverage": info.get("be", {}).get("coverage", 0.0),
                    "reason": "be is not published",
                }
        published = self._online(article.slug, info, renditions)
        for lang, rendition in renditions.items():
            if info[lang]["status"] != "published" and not self.preview:
                continue
            alternates = [
                {
                    "lang": other,
                    "href": f"../{other}/{article.slug}.html",
                    "name": LANGUAGE_NAMES.get(other, other),
                }
                for other in published
                if other != lang
            ]
            place = self.term(article.place, lang, article.lang)
            agency = self.term(article.agency, lang, article.lang)
            if lang == LATIN_TAG and article.lang == "be":
                place, agency = latin_transform(place), latin_transform(agency)
            html = self.renderer.article_html(
                article, rendition, place, agency, alternates, preview=self.preview
            )
            provenance = {
                "approved": rendition.approved,
                "machine": rendition.machine,
                "missing": rendition.missing,
                "segments": rendition.total,
                "origin": info[lang]["reason"],
            }
            data = article_json(article, rendition, place, agency, alternates, provenance)
            outputs = {}
            for kind, text in (("html", html), ("json", data)):
                rel = f"{lang}/{article.slug}.{kind}"
                raw = text.encode("utf-8")
                self.writer.add(self.dist / rel, raw)
                outputs[kind] = {"path": rel, "sha256": sha256_bytes(raw), "size": len(raw)}
            info[lang]["outputs"] = outputs
            info[lang]["title"] = rendition.title
            info[lang]["description"] = rendition.description
        return info

    def _online(self, slug: str, info: dict[str, dict], renditions: dict) -> list[str]:
        """The languages a page links to: published now, or published before and still online.

        In preview every rendered draft is linked (the preview folder holds them all).
        """
        if self.preview:
            return [lang for lang in info if lang in renditions]
        return [
            lang
            for lang, entry in info.items()
            if entry["status"] == "published"
            and lang in renditions
            or (self.dist / lang / f"{slug}.html").is_file()
        ]

    def _target(self, article, segmented, lang):
        path = self.project.po_path(lang, article.slug)
        threshold = self.config.publish.threshold_for(lang)
        if not path.exists():
            return {"status": "pending", "coverage": 0.0, "reason": "no catalog"}, None, None
        try:
            catalog = read_po(path)
        except CatalogError as exc:
            self.problems.append(exc)
            return (
                {"status": "pending", "coverage": 0.0, "reason": f"malformed catalog: {exc}"},
                None,
                None,
            )
        lookup = catalog_lookup(catalog.messages, self.preview)
        rendition = build_rendition(article, segmented, lang, lookup, self.preview)
        coverage = rendition.coverage
        errors = approved_errors(catalog, article.lang, lang, self.glossary)
        has_title = any(b.kind == "title" for b in article.blocks)
        if errors:
            reason = f"{errors} QA error(s)"
        elif coverage * 100 + 1e-9 < threshold or rendition.approved == 0:
            reason = f"{coverage * 100:.0f}% approved, {threshold:.0f}% needed"
        elif has_title and not rendition.title_approved:
            reason = "title not approved"
        else:
            return (
                {"status": "published", "coverage": coverage, "reason": "approved"},
                rendition,
                lookup,
            )
        entry = {"status": "pending", "coverage": coverage, "reason": reason}
        return entry, (rendition if self.preview else None), lookup


def render_articles(
    project: Project, sources: list[SourceFile], report, preview: bool = False, batch: int = 250
) -> PublishReport:
    """Render every changed article into dist/ (or dist/preview/ with drafts marked).

    An article that cannot be rendered, or a catalog that cannot be read, is reported in
    `report.problems` (again on every run until fixed) and skipped; everything else is published.
    Outputs are written atomically, `batch` articles at a time.
    """
    result = PublishReport()
    publisher = Publisher(project, preview=preview)
    state = project.state
    done: list[tuple] = []

    def commit() -> None:
        publisher.writer.commit()
        for key, inputs, outputs, extra in done:
            state.record(key, inputs, outputs, **extra)
            for path in outputs:
                report.add("render", path)
        done.clear()

    try:
        for source in sources:
            key = f"render:{source.slug}" + (":preview" if preview else "")
            inputs = _render_inputs(project, source, preview)
            record = state.get(key)
            if state.fresh(key, inputs) and "langs" in record:
                result.languages[source.slug] = record["langs"]
                result.unchanged += 1
                for text in record.get("problems", []):
                    result.problems.append(text)
                    report.problems.append(TransflowError(text))
                report.add("render", None)
                continue
            publisher.problems = []
            try:
                langs = publisher.article(source)
            except TransflowError as exc:
                result.problems.append(str(exc))
                report.problems.append(exc)
                continue
            result.problems.extend(str(p) for p in publisher.problems)
            report.problems.extend(publisher.problems)
            result.languages[source.slug] = langs
            result.rendered += 1
            outputs = [
                publisher.dist / o["path"]
                for info in langs.values()
                for o in info.get("outputs", {}).values()
            ]
            extra = {
                "langs": langs,
                "date": project.load(source).date.isoformat(),
                "source_lang": source.lang,
                "problems": [str(p) for p in publisher.problems],
            }
            done.append((key, inputs, outputs, extra))
            if len(done) >= batch:
                commit()
        commit()
    finally:
        publisher.writer.abort()
    return result

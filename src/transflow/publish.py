"""Publishing: the publish policy per language, dist/ outputs, index pages, feeds and manifest."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from transflow.dates import format_date, iso_datetime
from transflow.errors import CatalogError, TransflowError
from transflow.fsutil import sha256_bytes, write_if_changed
from transflow.latin import LANG_TAG as LATIN_TAG
from transflow.pofile import read_po
from transflow.project import Project, SourceFile
from transflow.render import (
    LANGUAGE_NAMES,
    Renderer,
    article_json,
    build_rendition,
    catalog_lookup,
    latin_transform,
    segment_article,
)
from transflow.state import file_digest, fingerprint

MANIFEST = "manifest.json"


@dataclass
class PublishReport:
    """Per article and language: status, coverage and why a language is pending."""

    languages: dict[str, dict[str, dict]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    rendered: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        """One line per article for the run summary."""
        lines = [f"render: {self.rendered} article(s) rendered, {self.unchanged} unchanged"]
        for slug, langs in sorted(self.languages.items()):
            parts = []
            for lang, info in sorted(langs.items()):
                mark = info["status"] if info["status"] == "published" else \
                    f"pending ({info.get('reason', '')})"
                parts.append(f"{lang} {mark} {info['coverage'] * 100:.0f}%")
            lines.append(f"  {slug}: " + "; ".join(parts))
        return "\n".join(lines)


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
        from transflow.build import load_glossary

        self.project = project
        self.config = project.config
        self.preview = preview
        self.dist = self.config.dist_dir / "preview" if preview else self.config.dist_dir
        self.renderer = Renderer(self.config.templates_dir)
        self.glossary = load_glossary(project)

    def term(self, text: str, lang: str) -> str:
        """Place and agency names as the glossary writes them in `lang`."""
        if not text:
            return ""
        base = "be" if lang == LATIN_TAG else lang
        return self.glossary.for_render(text, base) if self.glossary else text

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
                    article, segmented, LATIN_TAG, lookup, self.preview, transform=latin_transform)
                info[LATIN_TAG] = {"status": "published", "coverage": info["be"]["coverage"],
                                   "reason": "derived from be"}
            else:
                info[LATIN_TAG] = {"status": "pending", "coverage": info.get("be", {}).get(
                    "coverage", 0.0), "reason": "be is not published"}
        published = [lang for lang in renditions if info[lang]["status"] == "published"]
        for lang, rendition in renditions.items():
            if info[lang]["status"] != "published" and not self.preview:
                continue
            alternates = [
                {"lang": other, "href": f"../{other}/{article.slug}.html",
                 "name": LANGUAGE_NAMES.get(other, other)}
                for other in published if other != lang
            ]
            place = self.term(article.place, lang)
            agency = self.term(article.agency, lang)
            if lang == LATIN_TAG:
                place, agency = latin_transform(place), latin_transform(agency)
            html = self.renderer.article_html(article, rendition, place, agency, alternates,
                                              preview=self.preview)
            provenance = {"approved": rendition.approved, "machine": rendition.machine,
                          "missing": rendition.missing, "segments": rendition.total,
                          "origin": info[lang]["reason"]}
            data = article_json(article, rendition, place, agency, alternates, provenance)
            outputs = {}
            for kind, text in (("html", html), ("json", data)):
                rel = f"{lang}/{article.slug}.{kind}"
                raw = text.encode("utf-8")
                write_if_changed(self.dist / rel, raw)
                outputs[kind] = {"path": rel, "sha256": sha256_bytes(raw), "size": len(raw)}
            info[lang]["outputs"] = outputs
            info[lang]["title"] = rendition.title
        return info

    def _target(self, article, segmented, lang):
        path = self.project.po_path(lang, article.slug)
        threshold = self.config.publish.threshold_for(lang)
        if not path.exists():
            return {"status": "pending", "coverage": 0.0, "reason": "no catalog"}, None, None
        try:
            catalog = read_po(path)
        except CatalogError as exc:
            return {"status": "pending", "coverage": 0.0, "reason": f"malformed catalog: {exc}"}, \
                None, None
        lookup = catalog_lookup(catalog.messages, self.preview)
        rendition = build_rendition(article, segmented, lang, lookup, self.preview)
        coverage = rendition.coverage
        errors = self._qa_errors(catalog, article.lang, lang)
        if errors:
            reason = f"{errors} QA error(s)"
        elif coverage * 100 + 1e-9 < threshold or rendition.approved == 0:
            reason = f"{coverage * 100:.0f}% approved, {threshold:.0f}% needed"
        else:
            return {"status": "published", "coverage": coverage, "reason": "approved"}, \
                rendition, lookup
        entry = {"status": "pending", "coverage": coverage, "reason": reason}
        return entry, (rendition if self.preview else None), lookup

    def _qa_errors(self, catalog, src: str, tgt: str) -> int:
        from transflow.qa.runner import check_catalog

        findings = check_catalog(catalog, src_lang=src, tgt_lang=tgt, glossary=self.glossary,
                                 approved_only=True)
        return sum(1 for f in findings if f.severity == "error")


def render_articles(project: Project, sources: list[SourceFile], report,
                    preview: bool = False) -> PublishReport:
    """Render every changed article into dist/ (or dist/preview/ with drafts marked)."""
    result = PublishReport()
    publisher = Publisher(project, preview=preview)
    state = project.state
    for source in sources:
        key = f"render:{source.slug}" + (":preview" if preview else "")
        inputs = _render_inputs(project, source, preview)
        record = state.get(key)
        if state.fresh(key, inputs) and "langs" in record:
            result.languages[source.slug] = record["langs"]
            result.unchanged += 1
            report.add("render", None)
            continue
        try:
            langs = publisher.article(source)
        except TransflowError as exc:
            result.problems.append(str(exc))
            report.problems.append(exc)
            continue
        result.languages[source.slug] = langs
        result.rendered += 1
        outputs = [publisher.dist / o["path"] for info in langs.values()
                   for o in info.get("outputs", {}).values()]
        state.record(key, inputs, outputs, langs=langs, date=project.load(source).date.isoformat(),
                     source_lang=source.lang)
        for path in outputs:
            report.add("render", path)
    return result


def _previous_manifest(dist: Path) -> dict:
    try:
        data = json.loads((dist / MANIFEST).read_text("utf-8"))
        return {a["slug"]: a for a in data.get("articles", [])}
    except (FileNotFoundError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_indexes(project: Project, sources: list[SourceFile], report) -> None:
    """Write dist/manifest.json and, per language, index.html and feed.atom from the build state."""
    from transflow.render import Renderer

    dist = project.config.dist_dir
    renderer = Renderer(project.config.templates_dir)
    previous = _previous_manifest(dist)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    articles = []
    per_lang: dict[str, list[dict]] = {}
    for source in sorted(sources, key=lambda s: s.slug):
        record = project.state.get(f"render:{source.slug}")
        langs = record.get("langs")
        if not langs:
            continue
        date = record.get("date", "")
        old_langs = previous.get(source.slug, {}).get("languages", {})
        entry_langs = {}
        for lang, info in sorted(langs.items()):
            outputs = info.get("outputs")
            old = old_langs.get(lang, {})
            if not outputs:
                # pending: whatever was published before stays online unchanged
                outputs = {k: v for k, v in old.get("outputs", {}).items()
                           if (dist / v["path"]).exists()}
            changed = old.get("outputs") != outputs
            item = {"status": info["status"], "coverage": info["coverage"], "outputs": outputs}
            if info.get("title") or old.get("title"):
                item["title"] = info.get("title") or old.get("title")
            updated = old.get("updated") if not changed and old.get("updated") else now
            if outputs:
                item["updated"] = updated
            entry_langs[lang] = item
            if outputs and "html" in outputs:
                per_lang.setdefault(lang, []).append(
                    {"slug": source.slug, "date": date, "title": item.get("title", source.slug),
                     "href": f"{source.slug}.html"})
        articles.append({"slug": source.slug, "source_lang": source.lang, "date": date,
                         "languages": entry_langs})
    manifest = {"schema": 1, "generated_from": project.rel(project.config.source_dir),
                "articles": articles}
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if write_if_changed(dist / MANIFEST, text):
        report.add("render", dist / MANIFEST)
    for lang, items in sorted(per_lang.items()):
        items.sort(key=lambda i: (i["date"], i["slug"]), reverse=True)
        for item in items:
            item["date_iso"] = item["date"]
            item["date_text"] = format_date(item["date"], lang)
        html = renderer.index_html(lang, items)
        entries = [{"id": f"urn:transflow:{i['slug']}:{lang}", "title": i["title"],
                    "updated": iso_datetime(i["date"]), "href": i["href"], "author": "transflow",
                    "summary": i["title"]} for i in items]
        feed = {"lang": lang, "id": f"urn:transflow:feed:{lang}", "title": html_title(lang),
                "updated": entries[0]["updated"] if entries else iso_datetime("2000-01-01"),
                "entries": entries}
        for name, text in (("index.html", html), ("feed.atom", renderer.feed_atom(feed))):
            if write_if_changed(dist / lang / name, text):
                report.add("render", dist / lang / name)


def html_title(lang: str) -> str:
    """The feed title of a language."""
    from transflow.render import LABELS

    labels = LABELS.get(lang) or LABELS["be"]
    return labels["index"]

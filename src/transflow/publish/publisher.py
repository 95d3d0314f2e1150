"""Publishing one article: the policy per language, its pages, and its entries in the record.

Per language an article is
- `published`: its page translates the current source (from the catalog when it qualifies, or
  from the record when the record already holds this revision and the catalog has changes under
  review);
- `outdated`: the source changed since the record's edition and the catalog does not qualify
  yet; with `[publish] outdated = "keep"` (the default) the recorded edition stays online with a
  notice saying which version it translates;
- `withdrawn`: taken down (`withdrawn: true`, a deleted source, or `outdated = "withdraw"`), with
  a tombstone in the record;
- `pending`: nothing online yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from transflow.errors import CatalogError, TransflowError
from transflow.fsutil import StagedWrites, sha256_bytes
from transflow.po.pofile import read_po
from transflow.publish.dates import format_date
from transflow.publish.lacinka import LANG_TAG as LATIN_TAG
from transflow.publish.media import load_picture
from transflow.publish.record import Edition, PublishRecord, now_utc, revision_of
from transflow.publish.render import (
    LANGUAGE_NAMES,
    Lookup,
    Renderer,
    Rendition,
    article_json,
    build_rendition,
    catalog_lookup,
    latin_transform,
    segment_article,
)
from transflow.qa.runner import approved_errors
from transflow.source.article import decode_text, parse_article

if TYPE_CHECKING:
    from transflow.mt.glossary import Glossary
    from transflow.pipeline.project import Project, SourceFile
    from transflow.source.model import Article

_LATIN_RE = re.compile(r"[A-Za-z]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
ONLINE = ("published", "outdated")


def fits_script(text: str, lang: str) -> bool:
    """False when `text` is visibly in another script than `lang` is written in."""
    return not (_CYRILLIC_RE if lang == "en" else _LATIN_RE).search(text)


@dataclass
class PublishReport:
    """Per article and language: status, coverage and why a language is not published."""

    languages: dict[str, dict[str, dict]] = field(default_factory=dict)  # the first KEEP
    problems: list[str] = field(default_factory=list)
    rendered: int = 0
    unchanged: int = 0
    preview: bool = False
    omitted: int = 0  # articles beyond KEEP, counted only

    #: how many articles the report details (a full check of a large archive sees them all)
    KEEP = 10_000

    def note(self, slug: str, langs: dict[str, dict]) -> None:
        """Keep what the summary says of an article: per language its status and why."""
        if slug not in self.languages and len(self.languages) >= self.KEEP:
            self.omitted += 1
            return
        keys = ("status", "reason", "qa_errors", "catalog")
        self.languages[slug] = {
            lang: {k: info[k] for k in keys if k in info} for lang, info in langs.items()
        }

    def summary(self) -> str:
        """One line per article for the run summary."""
        if self.preview:
            head = f"preview: {self.rendered} article(s) rendered into preview/"
        else:
            head = f"publish: {self.rendered} article(s) rendered"
        lines = [f"{head}, {self.unchanged} unchanged"]
        for slug, langs in sorted(self.languages.items()):
            parts = []
            for lang, info in sorted(langs.items()):
                status, reason = info["status"], info.get("reason", "")
                if self.preview:
                    status = "would be published" if status == "published" else "draft"
                shown = reason and reason not in ("source", "approved", "derived from be")
                parts.append(f"{lang} {status}" + (f" ({reason})" if shown else ""))
            lines.append(f"  {slug}: " + "; ".join(parts))
            for lang, info in sorted(langs.items()):
                if info.get("qa_errors") and not self.preview:
                    lines.append(
                        f"    {lang}: QA errors hold it back; see them with: "
                        f"transflow check {info['catalog']}"
                    )
        if self.omitted:
            lines.append(f"  … and {self.omitted} more article(s)")
        return "\n".join(lines)


@dataclass
class Served:
    """What one language of an article shows, and why."""

    status: str  # published | outdated | pending | withdrawn
    reason: str
    article: Article | None = None  # the article the page renders (current or recorded)
    rendition: Rendition | None = None
    edition: Edition | None = None  # the record entry this page is (to be) written as
    lookup: Lookup | None = None  # the translations the page shows (None: the source itself)
    catalog_coverage: float | None = None
    qa_errors: int = 0
    catalog: str = ""


class Publisher:
    """Renders articles into dist/ following the publish policy, and keeps the record."""

    def __init__(
        self,
        project: Project,
        glossary: Glossary | None,
        preview: bool = False,
    ):
        self.project = project
        self.config = project.config
        self.preview = preview
        self.dist = self.config.dist_dir / "preview" if preview else self.config.dist_dir
        self.renderer = Renderer(self.config.templates_dir)
        self.glossary = glossary
        self.record = PublishRecord(self.config.record_dir)
        self.problems: list[TransflowError] = []
        self.writer = StagedWrites()
        self.records_written: list[Path] = []
        self._now: str | None = None

    def now(self) -> str:
        """The publishing time of this run (read once, only when a record changes)."""
        if self._now is None:
            self._now = now_utc()
        return self._now

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

    # -- deciding ------------------------------------------------------------------------------

    def article(self, source: SourceFile) -> dict[str, dict]:
        """Render one article in every language it shows; return per-language info."""
        article = self.project.load(source)
        raw = source.path.read_bytes()
        text = decode_text(raw, source.path)
        records = {} if self.preview else self.record.editions(article.slug)
        if article.withdrawn and not self.preview:
            return self.withdraw(article.slug, records, "withdrawn in its front matter")
        revision = revision_of(raw)
        segmented = segment_article(article)
        served: dict[str, Served] = {}
        source_rendition = build_rendition(article, segmented, article.lang, None)
        served[article.lang] = Served(
            "published",
            "source",
            article,
            source_rendition,
            self._edition(article, article.lang, revision, source_rendition, "", {}),
        )
        for lang in self.project.targets(article.lang):
            served[lang] = self._target(article, segmented, text, revision, lang, records.get(lang))
        if self.config.publish.lacinka and "be" in self.config.languages:
            served[LATIN_TAG] = self._latin(served.get("be"), article)
        return self._publish(article, revision, served, records)

    def _target(
        self,
        article: Article,
        segmented: list,
        text: str,
        revision: str,
        lang: str,
        recorded: Edition | None,
    ) -> Served:
        path = self.project.po_path(lang, article.slug)
        rel = self.project.rel(path)
        threshold = self.config.publish.threshold_for(lang)
        catalog = None
        reason = "no catalog"
        if path.exists():
            try:
                catalog = read_po(path)
            except CatalogError as exc:
                self.problems.append(exc)
                reason = f"malformed catalog: {exc}"
        qa_errors = 0
        coverage = 0.0
        if catalog is not None:
            lookup = catalog_lookup(catalog.messages, self.preview)
            rendition = build_rendition(article, segmented, lang, lookup, self.preview)
            coverage = rendition.coverage
            qa_errors = approved_errors(catalog, article.lang, lang, self.glossary)
            has_title = any(b.kind == "title" for b in article.blocks)
            if qa_errors:
                reason = f"{qa_errors} QA error(s)"
            elif coverage * 100 + 1e-9 < threshold or rendition.approved == 0:
                reason = f"{coverage * 100:.0f}% approved, {threshold:.0f}% needed"
            elif has_title and not rendition.title_approved:
                reason = "title not approved"
            else:
                used = _approved_used(segmented, lookup)
                edition = self._edition(article, lang, revision, rendition, text, used)
                return Served(
                    "published", "approved", article, rendition, edition, lookup, coverage, 0, rel
                )
            if self.preview:
                return Served(
                    "pending", reason, article, rendition, None, lookup, coverage, qa_errors, rel
                )
        served = self._from_record(recorded, revision, lang, reason)
        served.catalog_coverage, served.qa_errors, served.catalog = coverage, qa_errors, rel
        return served

    def _from_record(self, recorded: Edition | None, revision: str, lang: str, why: str) -> Served:
        """What a language that does not qualify now shows: its recorded edition, or nothing."""
        if recorded is None:
            return Served("pending", why)
        if not recorded.online:
            return Served("withdrawn", f"withdrawn; {why}", edition=recorded)
        current = recorded.revision == revision
        if not current and self.config.publish.outdated == "withdraw":
            return Served("withdrawn", f"outdated and withdrawn by policy; {why}", edition=recorded)
        path = self.record.path(lang, recorded.slug)
        article = parse_article(recorded.source, path, self.config.languages)
        lookup = _record_lookup(recorded)
        rendition = build_rendition(article, segment_article(article), lang, lookup)
        status = "published" if current else "outdated"
        reason = f"the recorded edition stays online; {why}"
        return Served(status, reason, article, rendition, recorded, lookup)

    def _latin(self, be: Served | None, article: Article) -> Served:
        if be is None or be.status not in ONLINE or be.rendition is None:
            if self.preview and be is not None and be.rendition is not None:
                latin = self._latin_of(be, article, "pending")
                latin.reason = "be is not published"
                return latin
            status = "withdrawn" if be is not None and be.status == "withdrawn" else "pending"
            return Served(status, "be is not published")
        return self._latin_of(be, article, be.status)

    def _latin_of(self, be: Served, article: Article, status: str) -> Served:
        base = be.article if be.article is not None else article
        lookup = None if base.lang == "be" else be.lookup
        rendition = build_rendition(
            base,
            segment_article(base),
            LATIN_TAG,
            lookup,
            self.preview,
            transform=latin_transform,
        )
        return Served(
            status, "derived from be", base, rendition, be.edition, lookup, be.catalog_coverage
        )

    def _edition(
        self,
        article: Article,
        lang: str,
        revision: str,
        rendition: Rendition,
        text: str,
        translations: dict[str, str],
    ) -> Edition:
        return Edition(
            slug=article.slug,
            lang=lang,
            source_lang=article.lang,
            revision=revision,
            date=article.date.isoformat(),
            title=rendition.title,
            coverage=round(rendition.coverage, 6),
            source=text if translations else "",
            translations=translations,
        )

    # -- writing -------------------------------------------------------------------------------

    def _publish(
        self,
        current: Article,
        revision: str,
        served: dict[str, Served],
        records: dict[str, Edition],
    ) -> dict[str, dict]:
        online = [lang for lang, s in served.items() if s.rendition is not None]
        info: dict[str, dict] = {}
        for lang, item in served.items():
            entry: dict = {
                "status": item.status,
                "reason": item.reason,
                "source_revision": revision,
            }
            if item.catalog:
                entry["catalog"] = item.catalog
                entry["catalog_coverage"] = round(item.catalog_coverage or 0.0, 6)
            if item.qa_errors:
                entry["qa_errors"] = item.qa_errors
            if item.rendition is not None and item.article is not None:
                pages = self._pages(lang, item, online, item.status == "outdated")
                entry["outputs"] = pages
                entry["title"] = item.rendition.title
                entry["description"] = item.rendition.description
                entry["coverage"] = round(item.rendition.coverage, 6)
                if not self.preview and item.edition is not None:
                    edition = self._settle(lang, item, records.get(lang), pages)
                    entry.update(_edition_facts(edition, revision))
            else:
                entry["coverage"] = 0.0
                if item.status == "withdrawn" and item.edition is not None and lang != LATIN_TAG:
                    edition = self._take_down(item.edition)
                    entry["withdrawn_at"] = edition.withdrawn_at
                    entry["translation_of"] = edition.revision
            info[lang] = entry
        if LATIN_TAG in info and "be" in info:  # Łacinka follows the Belarusian record
            for key in ("published", "updated", "translation_of", "outdated", "withdrawn_at"):
                if key in info["be"]:
                    info[LATIN_TAG][key] = info["be"][key]
        return info

    def _pages(self, lang: str, item: Served, online: list[str], outdated: bool) -> dict:
        article, rendition = item.article, item.rendition
        assert article is not None and rendition is not None
        alternates = [
            {
                "lang": other,
                "href": f"../{other}/{article.slug}.html",
                "name": LANGUAGE_NAMES.get(other, other),
            }
            for other in online
            if other != lang
        ]
        place = self.term(article.place, lang, article.lang)
        agency = self.term(article.agency, lang, article.lang)
        if lang == LATIN_TAG and article.lang == "be":
            place, agency = latin_transform(place), latin_transform(agency)
        notice = ""
        if outdated and item.edition is not None:
            notice = format_date(item.edition.published_at[:10], lang)
        picture = load_picture(article, self.project.root)
        if picture is not None and not picture.remote:
            self.writer.add(self.dist / picture.dist_path, picture.data)
        html = self.renderer.article_html(
            article,
            rendition,
            place,
            agency,
            alternates,
            preview=self.preview,
            picture=picture,
            base_url=self.config.publish.base_url,
            outdated=notice,
        )
        provenance = {
            "approved": rendition.approved,
            "machine": rendition.machine,
            "missing": rendition.missing,
            "segments": rendition.total,
            "origin": item.reason if item.reason in ("source", "approved") else "record",
        }
        if lang == LATIN_TAG:
            provenance["origin"] = "derived from be"
        data = article_json(article, rendition, place, agency, alternates, provenance, picture)
        outputs = {}
        for kind, body in (("html", html), ("json", data)):
            rel = f"{lang}/{article.slug}.{kind}"
            raw = body.encode("utf-8")
            self.writer.add(self.dist / rel, raw)
            outputs[kind] = {"path": rel, "sha256": sha256_bytes(raw), "size": len(raw)}
        if picture is not None and not picture.remote:
            outputs["image"] = picture.output()
        return outputs

    def _settle(self, lang: str, item: Served, old: Edition | None, pages: dict) -> Edition:
        """The record entry of a page that is online, written when it changed."""
        digests = {kind: o["sha256"] for kind, o in pages.items()}
        if lang == LATIN_TAG:  # derived: Belarusian's record speaks for it
            assert item.edition is not None
            return item.edition
        edition = item.edition
        assert edition is not None
        same = (
            old is not None
            and old.online
            and (old.revision, old.translations, old.source)
            == (edition.revision, edition.translations, edition.source)
        )
        if same and old is not None:
            edition.published_at = old.published_at
            edition.updated_at = old.updated_at if old.pages == digests else self.now()
        else:
            edition.published_at = edition.updated_at = self.now()
        edition.pages = digests
        edition.withdrawn_at = None
        if self.record.put(edition):
            self.records_written.append(self.record.path(lang, edition.slug))
        return edition

    def _take_down(self, edition: Edition) -> Edition:
        if edition.withdrawn_at is None:
            edition.withdrawn_at = self.now()
            edition.pages = {}
            if self.record.put(edition):
                self.records_written.append(self.record.path(edition.lang, edition.slug))
        return edition

    def withdraw(self, slug: str, records: dict[str, Edition], why: str) -> dict[str, dict]:
        """Take every recorded language of an article down; its tombstones stay in the record."""
        info = {}
        for lang, edition in sorted(records.items()):
            edition = self._take_down(edition)
            info[lang] = {
                "status": "withdrawn",
                "reason": why,
                "coverage": 0.0,
                "withdrawn_at": edition.withdrawn_at,
                "translation_of": edition.revision,
                "source_revision": edition.revision,
            }
        return info


def _approved_used(segmented: list, lookup: Lookup) -> dict[str, str]:
    """The approved translation of every sentence the page shows (what the record keeps)."""
    used = {}
    for item in segmented:
        for sentence in item.sentences:
            found = lookup(sentence)
            if found is not None and found[1] == "approved":
                used[sentence] = found[0]
    return used


def _record_lookup(edition: Edition) -> Lookup:
    table = edition.translations

    def lookup(msgid: str) -> tuple[str, str] | None:
        text = table.get(msgid)
        return None if text is None else (text, "approved")

    return lookup


def _edition_facts(edition: Edition, revision: str) -> dict:
    return {
        "published": edition.published_at,
        "updated": edition.updated_at,
        "translation_of": edition.revision,
        "outdated": edition.revision != revision,
    }

"""Run the QA checks over catalogs and files: findings, catalog states, the result of a run."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from transflow.errors import CatalogError
from transflow.po.catalog import Catalog, Message
from transflow.qa import CATALOG_CHECKS, CHECKS
from transflow.qa.base import ERROR, WARNING, Check, Finding, Unit
from transflow.qa.language import base_lang

_HEADER_LINE = re.compile(r"^([A-Za-z0-9-]+):\s*(.*)$")


def header_fields(catalog: Catalog) -> dict[str, str]:
    """The header entry's "Key: value" lines as a dict."""
    out: dict[str, str] = {}
    for line in catalog.header.msgstr.splitlines():
        m = _HEADER_LINE.match(line.strip())
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


def _entries(catalog: Catalog) -> list[Message]:
    return [m for m in catalog.messages if not m.obsolete and m.msgid != ""]


_IGNORE = re.compile(r"(?<![\w-])ignore-[a-z][a-z-]*")


def entry_flags(message: Message) -> tuple[str, ...]:
    """The entry's flags plus the `ignore-<check>` words of its translator comments.

    msgcat (and our canonical writer) drop unknown `#,` flags, so a lasting opt-out is written
    as a translator comment, e.g. "# ignore-numbers" (several: "# ignore-numbers, ignore-length").
    """
    extra = [m.group(0) for c in message.translator_comments for m in _IGNORE.finditer(c)]
    return tuple(message.flags) + tuple(extra)


def mt_unknown_words(message: Message) -> tuple[str, ...]:
    """The words listed in the entry's `# mt-unknown: a, b` translator comments."""
    out: list[str] = []
    for comment in message.translator_comments:
        if comment.startswith("mt-unknown:"):
            out.extend(w.strip() for w in comment[len("mt-unknown:") :].split(",") if w.strip())
    return tuple(out)


def units_of(message: Message, src: str, tgt: str, glossary: Any = None) -> Iterator[Unit]:
    """The units of one entry: one, or one per plural form (form 0 against msgid)."""
    flags = entry_flags(message)
    unknown = mt_unknown_words(message)
    if message.msgid_plural is None:
        yield Unit(
            message.msgid,
            message.msgstr,
            src,
            tgt,
            flags,
            message.lineno,
            message.fuzzy,
            message.translated,
            glossary,
            unknown,
        )
        return
    forms = message.msgstr_plural or {0: ""}
    for index in sorted(forms):
        source = message.msgid if index == 0 else message.msgid_plural
        yield Unit(
            source,
            forms[index],
            src,
            tgt,
            flags,
            message.lineno,
            message.fuzzy,
            bool(forms[index]),
            glossary,
            unknown,
        )


def _finding(
    catalog: Catalog,
    check_id: str,
    severity: str,
    message: str,
    line: int,
    msgid: str = "",
    msgstr: str = "",
) -> Finding:
    return Finding(catalog.path, line, check_id, severity, message, msgid, msgstr)


def _run_checks(unit: Unit, checks: Iterable[Check], path: str) -> list[Finding]:
    out: list[Finding] = []
    translated, fuzzy, flags = unit.translated, unit.fuzzy, unit.flags
    for check in checks:
        content = check.content
        if content and not translated:
            continue
        if flags and check.ignored(unit):  # an entry without flags opts out of nothing
            continue
        messages = check.check(unit)
        if not messages:
            continue
        # Content checks on a fuzzy draft are things to look at, not defects yet.
        severity = WARNING if content and fuzzy else check.severity
        if severity == ERROR:  # a check may give some of its messages a milder severity
            out.extend(
                Finding(
                    path,
                    unit.line,
                    check.check_id,
                    check.severity_of(text),
                    text,
                    unit.msgid,
                    unit.msgstr,
                )
                for text in messages
            )
            continue
        out.extend(
            Finding(path, unit.line, check.check_id, severity, text, unit.msgid, unit.msgstr)
            for text in messages
        )
    return out


def stale_findings(catalog: Catalog, pot: Catalog) -> list[Finding]:
    """A finding when the catalog's live entries differ from its template's."""
    have = {m.key for m in _entries(catalog)}
    want = {m.key for m in _entries(pot)}
    if have == want:
        return []
    missing, gone = len(want - have), len(have - want)
    text = (
        f"catalog is stale: {missing} template entr{'y' if missing == 1 else 'ies'} missing, "
        f"{gone} entr{'y' if gone == 1 else 'ies'} no longer in the template (run update)"
    )
    return [_finding(catalog, "stale", CATALOG_CHECKS["stale"][0], text, catalog.header.lineno)]


def check_catalog(
    catalog: Catalog,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    glossary: Any = None,
    pot: Catalog | None = None,
    approved_only: bool = False,
    expected_lang: str | None = None,
    checks: Iterable[Check] | None = None,
) -> list[Finding]:
    """Check every live entry of `catalog`; languages default to its headers.

    `expected_lang` is the language the catalog's place says (its folder); `pot` its template
    (for the stale check); `approved_only` skips entries that are not approved.
    """
    checks = tuple(CHECKS if checks is None else checks)
    header = header_fields(catalog)
    declared = header.get("Language", "")
    src = base_lang(src_lang or header.get("X-Source-Language", ""))
    # the folder decides what the catalog is for; be_BY and be-BY mean be
    tgt = base_lang(tgt_lang or expected_lang or declared)
    findings: list[Finding] = []
    hline = catalog.header.lineno
    if expected_lang and base_lang(declared) != base_lang(expected_lang):
        said = f"says {declared!r}" if declared else "is missing"
        findings.append(
            _finding(
                catalog,
                "language-header",
                ERROR,
                f"Language header {said}, the folder says {expected_lang!r}",
                hline,
            )
        )
    if pot is not None:
        findings.extend(stale_findings(catalog, pot))
    units = [
        unit
        for message in _entries(catalog)
        if not (approved_only and not message.approved)
        for unit in units_of(message, src, tgt, glossary)
    ]
    for check in checks:
        check.prepare(units, catalog.path)
    for unit in units:
        findings.extend(_run_checks(unit, checks, catalog.path))
    return findings


#: The review states of a catalog, shared by `status`, `check` and the dashboard.
STATES = ("approved", "in-review", "untranslated", "malformed")


def state_of(entries: int, approved: int, translated: int, errors: int) -> str:
    """The review state from counts: "approved" (every entry approved and no QA error),
    "untranslated" (nothing translated yet, drafts included) or "in-review" (anything between)."""
    if approved == entries and not errors:
        return "approved"
    if not translated:
        return "untranslated"
    return "in-review"


def catalog_state(catalog: Catalog, findings: Iterable[Finding]) -> str:
    """The review state of a checked catalog (see `state_of`)."""
    entries = _entries(catalog)
    return state_of(
        len(entries),
        sum(m.approved for m in entries),
        sum(m.translated for m in entries),
        sum(1 for f in findings if f.severity == ERROR),
    )


@dataclass
class FileReport:
    """The outcome for one file: its state, its entry counts and its findings."""

    path: str
    lang: str = ""
    source_lang: str = ""
    state: str = "malformed"  # approved | in-review | untranslated | malformed
    entries: int = 0
    approved: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    findings: list[Finding] = field(default_factory=list)


@dataclass
class CheckResult:
    """The outcome of a check run over files."""

    files: list[FileReport] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """All findings, file by file."""
        return [f for report in self.files for f in report.findings]

    @property
    def errors(self) -> int:
        """Number of error findings."""
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        """Number of warning findings."""
        return sum(1 for f in self.findings if f.severity == WARNING)


def _read(path: Path) -> Catalog:
    from transflow.po.pofile import read_po

    return read_po(path)


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.po")) if p.is_dir() else [p])
    return out


def _place(path: Path, locales_dir: Path | None) -> tuple[str | None, Path | None]:
    """Folder language and template path of `locales/<lang>/LC_MESSAGES/<slug>.po`."""
    if path.parent.name != "LC_MESSAGES":
        return None, None
    lang = path.parent.parent.name
    root = Path(locales_dir) if locales_dir is not None else path.parent.parent.parent
    return lang, root / f"{path.stem}.pot"


def check_file(
    path: str | Path,
    *,
    glossary: Any = None,
    locales_dir: str | Path | None = None,
    approved_only: bool = False,
) -> FileReport:
    """Read and check one PO file; unreadable files give a "syntax" finding."""
    path = Path(path)
    report = FileReport(str(path))
    try:
        catalog = _read(path)
    except CatalogError as exc:
        report.findings.append(Finding(str(path), exc.line or 0, "syntax", ERROR, exc.message))
        return report
    except (OSError, UnicodeDecodeError) as exc:
        report.findings.append(Finding(str(path), 0, "syntax", ERROR, f"cannot read: {exc}"))
        return report
    catalog.path = catalog.path or str(path)
    lang, pot_path = _place(path, Path(locales_dir) if locales_dir else None)
    pot = None
    if pot_path is not None and pot_path.is_file():
        try:
            pot = _read(pot_path)
        except CatalogError as exc:
            report.findings.append(
                Finding(str(pot_path), exc.line or 0, "syntax", ERROR, exc.message)
            )
    report.findings.extend(
        check_catalog(
            catalog, glossary=glossary, pot=pot, expected_lang=lang, approved_only=approved_only
        )
    )
    entries = _entries(catalog)
    header = header_fields(catalog)
    report.lang = header.get("Language", lang or "")
    report.source_lang = base_lang(header.get("X-Source-Language", ""))
    report.entries = len(entries)
    report.approved = sum(m.approved for m in entries)
    report.fuzzy = sum(m.fuzzy and m.translated for m in entries)
    report.untranslated = sum(not m.translated for m in entries)
    report.state = catalog_state(catalog, report.findings)
    return report


#: Below this many files a run stays in one process (starting workers costs ~0.5 s).
PARALLEL_MIN_FILES = 200


def _check_one(path: Path, options: dict[str, Any]) -> FileReport:
    return check_file(path, **options)


def _jobs(jobs: int | None, files: int) -> int:
    if jobs is not None:
        return max(1, jobs)
    if files < PARALLEL_MIN_FILES:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def approved_errors(catalog: Catalog, src_lang: str, tgt_lang: str, glossary=None) -> int:
    """QA errors among the approved entries: what blocks a catalog's approval and publishing."""
    findings = check_catalog(
        catalog, src_lang=src_lang, tgt_lang=tgt_lang, glossary=glossary, approved_only=True
    )
    return sum(1 for f in findings if f.severity == ERROR)


def check_files(
    paths: Iterable[str | Path],
    *,
    glossary: Any = None,
    locales_dir: str | Path | None = None,
    approved_only: bool = False,
    jobs: int | None = None,
) -> CheckResult:
    """Check PO files (folders are searched for *.po); one bad file does not stop the others.

    `jobs` worker processes share the files (default: one per CPU from PARALLEL_MIN_FILES
    files on, else 1). Reports come back in the order of `paths`.
    """
    files = _expand(paths)
    options = {"glossary": glossary, "locales_dir": locales_dir, "approved_only": approved_only}
    workers = _jobs(jobs, len(files))
    if workers > 1:
        try:
            pickle.dumps(options)
        except Exception:  # an unpicklable glossary: stay in this process
            workers = 1
    if workers == 1:
        return CheckResult([check_file(p, **options) for p in files])
    context = multiprocessing.get_context("spawn")  # no fork of a threaded process
    chunk = max(1, len(files) // (workers * 4))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        reports = list(pool.map(_check_one, files, repeat(options), chunksize=chunk))
    return CheckResult(reports)

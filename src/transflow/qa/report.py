"""Reports of a QA run: a text report for people, a JSON report for machines, the exit status.

JSON report structure (``format_json``), schema version 1. Keys are stable; new keys may be
added in later versions without changing ``schema``, removals or changes bump it::

    {
      "schema": 1,
      "tool": "transflow check",
      "files": [
        {
          "path": "locales/be/LC_MESSAGES/minsk-forum.po",
          "lang": "be",                      # the Language header ("" if unreadable)
          "state": "in-review",              # approved | in-review | untranslated | malformed
          "entries": 30, "approved": 25, "fuzzy": 4, "untranslated": 1,
          "errors": 2, "warnings": 5
        }
      ],
      "findings": [
        {
          "path": "locales/be/LC_MESSAGES/minsk-forum.po",
          "line": 42,                        # line of the entry's msgid (0: whole file)
          "check": "numbers",                # check id; see transflow.qa.CHECKS / CATALOG_CHECKS
          "severity": "error",               # error | warning
          "message": "number missing in translation: 1.5",
          "msgid": "...", "msgstr": "..."
        }
      ],
      "counts": {
        "files": 1, "errors": 2, "warnings": 5,
        "by_check": {"numbers": 1, "fuzzy": 4}
      }
    }

Findings are ordered by file, then line, then check order. ``exit_status`` is 1 when any
finding is an error, else 0. ``select`` narrows a result to some languages and severities
before it is reported; the text report can fold the "untranslated" warnings of legs that no
configured engine fills into one line per catalog (they wait for a human, not for a fix).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection
from dataclasses import replace
from pathlib import PurePath

from transflow.qa.base import ERROR, WARNING, Finding
from transflow.qa.runner import CheckResult, FileReport

SCHEMA_VERSION = 1
_MAX_TEXT = 160


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.line)  # stable: check order kept within a line


def _short(text: str) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _file_counts(report: FileReport) -> tuple[int, int]:
    errors = sum(1 for f in report.findings if f.severity == ERROR)
    return errors, sum(1 for f in report.findings if f.severity == WARNING)


def report_lang(report: FileReport) -> str:
    """The language a report is about: its folder (locales/<lang>/LC_MESSAGES), else its header."""
    path = PurePath(report.path)
    if path.parent.name == "LC_MESSAGES":
        return path.parent.parent.name
    return report.lang


def select(
    result: CheckResult, severity: str = WARNING, langs: Collection[str] | None = None
) -> CheckResult:
    """The files of `langs` (all when None), keeping findings of `severity` or worse."""
    keep = (ERROR,) if severity == ERROR else (ERROR, WARNING)
    files = [
        replace(report, findings=[f for f in report.findings if f.severity in keep])
        for report in result.files
        if not langs or report_lang(report) in langs
    ]
    return CheckResult(files)


def _folded(report: FileReport, unfillable: Collection[tuple[str, str]]) -> list[Finding]:
    """The "untranslated" findings to fold into one line: those of a leg no engine fills."""
    if (report.source_lang, report_lang(report)) not in unfillable:
        return []
    return [f for f in report.findings if f.check_id == "untranslated"]


def format_text(result: CheckResult, unfillable: Collection[tuple[str, str]] = ()) -> str:
    """A report for people: findings grouped by file with line numbers and texts, then a summary.

    `unfillable` names the (source, target) legs no configured engine translates: their
    "untranslated" warnings become one line per catalog.
    """
    lines: list[str] = []
    for report in result.files:
        errors, warnings = _file_counts(report)
        lines.append(
            f"{report.path}: {report.state}, {report.approved}/{report.entries} approved, "
            f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
        )
        folded = _folded(report, unfillable)
        if folded:
            lines.append(
                f"  {report.path}: warning: [untranslated] {len(folded)} entr"
                f"{'y' if len(folded) == 1 else 'ies'} not translated; no configured engine "
                f"translates {report.source_lang}->{report_lang(report)} (translate by hand, or "
                "add an engine to [chains] in transflow.toml)"
            )
        skip = {id(f) for f in folded}
        last_line = None
        for f in _sorted(report.findings):
            if id(f) in skip:
                continue
            where = f"{f.path}:{f.line}" if f.line else f.path
            lines.append(f"  {where}: {f.severity}: [{f.check_id}] {f.message}")
            if f.line != last_line and (f.msgid or f.msgstr):
                lines.append(f"      msgid:  {_short(f.msgid)}")
                lines.append(f"      msgstr: {_short(f.msgstr)}")
            last_line = f.line
    lines.append(
        f"{_plural(len(result.files), 'file')} checked: {_plural(result.errors, 'error')}, "
        f"{_plural(result.warnings, 'warning')}"
    )
    return "\n".join(lines)


def to_dict(result: CheckResult) -> dict:
    """The JSON report as Python data (see the module docstring)."""
    files = []
    findings = []
    for report in result.files:
        errors, warnings = _file_counts(report)
        files.append(
            {
                "path": report.path,
                "lang": report.lang,
                "state": report.state,
                "entries": report.entries,
                "approved": report.approved,
                "fuzzy": report.fuzzy,
                "untranslated": report.untranslated,
                "errors": errors,
                "warnings": warnings,
            }
        )
        findings.extend(f.as_dict() for f in _sorted(report.findings))
    by_check = Counter(f["check"] for f in findings)
    return {
        "schema": SCHEMA_VERSION,
        "tool": "transflow check",
        "files": files,
        "findings": findings,
        "counts": {
            "files": len(files),
            "errors": result.errors,
            "warnings": result.warnings,
            "by_check": dict(sorted(by_check.items())),
        },
    }


def format_json(result: CheckResult) -> str:
    """The JSON report (schema version 1, see the module docstring), UTF-8 text, indented."""
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2)


def exit_status(result: CheckResult) -> int:
    """1 when any finding is an error, else 0."""
    return 1 if result.errors else 0

"""Planted defects are all found; clean translations give no error and no warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.paths import TEST_DATA
from transflow.po.pofile import read_po
from transflow.qa import CHECKS
from transflow.qa.runner import check_catalog

DATA = TEST_DATA / "qa"
DEFECTS = sorted((DATA / "defects").glob("*.po"))
CLEAN = sorted((DATA / "clean").glob("*.po"))
_EXPECT = re.compile(r"^\s*expect:\s*(.+)$")


def expectations(path: Path) -> list[tuple[int, str, set[str]]]:
    """(line, msgid, expected check ids) of every entry of a defects catalog."""
    out = []
    for m in read_po(path).messages:
        wanted: set[str] = set()
        for comment in m.translator_comments:
            hit = _EXPECT.match(comment)
            if hit:
                wanted |= {x.strip() for x in hit.group(1).split(",")}
        out.append((m.lineno, m.msgid, wanted))
    return out


def test_data_is_there():
    assert len(DEFECTS) >= 5 and len(CLEAN) >= 5


def test_every_check_has_three_planted_defects():
    counts = {c.check_id: 0 for c in CHECKS if c.check_id != "glossary"}
    for path in DEFECTS:
        for _, _, wanted in expectations(path):
            for check_id in wanted:
                counts[check_id] += 1
    assert {k: v for k, v in counts.items() if v < 3} == {}


@pytest.mark.parametrize("path", DEFECTS, ids=lambda p: p.name)
def test_planted_defects_found_exactly(path: Path):
    findings = check_catalog(read_po(path))
    found: dict[int, set[str]] = {}
    for f in findings:
        found.setdefault(f.line, set()).add(f.check_id)
    wrong = []
    for line, msgid, wanted in expectations(path):
        got = found.get(line, set())
        if got != wanted:
            wrong.append((line, msgid, sorted(wanted), sorted(got)))
    assert wrong == []


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_catalogs_have_no_findings(path: Path):
    findings = check_catalog(read_po(path))
    assert [(f.line, f.check_id, f.message) for f in findings] == []


def test_fuzzy_defects_are_warnings_only():
    for path in DEFECTS:
        for f in check_catalog(read_po(path)):
            if f.check_id != "fuzzy" and any(
                m.fuzzy for m in read_po(path).messages if m.lineno == f.line
            ):
                assert f.severity == "warning", f


def test_approved_only_skips_drafts_and_empty_entries():
    path = DATA / "defects" / "be-from-ru.po"
    findings = check_catalog(read_po(path), approved_only=True)
    ids = {f.check_id for f in findings}
    assert "fuzzy" not in ids and "untranslated" not in ids
    assert "numbers" in ids

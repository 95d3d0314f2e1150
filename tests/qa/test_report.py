"""Text and JSON reports, and the exit status."""

from __future__ import annotations

import json

import jsonschema

from tests.paths import TEST_DATA
from transflow.qa.report import SCHEMA_VERSION, exit_status, format_json, format_text
from transflow.qa.runner import check_files

DATA = TEST_DATA / "qa"

FINDING = {
    "type": "object",
    "required": ["path", "line", "check", "severity", "message", "msgid", "msgstr"],
    "properties": {
        "path": {"type": "string"},
        "line": {"type": "integer", "minimum": 0},
        "check": {"type": "string"},
        "severity": {"enum": ["error", "warning"]},
        "message": {"type": "string"},
        "msgid": {"type": "string"},
        "msgstr": {"type": "string"},
    },
}
SCHEMA = {
    "type": "object",
    "required": ["schema", "tool", "files", "findings", "counts"],
    "properties": {
        "schema": {"const": SCHEMA_VERSION},
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "path",
                    "lang",
                    "state",
                    "entries",
                    "approved",
                    "fuzzy",
                    "untranslated",
                    "errors",
                    "warnings",
                ],
                "properties": {
                    "state": {"enum": ["approved", "in-review", "untranslated", "malformed"]}
                },
            },
        },
        "findings": {"type": "array", "items": FINDING},
        "counts": {
            "type": "object",
            "required": ["files", "errors", "warnings", "by_check"],
        },
    },
}


def test_json_report_structure():
    result = check_files([DATA / "defects", DATA / "clean"])
    data = json.loads(format_json(result))
    jsonschema.validate(data, SCHEMA)
    assert data["counts"]["files"] == 10
    assert data["counts"]["errors"] == result.errors > 0
    assert sum(data["counts"]["by_check"].values()) == len(data["findings"])
    lines = [f["line"] for f in data["findings"] if f["path"].endswith("be-from-en.po")]
    assert lines == sorted(lines)


def test_text_report_groups_by_file_and_shows_text():
    result = check_files([DATA / "defects" / "be-from-en.po", DATA / "clean"])
    text = format_text(result)
    first = text.splitlines()[0]
    assert first.startswith(str(DATA / "defects" / "be-from-en.po")) and "error" in first
    assert "[numbers]" in text and "1,200 metres" in text
    assert f"{DATA / 'defects' / 'be-from-en.po'}:" in text
    assert text.splitlines()[-1].startswith("6 files checked:")


def test_exit_status():
    assert exit_status(check_files([DATA / "clean"])) == 0
    assert exit_status(check_files([DATA / "defects"])) == 1

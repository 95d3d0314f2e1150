"""Text and JSON reports, and the exit status."""

from __future__ import annotations

import json

import jsonschema

from tests.paths import TEST_DATA
from transflow.qa.report import SCHEMA_VERSION, exit_status, format_json, format_text, select
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


def _catalog(tmp_path, lang: str, entries: list[tuple[str, str]], source: str = "ru"):
    folder = tmp_path / "locales" / lang / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n' for msgid, msgstr in entries)
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {lang}\\n"\n"X-Source-Language: {source}\\n"\n'
    )
    path = folder / "story.po"
    path.write_text(header + body, "utf-8")
    return path


def test_select_keeps_languages_and_severities(tmp_path):
    be = _catalog(tmp_path, "be", [("В 2021 году.", "У годзе."), ("Дождь.", "")])
    en = _catalog(tmp_path, "en", [("Дождь.", "")])
    result = check_files([be, en])
    assert {f.severity for f in result.findings} == {"error", "warning"}
    errors_only = select(result, "error")
    assert errors_only.findings and {f.severity for f in errors_only.findings} == {"error"}
    assert errors_only.warnings == 0 and exit_status(errors_only) == 1
    english = select(result, "warning", ["en"])
    assert [r.path for r in english.files] == [str(en)]
    assert exit_status(english) == 0


def test_untranslated_entries_of_a_leg_no_engine_fills_are_one_line(tmp_path):
    en = _catalog(tmp_path, "en", [("Дождь.", ""), ("Снег.", ""), ("Ветер.", "")])
    result = check_files([en])
    folded = format_text(result, {("ru", "en")})
    lines = [line for line in folded.splitlines() if "[untranslated]" in line]
    assert len(lines) == 1
    assert "3 entries not translated; no configured engine translates ru->en" in lines[0]
    # a leg an engine fills keeps one line per entry, with its line number
    listed = format_text(result, {("be", "en")})
    assert sum("[untranslated] not translated" in line for line in listed.splitlines()) == 3
    assert (
        folded.splitlines()[-1]
        == listed.splitlines()[-1]
        == ("1 file checked: 0 errors, 3 warnings")
    )

"""The CLI guides: full status table with filters, one state vocabulary, focused check reports,
help on every argument, -v anywhere, `mt` as a filter outside projects, honest preview wording."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO_ROOT
from tests.publish.helpers import fill
from transflow.cli import STATES as CLI_STATES
from transflow.cli import build_parser, main
from transflow.qa.runner import STATES

MINISTER = "belarusian-minister-urges-not-to-mix-international"


def cli(cwd: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "transflow.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


@pytest.fixture
def built(project_dir: Path, capsys) -> Path:
    """The bundled project with its catalogs, built with its own configuration."""
    shutil.copytree(REPO_ROOT / "locales", project_dir / "locales")
    assert main(["-C", str(project_dir), "build"]) == 0
    capsys.readouterr()
    return project_dir


def run(capsys, root: Path, *args: str) -> tuple[int, str]:
    code = main(["-C", str(root), *args])
    return code, capsys.readouterr().out


def test_status_shows_full_slugs_and_catalog_paths(built, capsys):
    code, out = run(capsys, built, "status")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith(MINISTER + " ")]
    row = next(line for line in rows if " be " in line)
    assert f"locales/be/LC_MESSAGES/{MINISTER}.po" in row
    assert out.splitlines()[-1].startswith("8 catalog(s): ")


def test_status_filters_by_language_state_and_slug_pattern(built, capsys):
    _, out = run(capsys, built, "status", "--format", "json", "--lang", "en")
    rows = json.loads(out)["catalogs"]
    assert rows and {r["lang"] for r in rows} == {"en"}
    _, out = run(capsys, built, "status", "--format", "json", "--state", "approved")
    rows = json.loads(out)["catalogs"]
    assert {(r["slug"], r["lang"]) for r in rows} == {
        ("minsk-half-marathon", "be"),
        ("minsk-half-marathon", "ru"),
    }
    _, out = run(capsys, built, "status", "--format", "json", "grodno-*")
    assert {r["slug"] for r in json.loads(out)["catalogs"]} == {"grodno-agro-fair-2021"}
    _, out = run(capsys, built, "status", "no-such-*")
    assert out.strip() == "no catalog matches"


def test_status_and_check_name_every_catalog_state_alike(built, capsys):
    assert CLI_STATES == STATES
    _, out = run(capsys, built, "status", "--format", "json")
    by_status = {r["path"]: r["state"] for r in json.loads(out)["catalogs"]}
    _, out = run(capsys, built, "check", "--format", "json")
    by_check = {
        Path(f["path"]).relative_to(built).as_posix(): f["state"] for f in json.loads(out)["files"]
    }
    assert by_status == by_check
    assert set(by_status.values()) <= set(STATES)


def test_status_calls_an_approved_catalog_with_qa_errors_in_review(built, capsys):
    po = built / "locales" / "be" / "LC_MESSAGES" / "minsk-half-marathon.po"
    text = po.read_text("utf-8")
    # a number dropped from an approved translation is a QA error
    lines = text.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and "21" in line)
    lines[index] = lines[index].replace("21", "")
    po.write_text("".join(lines), "utf-8")
    _, out = run(capsys, built, "status", "--format", "json", "minsk-*", "--lang", "be")
    (row,) = json.loads(out)["catalogs"]
    assert row["state"] == "in-review" and row["qa_errors"] >= 1
    _, out = run(capsys, built, "check", "--format", "json", str(po))
    assert json.loads(out)["files"][0]["state"] == "in-review"


def test_check_folds_untranslated_entries_of_legs_no_engine_fills(built, capsys):
    code, out = run(capsys, built, "check")
    assert code == 0
    en = "locales/en/LC_MESSAGES/grodno-agro-fair-2021.po"
    folded = [line for line in out.splitlines() if "[untranslated]" in line and en in line]
    assert len(folded) == 1
    assert "16 entries not translated" in folded[0] and "ru->en" in folded[0]
    # the JSON report keeps every finding for machines
    _, data = run(capsys, built, "check", "--format", "json", en)
    findings = json.loads(data)["findings"]
    assert sum(f["check"] == "untranslated" for f in findings) == 16


def test_check_reports_every_untranslated_entry_of_a_leg_an_engine_fills(built, capsys):
    po = built / "locales" / "be" / "LC_MESSAGES" / "grodno-agro-fair-2021.po"
    left = fill(built, "be", "grodno-agro-fair-2021", {})  # ru->be: Apertium fills this leg
    _, out = run(capsys, built, "check", str(po))
    assert sum("[untranslated] not translated" in line for line in out.splitlines()) == len(left)
    assert "no configured engine" not in out


def test_check_severity_and_language_filters(built, capsys):
    po = built / "locales" / "be" / "LC_MESSAGES" / "minsk-half-marathon.po"
    text = po.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and "21" in line)
    lines[index] = lines[index].replace("21", "")
    po.write_text("".join(lines), "utf-8")
    code, out = run(capsys, built, "check", "--severity", "error", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["findings"] and {f["severity"] for f in data["findings"]} == {"error"}
    assert data["counts"]["warnings"] == 0
    code, out = run(capsys, built, "check", "--lang", "ru", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["files"]
    assert all("/ru/LC_MESSAGES/" in f["path"] for f in data["files"])
    code, out = run(capsys, built, "check", "--lang", "be", "--severity", "error")
    assert code == 1 and "warning:" not in out and "error: [numbers]" in out


def _actions(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                for inner, owner in _actions(sub):
                    yield inner, f"{name} {owner}".strip()
        elif not isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            yield action, ""


def test_every_argument_and_option_has_help_text():
    missing = [
        f"{owner or 'transflow'} {action.dest}"
        for action, owner in _actions(build_parser())
        if not (action.help or "").strip()
    ]
    assert missing == []


def test_serve_help_shows_the_defaults():
    result = subprocess.run(
        [sys.executable, "-m", "transflow.cli", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "(default: 127.0.0.1)" in result.stdout and "(default: 8000)" in result.stdout


def test_verbose_is_accepted_after_the_subcommand(fake_project, capsys):
    code, out = run(capsys, fake_project, "build", "-v")
    assert code == 0
    assert "  locales/" in out or "locales/" in out.split("update:")[1]
    assert main(["-C", str(fake_project), "-v", "status"]) == 0
    args = build_parser().parse_args(["status"])
    assert args.verbose is False
    assert build_parser().parse_args(["check", "-v"]).verbose is True


def test_mt_works_outside_a_project_with_the_default_chains(tmp_path):
    result = cli(tmp_path, "mt", "--from", "ru", "--to", "be", stdin="Сегодня в Минске дождь.\n")
    assert result.returncode == 0, result.stderr
    assert "Мінск" in result.stdout
    assert list(tmp_path.iterdir()) == []  # nothing written where it was run


def test_mt_with_an_engine_that_is_not_configured_fails_at_once(tmp_path, project_dir):
    for where in (tmp_path, project_dir):
        result = cli(where, "mt", "--from", "be", "--to", "en", "--engine", "google", stdin="x\n")
        assert result.returncode == 3  # docs/exit-status.md: machine translation failed
        assert "engine 'google' is not configured" in result.stderr
        assert "[engines.google]" in result.stderr and "Traceback" not in result.stderr


def test_render_preview_says_preview_and_keeps_latin_pending_with_be(built):
    result = cli(built, "render", "--preview")
    assert result.returncode == 0, result.stderr
    assert "publish:" not in result.stdout
    assert result.stdout.count("preview: 4 article(s) rendered") == 1
    line = next(line for line in result.stdout.splitlines() if MINISTER in line)
    assert "be draft (" in line and "be-Latn draft (be is not published)" in line
    assert "be-Latn would be published" not in line

"""The small CLI tools: detect, mt, status, import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.paths import REPO_ROOT, SEED_PAGE
from transflow.cli import main

SEED = SEED_PAGE
REPO = REPO_ROOT


def cli(root: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "transflow.cli", "-C", str(root), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_detect_prints_one_code_per_line(project_dir):
    lines = [
        "Прэзідэнт Беларусі наведаў новы завод у Магілёўскай вобласці.",
        "",
        "Президент Беларуси посетил новый завод в Могилевской области.",
        "Президент України відвідав новий завод у Київській області.",
        "The president visited a new plant in the Mogilev region.",
        "2021",
    ]
    result = cli(project_dir, "detect", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:-1] == ["be", "und", "ru", "uk", "en", "und"]


def test_mt_translates_lines_with_apertium_and_keeps_empty_lines(project_dir):
    text = "Сегодня в Минске идет дождь.\n\nЗавтра будет солнечно.\n"
    result = cli(
        project_dir, "mt", "--from", "ru", "--to", "be", "--engine", "apertium", stdin=text
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.split("\n")
    assert len(out) == 4 and out[1] == "" and out[3] == ""
    assert "Мінску" in out[0] or "Мінск" in out[0]
    assert not any(mark in result.stdout for mark in ("*", "#", "@"))


def test_mt_without_an_engine_for_the_pair_says_so(project_dir):
    result = cli(
        project_dir, "mt", "--from", "en", "--to", "be", "--engine", "apertium", stdin="Hello\n"
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "en->be" in result.stderr


def test_the_quick_exit_loses_no_output_and_keeps_the_status(project_dir):
    # the process ends without tearing the interpreter down: everything written must arrive,
    # also when stdout is buffered (PYTHONUNBUFFERED unset)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    lines = [f"{n}, {n + 1}." for n in range(20000)]  # letterless: copied, no engine runs
    for args, stdin in (
        (["mt", "--from", "ru", "--to", "be"], "\n".join(lines) + "\n"),
        (["mt", "--from", "xx", "--to", "be"], "Привет\n"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "transflow.cli", "-C", str(project_dir), *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
        )
        if args[2] == "ru":
            assert result.returncode == 0, result.stderr
            assert result.stdout.split("\n")[:-1] == lines
        else:
            assert result.returncode != 0 and "xx" in result.stderr


def test_status_json_counts_entries(fake_project, capsys):
    assert main(["-C", str(fake_project), "build"]) == 0
    capsys.readouterr()
    assert main(["-C", str(fake_project), "status", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == 1
    rows = {(r["slug"], r["lang"]): r for r in data["catalogs"]}
    row = rows[("grodno-agro-fair-2021", "be")]
    assert row["entries"] > 10 and row["fuzzy"] == row["entries"] and row["approved"] == 0
    assert row["state"] == "in-review" and row["percent"] == 0.0
    assert row["words"] > 100


def test_import_the_seed_page(project_dir):
    for path in (project_dir / "source_articles").glob("belarusian-minister*.md"):
        path.unlink()
    result = cli(project_dir, "import", str(SEED))
    assert result.returncode == 0, result.stderr
    written = list((project_dir / "source_articles").glob("belarusian-minister*.md"))
    assert len(written) == 1
    text = written[0].read_text("utf-8")
    assert text.count("Belarusian minister urges not to mix international cooperation") == 1
    assert "caption: An archive photo" in text and "date: 2021-03-09" in text
    assert "place: Minsk" in text and "agency: BelTA" in text
    assert "\nThe 14th UN Congress" in text and "“We stress" in text and "Belarus’" in text
    for junk in ("Souvenirs from Belarus", "| Home |", "Su Mo Tu", "Archive", "MINSK, 9 March"):
        assert junk not in text
    # the bundled copy is exactly what the importer writes
    bundled = REPO / "source_articles" / written[0].name
    assert bundled.read_text("utf-8") == text

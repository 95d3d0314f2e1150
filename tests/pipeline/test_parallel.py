"""`build --jobs N` gives the same files as `--jobs 1`; two runs never interleave (project lock)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from transflow.cli import main
from transflow.errors import LockError
from transflow.pipeline.project import Project


def outputs(root: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or rel.parts[0] not in ("locales", "dist"):
            continue
        raw = path.read_bytes()
        if path.name == "manifest.json":
            data = json.loads(raw)
            for article in data["articles"]:
                for lang in article["languages"].values():
                    lang.pop("updated", None)
            raw = json.dumps(data, sort_keys=True).encode()
        if path.name == "feed.atom":  # entry times are when an output last changed
            raw = re.sub(rb"<updated>[^<]*</updated>", b"<updated/>", raw)
        files[str(rel)] = raw
    return files


def test_jobs_two_gives_identical_output(fake_project, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(fake_project, other)
    assert main(["-C", str(fake_project), "build", "--jobs", "1"]) == 0
    assert main(["-C", str(other), "build", "--jobs", "2"]) == 0
    one, two = outputs(fake_project), outputs(other)
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []
    # and the parallel run left a state that makes the next build a no-op
    assert main(["-C", str(other), "build", "--jobs", "2"]) == 0
    assert outputs(other) == two


def test_a_second_run_gives_up_clearly_while_the_lock_is_held(fake_project):
    project = Project.open(fake_project)
    with project.lock():
        result = subprocess.run(
            [sys.executable, "-m", "transflow.cli", "-C", str(fake_project), "build"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == LockError.exit_code
        assert "another transflow run is working on this project" in result.stderr
        assert not (fake_project / "locales").exists()


def test_a_waiting_run_proceeds_when_the_lock_is_released(fake_project):
    project = Project.open(fake_project)
    messages: list[str] = []
    release = threading.Event()
    holder_ready = threading.Event()

    def hold() -> None:
        with Project.open(fake_project).lock():
            holder_ready.set()
            release.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    holder_ready.wait(30)

    def on_wait(message: str) -> None:
        messages.append(message)
        release.set()

    with project.lock(wait=30, on_wait=on_wait):
        assert messages and "waiting up to 30 s" in messages[0]
    thread.join()


def test_giving_up_after_the_wait(fake_project):
    project = Project.open(fake_project)
    with (
        project.lock(),
        pytest.raises(LockError, match="gave up after 0.2 s"),
        Project.open(fake_project).lock(wait=0.2),
    ):
        pass

"""`build --jobs N` gives the same files as `--jobs 1`; two runs never interleave (project lock)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transflow.cli import main
from transflow.errors import LockError
from transflow.pipeline.project import Project


def outputs(root: Path) -> dict[str, bytes]:
    """Every file of locales/, dist/ and published/: nothing masked, times included."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] in ("locales", "dist", "published")
    }


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


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


SHARED = "Организаторы ожидают более пяти тысяч гостей."
SHARED_BE = "Арганізатары чакаюць больш за пяць тысяч гасцей."


def _cross_article_project(root: Path, articles: int, approved: set[int]) -> Path:
    """Russian articles that share a sentence; those in `approved` have it approved in be."""
    (root / "source_articles").mkdir(parents=True)
    (root / "transflow.toml").write_text(
        '[project]\nlanguages = ["ru", "be"]\n\n[chains]\n"ru-be" = ["memory", "fake"]\n\n'
        '[engines.fake]\ntype = "tests.mt.fake:FakeEngine"\n',
        "utf-8",
    )
    for i in range(articles):
        text = (
            f"---\nslug: a{i}\nlang: ru\ntitle: Статья номер {i}\ndate: 2021-04-{i % 28 + 1:02d}\n"
            f"---\n\nВ городе номер {i} открылась выставка. {SHARED}\n"
        )
        (root / "source_articles" / f"a{i}.md").write_text(text, "utf-8")
    assert main(["-C", str(root), "update"]) == 0
    for i in approved:
        po = root / "locales" / "be" / "LC_MESSAGES" / f"a{i}.po"
        text = po.read_text("utf-8").replace(
            f'msgid "{SHARED}"\nmsgstr ""',
            f'msgid "{SHARED}"\nmsgstr "Арганізатары чакаюць больш за пяць тысяч гасцей."',
        )
        po.write_text(text, "utf-8")
    return root


@settings(max_examples=4, deadline=None, derandomize=True)
@given(
    articles=st.integers(3, 8),
    approved=st.sets(st.integers(0, 7), min_size=1, max_size=3),
)
def test_memory_across_articles_is_the_same_whatever_the_jobs(tmp_path_factory, articles, approved):
    approved = {i for i in approved if i < articles} or {0}
    results = []
    for jobs in (1, 2, 4):
        root = _cross_article_project(tmp_path_factory.mktemp(f"j{jobs}"), articles, approved)
        assert main(["-C", str(root), "build", "--jobs", str(jobs)]) == 0
        results.append(outputs(root))
    assert results[0] == results[1] == results[2]
    # the memory served the shared sentence to every article that lacked it
    for i in range(articles):
        po = results[0][f"locales/be/LC_MESSAGES/a{i}.po"].decode("utf-8")
        assert f'msgid "{SHARED}"\nmsgstr "{SHARED_BE}"' in po
        if i not in approved:
            assert "exact memory match" in po


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

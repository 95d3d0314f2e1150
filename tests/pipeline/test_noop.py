"""The no-op check: after a complete build, a build with nothing touched stops after one stat per
file it consulted: it hashes nothing and parses no source and no catalog; any change, also one
that keeps a file's size and mtime, or a new file, makes it build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from transflow.pipeline import listing, quiet, state
from transflow.pipeline.project import Project
from transflow.pipeline.runner import run


@pytest.fixture
def trusting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stat entries trusted as soon as they are older than their hashing (no waiting 2 s)."""
    monkeypatch.setattr(state, "RACY_NS", 0)
    monkeypatch.setattr(quiet, "RACY_NS", 0)


def build(root: Path):
    project = Project.open(root)
    report = run(project)
    assert not report.problems, report.problems
    return project, report


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a no-op build parsed a file")

    import transflow.pipeline.steps.update as update_step
    import transflow.source.article as article

    monkeypatch.setattr(article, "load_article", refuse)
    monkeypatch.setattr(update_step, "read_po", refuse)
    monkeypatch.setattr(Project, "scan", refuse)  # not even the per-article bookkeeping


def test_a_no_op_build_hashes_and_parses_nothing(fake_project, trusting, monkeypatch) -> None:
    build(fake_project)
    with monkeypatch.context() as patch:
        forbid_parsing(patch)
        project, report = build(fake_project)
    assert report.did_nothing and project.state.digest.hashed == 0


def test_an_edit_keeping_size_and_mtime_is_built(fake_project: Path, trusting) -> None:
    build(fake_project)
    path = fake_project / "source_articles" / "grodno-agro-fair-2021.md"
    st = os.stat(path)
    text = path.read_text("utf-8")
    changed = text.replace("Гродно", "Гродна", 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    with open(path, "r+b") as handle:  # in place: same inode, same size
        handle.write(changed.encode("utf-8"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime
    _, report = build(fake_project)
    assert [p.name for p in report.written["extract"]] == ["grodno-agro-fair-2021.pot"]


def test_a_new_article_is_built(fake_project: Path, trusting) -> None:
    build(fake_project)
    source = fake_project / "source_articles" / "minsk-half-marathon.md"
    text = source.read_text("utf-8").replace("slug: minsk-half-marathon", "slug: second-run")
    (fake_project / "source_articles" / "second-run.md").write_text(text, "utf-8")
    _, report = build(fake_project)
    assert [p.name for p in report.written["extract"]] == ["second-run.pot"]


def test_a_deleted_output_is_rebuilt(fake_project: Path, trusting) -> None:
    build(fake_project)
    page = next((fake_project / "dist").glob("*/minsk-half-marathon.html"))
    page.unlink()
    build(fake_project)
    assert page.exists()


def test_other_options_build(fake_project: Path, trusting) -> None:
    build(fake_project)
    report = run(Project.open(fake_project), ("extract", "update", "render"), preview=True)
    assert report.written.get("render")


def test_without_chains_only_the_touched_article_is_checked(fake_project: Path, trusting) -> None:
    config = fake_project / "transflow.toml"
    head = config.read_text("utf-8").split("[chains]")[0]
    config.write_text(head + "[chains]\n\n[publish]\nthreshold = 100\n", "utf-8")
    build(fake_project)
    path = fake_project / "source_articles" / "minsk-half-marathon.md"
    path.write_text(path.read_text("utf-8") + "\nЕщё одно предложение.\n", "utf-8")
    _, report = build(fake_project)
    assert [p.name for p in report.written["extract"]] == ["minsk-half-marathon.pot"]
    assert report.skipped.get("extract", 0) == 0  # the other articles were not even checked
    assert sorted(report.render.languages) == ["minsk-half-marathon"]


def test_a_replaced_output_is_rebuilt(fake_project: Path, trusting) -> None:
    """Something renamed over a generated page (as an editor's safe save or git does) moves its
    folder's mtime: the page is rebuilt."""
    build(fake_project)
    page = next((fake_project / "dist").glob("*/minsk-half-marathon.html"))
    good = page.read_bytes()
    other = page.with_name("elsewhere.tmp")
    other.write_bytes(b"<p>tampered</p>")
    os.replace(other, page)
    _, report = build(fake_project)
    assert page.read_bytes() == good
    assert page in report.written["render"]


def test_a_no_op_build_lists_the_generated_folders_not_their_files(
    fake_project: Path, trusting, monkeypatch
) -> None:
    """dist/ and published/ are checked by their folders' mtimes: no file in them is listed."""
    build(fake_project)
    listed: list[str] = []
    real = listing.stat_names

    def spy(folder: str, names: list[str]):
        listed.append(Path(folder).relative_to(fake_project).as_posix())
        return real(folder, names)

    monkeypatch.setattr(listing, "stat_names", spy)
    _, report = build(fake_project)
    assert report.did_nothing
    assert "source_articles" in listed and "locales/be/LC_MESSAGES" in listed
    assert not [f for f in listed if f.startswith(("dist", "published")) or f == "locales"]


def test_a_touched_file_is_compared_once_then_trusted(fake_project: Path, trusting) -> None:
    """A source whose mtime moved but whose bytes did not: the build does nothing, and records
    the folder again so the next check is the quick one."""
    build(fake_project)
    path = fake_project / "source_articles" / "minsk-half-marathon.md"
    os.utime(path)
    project = Project.open(fake_project)
    key = quiet.options_key(("extract", "update", "translate", "render"), {})
    since = quiet.changes(project.state, key)
    assert since is not None and not since.changed and since.slow == {"source_articles"}
    _, report = build(fake_project)
    assert report.did_nothing
    again = quiet.changes(Project.open(fake_project).state, key)
    assert again is not None and not again.changed and not again.slow


def test_a_file_that_appears_during_a_build_is_built_next_time(
    fake_project: Path, trusting, monkeypatch
) -> None:
    """A source written while a build runs (after it listed the folder) is not taken for
    built: the next build extracts it."""
    build(fake_project)
    source = fake_project / "source_articles" / "minsk-half-marathon.md"
    source.write_text(source.read_text("utf-8") + "\nЕщё одно предложение.\n", "utf-8")
    late = fake_project / "source_articles" / "late-story.md"
    text = source.read_text("utf-8").replace("slug: minsk-half-marathon", "slug: late-story")
    real = Project.scan

    def scan_then_write(self, *args, **kwargs):
        found = real(self, *args, **kwargs)
        if not late.exists():
            late.write_text(text, "utf-8")
        return found

    with monkeypatch.context() as patch:
        patch.setattr(Project, "scan", scan_then_write)
        build(fake_project)
    _, report = build(fake_project)
    assert "late-story.pot" in [p.name for p in report.written["extract"]]


def test_with_chains_only_the_touched_article_and_unfilled_catalogs_are_checked(
    fake_project: Path, trusting
) -> None:
    """With engine chains, a catalog whose every entry is filled does not depend on the memory:
    an edit checks its own article, plus the articles whose catalogs still have entries to fill
    (none here: the fake engine fills everything)."""
    build(fake_project)
    project = Project.open(fake_project)
    assert project.state.incomplete("translate:") == set()
    path = fake_project / "source_articles" / "minsk-half-marathon.md"
    path.write_text(path.read_text("utf-8") + "\nЕщё одно предложение.\n", "utf-8")
    _, report = build(fake_project)
    assert [p.name for p in report.written["extract"]] == ["minsk-half-marathon.pot"]
    assert report.skipped.get("extract", 0) == 0  # the other articles were not even checked
    assert {p.stem for p in report.written["translate"]} == {"minsk-half-marathon"}


def test_a_catalog_left_unfilled_is_checked_again_when_the_memory_changes(
    fake_project: Path, trusting
) -> None:
    """A chain of the memory alone leaves entries unfilled: that article is checked by every
    build, so a new approval elsewhere can give it a draft, as a clean build would."""
    config = fake_project / "transflow.toml"
    config.write_text(config.read_text("utf-8").replace('["memory", "fake"]', '["memory"]'))
    build(fake_project)
    unfilled = Project.open(fake_project).state.incomplete("translate:")
    assert "grodno-agro-fair-2021" in unfilled
    path = fake_project / "source_articles" / "minsk-half-marathon.md"
    path.write_text(path.read_text("utf-8") + "\nЕщё одно предложение.\n", "utf-8")
    _, report = build(fake_project)
    assert report.skipped.get("extract", 0) >= len(unfilled - {"minsk-half-marathon"})


def test_a_check_split_over_two_processes_sees_the_same(
    fake_project: Path, trusting, monkeypatch
) -> None:
    """A large archive's folders are listed by two processes: the result is the same."""
    monkeypatch.setattr(listing, "SPLIT_FROM", 0)
    build(fake_project)
    _, report = build(fake_project)
    assert report.did_nothing
    path = fake_project / "locales" / "be" / "LC_MESSAGES" / "minsk-half-marathon.po"
    st = os.stat(path)
    data = path.read_bytes()
    with open(path, "r+b") as handle:  # in place, same size and mtime: only the ctime moves
        handle.write(data.replace("Мінск".encode(), "Мінек".encode(), 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    project = Project.open(fake_project)
    key = quiet.options_key(("extract", "update", "translate", "render"), {})
    since = quiet.changes(project.state, key)
    assert since is not None
    assert since.changed == {"locales/be/LC_MESSAGES/minsk-half-marathon.po"}


def test_a_comment_in_the_configuration_rebuilds_nothing(fake_project: Path, trusting) -> None:
    """Steps take the configuration as parsed: a comment or a reordering changes no output."""
    build(fake_project)
    config = fake_project / "transflow.toml"
    config.write_text("# edited by hand\n" + config.read_text("utf-8"), "utf-8")
    _, report = build(fake_project)
    assert report.did_nothing
    assert report.skipped.get("render", 0) == 4  # every article checked, none rendered again

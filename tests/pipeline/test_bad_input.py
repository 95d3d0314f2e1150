"""Bad input: a clear message naming the file, a non-zero exit, no traceback, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

GOOD_HEAD = "---\nslug: {slug}\nlang: {lang}\ntitle: {title}\ndate: 2021-03-09\n---\n\n"


def transflow(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "transflow.cli", "-C", str(root), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def tree(root: Path) -> dict[str, bytes]:
    """Every file of the project but the lock file (which holds no data)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "lock"
    }


def article(slug="bad-one", lang="en", title="A title", body="Some text.\n") -> str:
    return GOOD_HEAD.format(slug=slug, lang=lang, title=title) + body


CASES = {
    "non-utf8": (
        b"---\nslug: bad-one\nlang: en\ntitle: Caf\xe9\ndate: 2021-03-09\n---\n\nText.\n",
        4,
    ),
    "empty": (b"", None),
    "missing-title": (article().replace("title: A title\n", "").encode(), None),
    "slug-path": (article(slug="../x").encode(), 2),
    "unknown-language": (article(lang="xx").encode(), 3),
    "huge-paragraph": (article(body="word " * 21000 + "\n").encode(), None),
    "nul-byte": (article(body="Text\x00 with a NUL.\n").encode(), None),
    "bad-date": (article().replace("2021-03-09", "2021-02-30").encode(), 5),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_source_article(fake_project, case):
    raw, line = CASES[case]
    bad = fake_project / "source_articles" / "bad-one.md"
    bad.write_bytes(raw)
    before = tree(fake_project)
    result = transflow(fake_project, "build")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "source_articles/bad-one.md" in result.stderr
    if line:
        assert f"bad-one.md:{line}:" in result.stderr
    assert tree(fake_project) == before  # nothing written, not even for the good articles


def test_duplicate_slug_names_both_files(fake_project):
    src = fake_project / "source_articles"
    (src / "copy.md").write_text((src / "minsk-half-marathon.md").read_text("utf-8"), "utf-8")
    result = transflow(fake_project, "build")
    assert result.returncode == 2
    assert "duplicate slug 'minsk-half-marathon'" in result.stderr
    assert "copy.md" in result.stderr and "minsk-half-marathon.md" in result.stderr
    assert not (fake_project / "locales").exists()


def test_binary_file_given_to_import(fake_project, tmp_path):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(bytes(range(256)) * 4)
    before = tree(fake_project)
    result = transflow(fake_project, "import", str(binary))
    assert result.returncode == 2
    assert "photo.jpg" in result.stderr and "Traceback" not in result.stderr
    assert tree(fake_project) == before


def test_malformed_po_file_is_reported_and_left_alone(fake_project):
    assert transflow(fake_project, "build").returncode == 0
    po = fake_project / "locales/ru/LC_MESSAGES/minsk-half-marathon.po"
    text = po.read_text("utf-8")
    broken = text.replace('msgstr ""\n', 'msgstr "unterminated\n', 2)
    po.write_text(broken, "utf-8")
    src = fake_project / "source_articles/minsk-half-marathon.md"
    src.write_text(src.read_text("utf-8").replace("30,000 runners", "31,000 runners"), "utf-8")
    result = transflow(fake_project, "build")
    assert result.returncode == 2
    assert "locales/ru/LC_MESSAGES/minsk-half-marathon.po:" in result.stderr
    assert "Traceback" not in result.stderr
    assert po.read_text("utf-8") == broken  # the translator's file is not touched

"""Hostile input through the CLI: malformed PO files, hostile slugs and paths, huge files.

Each case: a clear message naming the file (and line), the documented exit status
(docs/exit-status.md), no traceback, and nothing partial written.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.paths import TEST_DATA
from transflow.fsutil import atomic_write

from .helpers import transflow

BAD = TEST_DATA / "bad"
ARTICLE = "minsk-half-marathon"
#: corpus file -> (exit status of `transflow check FILE`, line named, words of the message)
CHECK = {
    "unterminated-string.po": (1, 8, "unterminated string"),
    "bad-escape.po": (1, 8, "invalid escape sequence"),
    "duplicate-msgid.po": (1, 13, "duplicate entry"),
    "too-many-plural-forms.po": (1, 7, "plural forms"),
    "too-few-plural-forms.po": (1, 7, "plural forms"),
    "declared-latin1.po": (1, 7, "UTF-8"),
    "declared-koi8r.po": (1, 7, "UTF-8"),
    "undeclared-latin1.po": (1, 7, "UTF-8"),
    "nul-byte.po": (1, 8, "NUL byte"),
    "missing-msgstr.po": (1, 9, "msgstr"),
    "msgstr-without-msgid.po": (1, 7, "msgstr without msgid"),
    "stray-quote.po": (1, 7, "syntax error"),
}
ACCEPTED = ["bom.po", "crlf.po"]  # read as UTF-8 / LF; the writer never emits a BOM or CR


def tree(root: Path) -> dict[str, bytes]:
    """Every file of the project but the lock file."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "lock"
    }


def test_the_corpus_is_complete():
    assert sorted(CHECK) + sorted(ACCEPTED) == sorted(
        [p.name for p in BAD.glob("*.po") if p.name not in ACCEPTED]
    ) + sorted(ACCEPTED)


@pytest.mark.parametrize("name", sorted(CHECK))
def test_check_reports_a_malformed_po_with_file_and_line(fake_project, name):
    status, line, words = CHECK[name]
    result = transflow(fake_project, "check", str(BAD / name))
    assert result.returncode == status, result.stdout + result.stderr
    assert f"{BAD / name}:{line}:" in result.stdout
    assert words in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", ACCEPTED)
def test_check_accepts_bom_and_crlf(fake_project, name):
    result = transflow(fake_project, "check", str(BAD / name))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout


@pytest.mark.parametrize("name", sorted(CHECK))
def test_build_leaves_a_malformed_catalog_alone_and_names_it(fake_project, name):
    assert transflow(fake_project, "update").returncode == 0
    po = fake_project / f"locales/be/LC_MESSAGES/{ARTICLE}.po"
    po.write_bytes((BAD / name).read_bytes())
    source = fake_project / f"source_articles/{ARTICLE}.md"
    source.write_text(source.read_text("utf-8").replace("30,000", "31,000"), "utf-8")
    result = transflow(fake_project, "build")
    assert result.returncode == 2, result.stderr
    assert f"locales/be/LC_MESSAGES/{ARTICLE}.po:" in result.stderr
    assert "Traceback" not in result.stderr
    assert po.read_bytes() == (BAD / name).read_bytes()


def test_a_10_mb_line_in_a_po_file(fake_project, tmp_path):
    po = tmp_path / "long.po"
    head = (BAD / "crlf.po").read_bytes().replace(b"\r", b"").split(b'msgid "Windows')[0]
    po.write_bytes(head + b'msgid "Long."\nmsgstr "' + b"a" * 10_000_000 + b"\n")  # unterminated
    result = transflow(fake_project, "check", str(po))
    assert result.returncode == 1
    assert f"{po}:8:" in result.stdout and "Traceback" not in result.stderr
    assert len(result.stdout) < 10_000  # the message does not echo the line


def test_a_50_mb_source_file_is_refused_and_nothing_written(fake_project):
    big = fake_project / "source_articles/huge.md"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("---\nslug: huge\nlang: en\ntitle: Huge\ndate: 2021-03-09\n---\n\n")
        sentence = "This sentence repeats until the file is far too big. " * 20 + "\n\n"
        for _ in range(50_000_000 // len(sentence) + 1):
            handle.write(sentence)
    before = tree(fake_project)
    result = transflow(fake_project, "build")
    assert result.returncode == 2
    assert "source_articles/huge.md" in result.stderr and "limit" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(fake_project) == before


@pytest.mark.parametrize(
    "slug",
    ["../escape", "/etc/passwd", "a/b", "..", "Caps", "x" * 101, "trailing-", "sp ace", "ünï"],
)
def test_hostile_slugs_are_refused_with_file_and_line(fake_project, slug):
    path = fake_project / "source_articles/hostile.md"
    path.write_text(
        f"---\nslug: {slug!r}\nlang: en\ntitle: T\ndate: 2021-03-09\n---\n\nText.\n", "utf-8"
    )
    before = tree(fake_project)
    result = transflow(fake_project, "build")
    assert result.returncode == 2
    assert "source_articles/hostile.md:2: invalid slug" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(fake_project) == before


def test_a_source_symlink_leading_out_of_the_project_is_refused(fake_project, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(
        "---\nslug: outside\nlang: en\ntitle: T\ndate: 2021-03-09\n---\n\nSecret.\n", "utf-8"
    )
    (fake_project / "source_articles/outside.md").symlink_to(outside)
    before = tree(fake_project)
    result = transflow(fake_project, "build")
    assert result.returncode == 2
    assert "outside.md: symbolic link leads out of the project" in result.stderr
    assert tree(fake_project) == before


def test_a_po_symlink_leading_out_of_the_project_is_never_written_through(fake_project, tmp_path):
    assert transflow(fake_project, "update").returncode == 0
    po = fake_project / f"locales/be/LC_MESSAGES/{ARTICLE}.po"
    outside = tmp_path / "outside.po"
    shutil.copy(po, outside)
    original = outside.read_bytes()
    po.unlink()
    po.symlink_to(outside)
    source = fake_project / f"source_articles/{ARTICLE}.md"
    source.write_text(source.read_text("utf-8").replace("30,000", "31,000"), "utf-8")
    assert transflow(fake_project, "build").returncode == 0
    assert outside.read_bytes() == original
    assert not po.is_symlink()


def test_written_files_keep_their_mode_or_get_the_umask_default(tmp_path):
    fresh = tmp_path / "fresh.po"
    atomic_write(fresh, "x")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask  # not mkstemp's 0600
    fresh.chmod(0o640)
    atomic_write(fresh, "y")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640

"""Fuzzing `build` with source articles: a clean build or a refusal naming file and line."""

from __future__ import annotations

import subprocess
from pathlib import Path

from hypothesis import event, given

from transflow.source.article import load_article

from .gen_documents import source_article
from .harness import assert_outcome, line_count, project, run_cli, tree
from .profiles import fuzz_settings


def gettext_rejects(root: Path) -> str:
    """What msgcat says about every PO/POT file under root ('' when it reads them all)."""
    files = sorted(str(p) for p in root.rglob("*.po*"))
    if not files:
        return ""
    done = subprocess.run(["msgcat", "-o", "/dev/null", *files], capture_output=True, text=True)
    return done.stderr if done.returncode else ""


@fuzz_settings(500)
@given(raw=source_article)
def test_build_takes_any_source_article(raw: bytes) -> None:
    with project() as root:
        path = root / "source_articles" / "fuzz-one.md"
        path.write_bytes(raw)
        before = tree(root)
        outcome = run_cli("-C", str(root), "build")
        event(f"exit {outcome.status}")
        assert_outcome(outcome, {0, 2}, named=path, lines=line_count(raw), line_required=False)
        if outcome.status == 2:
            assert tree(root) == before  # a refused source stops the run before any write
        else:
            load_article(path, ["be", "ru", "en"])  # what was built is an article
            assert gettext_rejects(root) == ""
            assert (root / "dist" / "manifest.json").is_file()

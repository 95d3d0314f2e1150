"""Fuzzing the other files a project reads: TMX memories, glossaries (CSV, TBX), transflow.toml."""

from __future__ import annotations

from hypothesis import event, given

from .gen_files import csv_file, tbx_file, tmx_file, toml_file
from .harness import assert_outcome, line_count, project, run_cli, tree
from .profiles import fuzz_settings


@fuzz_settings(400)
@given(raw=tmx_file)
def test_tmx_import_takes_any_file(raw: bytes) -> None:
    with project(with_article=False) as root:
        path = root / "memory.tmx"
        path.write_bytes(raw)
        before = tree(root)
        outcome = run_cli("-C", str(root), "tmx", "import", str(path))
        event(f"exit {outcome.status}")
        assert_outcome(outcome, {0, 2}, named=path, lines=line_count(raw))
        if outcome.status:
            assert tree(root) == before
        else:
            assert (root / "tm" / "memory.tmx").read_bytes() == raw


@fuzz_settings(400)
@given(raw=csv_file | tbx_file)
def test_check_takes_any_glossary(raw: bytes) -> None:
    name = "terms.tbx" if raw.lstrip().startswith(b"<") else "terms.csv"
    with project(glossary=f"glossary/{name}") as root:
        path = root / "glossary" / name
        path.parent.mkdir()
        path.write_bytes(raw)
        outcome = run_cli("-C", str(root), "update")
        assert outcome.status == 0, outcome.err  # update does not read the glossary
        before = tree(root)
        outcome = run_cli("-C", str(root), "check")
        event(f"exit {outcome.status}")
        assert_outcome(outcome, {0, 2}, named=path, lines=line_count(raw))
        assert tree(root) == before


@fuzz_settings(400)
@given(raw=toml_file)
def test_any_configuration_is_used_or_refused(raw: bytes) -> None:
    with project() as root:
        path = root / "transflow.toml"
        path.write_bytes(raw)
        before = tree(root)
        outcome = run_cli("-C", str(root), "extract")
        event(f"exit {outcome.status}")
        article = root / "source_articles" / "river-port.md"  # its language may be left out
        if f"{article}:" in outcome.err:
            assert_outcome(outcome, {2}, named=article)
        else:
            assert_outcome(outcome, {0, 2}, named=path, lines=line_count(raw))
        if outcome.status:
            assert tree(root) == before

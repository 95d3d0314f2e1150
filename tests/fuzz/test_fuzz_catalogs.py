"""Fuzzing the PO/POT readers: `check` reports, `update` repairs or refuses, nothing half-done."""

from __future__ import annotations

import re

from hypothesis import event, given
from hypothesis import strategies as st

from transflow.po.catalog import get_header
from transflow.po.pofile import read_po

from .gen_documents import po_file
from .harness import assert_outcome, line_count, project, run_cli, tree
from .profiles import fuzz_settings
from .test_fuzz_sources import gettext_rejects


@fuzz_settings(500)
@given(raw=po_file, suffix=st.sampled_from([".po", ".pot"]))
def test_check_reads_any_catalog(raw: bytes, suffix: str) -> None:
    with project() as root:
        path = root / f"fuzz{suffix}"
        path.write_bytes(raw)
        before = tree(root)
        outcome = run_cli("-C", str(root), "check", str(path))
        event(f"exit {outcome.status}")
        assert_outcome(outcome, {0, 1})
        assert tree(root) == before  # check never writes
        if "malformed" in outcome.out:
            found = re.search(rf"{re.escape(str(path))}:(\d+): error: \[syntax\]", outcome.out)
            assert found, outcome.out
            assert 1 <= int(found.group(1)) <= line_count(raw) + 1


@fuzz_settings(500)
@given(raw=po_file)
def test_update_repairs_or_refuses_a_catalog(raw: bytes) -> None:
    with project() as root:
        assert run_cli("-C", str(root), "extract").status == 0
        path = root / "locales" / "be" / "LC_MESSAGES" / "river-port.po"
        path.parent.mkdir(parents=True)
        path.write_bytes(raw)
        outcome = run_cli("-C", str(root), "update")
        event(f"exit {outcome.status}")
        assert_outcome(outcome, {0, 2}, named=path, lines=line_count(raw), line_required=True)
        if outcome.status == 2:
            assert path.read_bytes() == raw  # a malformed catalog is never rewritten
        else:
            assert gettext_rejects(root) == ""  # never written what gettext cannot read
            header = get_header(read_po(path))
            assert header["Language"] == "be"
            assert "charset=UTF-8" in header["Content-Type"]

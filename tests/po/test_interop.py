"""polib, the PO library of Python tools, reads every catalog we write as we meant it."""

from __future__ import annotations

import polib
import pytest

from tests.paths import REPO_ROOT
from transflow.po.catalog import get_header
from transflow.po.pofile import read_po

CATALOGS = sorted((REPO_ROOT / "locales").rglob("*.po*"))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_polib_reads_our_catalogs_as_we_do(path):
    ours = read_po(path)
    theirs = polib.pofile(str(path))
    mine = [(m.msgid, m.msgstr, m.fuzzy, m.obsolete, m.previous_msgid) for m in ours.messages]
    polibs = [(e.msgid, e.msgstr, e.fuzzy, e.obsolete, e.previous_msgid) for e in theirs]
    assert sorted(mine) == sorted(polibs)
    assert theirs.metadata.get("Language") == get_header(ours).get("Language")

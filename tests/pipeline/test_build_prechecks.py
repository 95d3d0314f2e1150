"""Byte-level pre-checks: which catalogs need translating, which hold translations."""

from __future__ import annotations

from pathlib import Path

from transflow.pipeline.fill import catalog_needs_work
from transflow.po.sniff import has_translations

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_has_translations() -> None:
    assert not has_translations(HEADER.encode())
    assert not has_translations((HEADER + 'msgid "a"\nmsgstr ""\n').encode())
    assert has_translations((HEADER + 'msgid "a"\nmsgstr "б"\n').encode())
    assert has_translations((HEADER + 'msgid "a"\nmsgstr ""\n"б"\n').encode())
    assert has_translations('msgid "a"\nmsgstr "б"\n'.encode())  # no header: one is enough
    assert not has_translations((HEADER + '#~ msgid "a"\n#~ msgstr "б"\n').encode())


def test_needs_work_agrees_with_a_full_parse(tmp_path: Path) -> None:
    cases = {
        "empty": (HEADER + 'msgid "a"\nmsgstr ""\n', True),
        "empty-at-eof": (HEADER + 'msgid "a"\nmsgstr ""', True),
        "no-blank-line": (HEADER + 'msgid "a"\nmsgstr ""\n#. next\nmsgid "b"\nmsgstr "в"\n', True),
        "done": (HEADER + 'msgid "a"\nmsgstr "б"\n', False),
        "continued": (HEADER + 'msgid "a"\nmsgstr ""\n"б"\n', False),
        "obsolete": (HEADER + 'msgid "a"\nmsgstr "б"\n\n#~ msgid "c"\n#~ msgstr ""\n', False),
    }
    for name, (text, expected) in cases.items():
        path = tmp_path / f"{name}.po"
        path.write_text(text, encoding="utf-8")
        assert catalog_needs_work(path, False) is expected, name

"""Translation memory inside `transflow translate`: exact reuse and fuzzy suggestions."""

from __future__ import annotations

import re
from pathlib import Path

from transflow.cli import main
from transflow.po.pofile import read_po, write_po

HEAD = "---\nslug: {slug}\nlang: ru\ntitle: {title}\ndate: 2021-05-0{day}\n---\n\n"
SENTENCE = "Урожай зерновых в Гродненской области в этом году превысил один миллион тонн."
SIMILAR = "Урожай зерновых в Гродненской области в этом году превысил два миллиона тонн."
APPROVED = "Ураджай збожжавых у Гродзенскай вобласці сёлета перавысіў адзін мільён тон."


def approve_first_article(root: Path) -> Path:
    """Replace the bundled articles by one, build, and approve the translation of SENTENCE."""
    src = root / "source_articles"
    for path in src.glob("*.md"):
        path.unlink()
    first = HEAD.format(slug="harvest-one", title="Уборочная в Гродно", day=1) + SENTENCE + "\n"
    (src / "harvest-one.md").write_text(first, "utf-8")
    assert main(["-C", str(root), "build"]) == 0
    po_path = root / "locales/be/LC_MESSAGES/harvest-one.po"
    po = read_po(po_path)
    entry = next(m for m in po.messages if m.msgid == SENTENCE)
    entry.msgstr, entry.flags = APPROVED, []
    write_po(po_path, po)
    return po_path


def build_second_article(root: Path, body: str) -> dict:
    """Add a second article with `body`, build, and return its be entries by msgid."""
    text = HEAD.format(slug="harvest-two", title="Итоги уборочной", day=2) + body + "\n"
    (root / "source_articles" / "harvest-two.md").write_text(text, "utf-8")
    assert main(["-C", str(root), "build"]) == 0
    po = read_po(root / "locales/be/LC_MESSAGES/harvest-two.po")
    return {m.msgid: m for m in po.messages}


def _mt(message) -> str:
    return next(c for c in message.translator_comments if c.startswith("mt:"))


def _tm(message) -> str:
    return next(c for c in message.translator_comments if c.startswith("tm:"))


def test_exact_matches_reused_and_fuzzy_matches_offered(fake_project):
    po_path = approve_first_article(fake_project)
    two = build_second_article(fake_project, SENTENCE + " " + SIMILAR)
    exact = two[SENTENCE]
    assert exact.msgstr == APPROVED and exact.fuzzy  # reused, but still for a reviewer to approve
    assert any(c.startswith("mt: memory (ru->be)") for c in exact.translator_comments)
    assert "exact memory match from locales/be/LC_MESSAGES/harvest-one.po" in _mt(exact)
    similar = two[SIMILAR]
    assert similar.msgstr.startswith("[be] ") and similar.fuzzy
    assert _mt(similar) == "mt: fake (ru->be)"
    # the memory's match for comparison: its source with the differences marked, its
    # translation and where it comes from
    assert re.fullmatch(
        r'tm: 9\d% "… в этом году превысил \[-один миллион-\]\{\+два миллиона\+\} тонн\." '
        rf'-> "{APPROVED}"; from locales/be/LC_MESSAGES/harvest-one\.po',
        _tm(similar),
    )
    # the approved entry itself was not touched
    assert read_po(po_path).messages[-1].msgstr == APPROVED


def test_trusted_memory_comes_in_approved(fake_project):
    cfg = fake_project / "transflow.toml"
    text = cfg.read_text("utf-8")
    assert "trust_memory = false" in text
    cfg.write_text(text.replace("trust_memory = false", "trust_memory = true"), "utf-8")
    approve_first_article(fake_project)
    two = build_second_article(fake_project, SENTENCE + " " + SIMILAR)
    assert two[SENTENCE].msgstr == APPROVED and not two[SENTENCE].fuzzy
    assert two[SIMILAR].fuzzy  # a fuzzy match or MT is never trusted


NUMBERS = "Урожай зерновых в Гродненской области в 2021 году превысил 1,2 млн тонн."
NUMBERS_APPROVED = "Ураджай збожжавых у Гродзенскай вобласці ў 2021 годзе перавысіў 1,2 млн тон."
OTHER_WORDS = "Урожай зерновых в Минской области в 2021 году превысил 1,2 млн тонн."
OTHER_NUMBERS = "Урожай зерновых в Гродненской области в 2020 году превысил 1,1 млн тонн."


def _approve_numbers(root: Path) -> None:
    src = root / "source_articles"
    for path in src.glob("*.md"):
        path.unlink()
    text = HEAD.format(slug="harvest-one", title="Уборочная в Гродно", day=1) + NUMBERS + "\n"
    (src / "harvest-one.md").write_text(text, "utf-8")
    assert main(["-C", str(root), "build"]) == 0
    po_path = root / "locales/be/LC_MESSAGES/harvest-one.po"
    po = read_po(po_path)
    entry = next(m for m in po.messages if m.msgid == NUMBERS)
    entry.msgstr, entry.flags = NUMBERS_APPROVED, []
    write_po(po_path, po)


def test_a_fuzzy_match_with_other_numbers_is_never_the_draft(fake_project, capsys):
    cfg = fake_project / "transflow.toml"
    cfg.write_text(
        cfg.read_text("utf-8").replace('"ru-be" = ["memory", "fake"]', '"ru-be" = ["memory"]'),
        "utf-8",
    )
    _approve_numbers(fake_project)
    capsys.readouterr()
    two = build_second_article(fake_project, OTHER_WORDS + " " + OTHER_NUMBERS)
    # same numbers: the match is the draft, the comment shows what differs
    draft = two[OTHER_WORDS]
    assert draft.msgstr == NUMBERS_APPROVED and draft.fuzzy
    assert re.fullmatch(
        r"mt: memory \(ru->be\), match \d\d%; "
        r"fuzzy memory match from locales/be/LC_MESSAGES/harvest-one\.po",
        _mt(draft),
    )
    assert re.fullmatch(
        r'tm: \d\d% "Урожай зерновых в \[-Гродненской-\]\{\+Минской\+\} области в 2021 году …"',
        _tm(draft),
    )
    # other numbers: no draft at all, and the run says why
    left = two[OTHER_NUMBERS]
    assert left.msgstr == "" and not left.translator_comments
    out = capsys.readouterr().out
    assert "pending: 1 entry: the memory's matches have other numbers than the source" in out


def test_a_match_with_other_numbers_is_still_shown_beside_mt(fake_project):
    _approve_numbers(fake_project)
    two = build_second_article(fake_project, OTHER_NUMBERS)
    entry = two[OTHER_NUMBERS]
    assert entry.msgstr == f"[be] {OTHER_NUMBERS}" and entry.fuzzy
    comment = _tm(entry)
    assert "[-2021-]{+2020+}" in comment and "1,[-2-]{+1+}" in comment
    assert f'-> "{NUMBERS_APPROVED}" (other numbers); from locales/be' in comment

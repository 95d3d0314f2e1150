"""Translation memory inside `transflow translate`: exact reuse and fuzzy suggestions."""

from __future__ import annotations

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


def test_exact_matches_reused_and_fuzzy_matches_offered(fake_project):
    po_path = approve_first_article(fake_project)
    two = build_second_article(fake_project, SENTENCE + " " + SIMILAR)
    exact = two[SENTENCE]
    assert exact.msgstr == APPROVED and exact.fuzzy  # reused, but still for a reviewer to approve
    assert any(c.startswith("mt: memory (ru->be)") for c in exact.translator_comments)
    similar = two[SIMILAR]
    assert similar.msgstr.startswith("[be] ") and similar.fuzzy
    note = next(c for c in similar.translator_comments if c.startswith("mt: fake"))
    assert "memory" in note and APPROVED in note
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

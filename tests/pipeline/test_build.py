"""End-to-end tests of `transflow build` on a copy of the bundled project."""

from __future__ import annotations

import subprocess
from pathlib import Path

from transflow.cli import main
from transflow.po.pofile import read_po


def run_cli(root: Path, *args: str) -> int:
    return main(["-C", str(root), *args])


def catalogs(root: Path) -> list[Path]:
    return sorted((root / "locales").rglob("*.po")) + sorted((root / "locales").glob("*.pot"))


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".transflow" not in p.parts
    }


def test_build_writes_catalogs_that_msgfmt_and_msgcat_accept(fake_project):
    assert run_cli(fake_project, "build") == 0
    files = catalogs(fake_project)
    slugs = {p.stem for p in (fake_project / "source_articles").glob("*.md")}
    assert {p.stem for p in files if p.suffix == ".pot"} == slugs
    assert len([p for p in files if p.suffix == ".po"]) == 2 * len(slugs)
    for path in files:
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=True)
        out = subprocess.run(["msgcat", str(path)], check=True, capture_output=True).stdout
        assert out == path.read_bytes(), f"msgcat would rewrite {path}"


def test_machine_drafts_are_fuzzy_with_provenance(fake_project):
    assert run_cli(fake_project, "build") == 0
    po = read_po(fake_project / "locales/be/LC_MESSAGES/grodno-agro-fair-2021.po")
    assert po.messages
    for message in po.messages:
        assert message.fuzzy
        assert message.msgstr.startswith("[be] ")
        assert any(c.startswith("mt: fake (ru->be)") for c in message.translator_comments)


def test_second_build_does_no_work(fake_project, capsys):
    assert run_cli(fake_project, "build") == 0
    before = snapshot(fake_project)
    capsys.readouterr()
    assert run_cli(fake_project, "build") == 0
    out = capsys.readouterr().out
    assert "nothing to do" in out
    assert snapshot(fake_project) == before


def test_changing_one_article_rewrites_only_its_files(fake_project):
    assert run_cli(fake_project, "build") == 0
    before = snapshot(fake_project)
    path = fake_project / "source_articles/vitebsk-book-festival.md"
    path.write_text(path.read_text("utf-8").replace("8 тыс.", "9 тыс."), "utf-8")
    assert run_cli(fake_project, "build") == 0
    after = snapshot(fake_project)
    changed = {k for k in after if before.get(k) != after[k]}
    assert changed
    for name in changed:
        assert (
            "vitebsk-book-festival" in name
            or name.startswith("dist/")
            and (name.endswith(("index.html", "feed.atom", "manifest.json")))
        ), name


def test_human_translations_survive_a_source_edit(fake_project):
    assert run_cli(fake_project, "build") == 0
    po_path = fake_project / "locales/ru/LC_MESSAGES/vitebsk-book-festival.po"
    text = po_path.read_text("utf-8")
    # a reviewer approves the first entry with their own translation
    po = read_po(po_path)
    first = po.messages[0]
    first.msgstr = "В Витебске пройдет фестиваль белорусской книги"
    first.flags = []
    from transflow.po.pofile import write_po

    write_po(po_path, po)
    assert po_path.read_text("utf-8") != text
    src = fake_project / "source_articles/vitebsk-book-festival.md"
    src.write_text(
        src.read_text("utf-8").replace(
            "title: У Віцебску пройдзе фестываль беларускай кнігі",
            "title: У Віцебску пройдзе вялікі фестываль беларускай кнігі",
        ),
        "utf-8",
    )
    assert run_cli(fake_project, "build") == 0
    po = read_po(po_path)
    title = next(m for m in po.messages if "вялікі" in m.msgid)
    assert title.msgstr == "В Витебске пройдет фестиваль белорусской книги"
    assert title.fuzzy
    assert title.previous_msgid == "У Віцебску пройдзе фестываль беларускай кнігі"


def test_translate_never_overwrites_a_fuzzy_human_draft(fake_project):
    assert run_cli(fake_project, "extract") == 0
    assert run_cli(fake_project, "update") == 0
    po_path = fake_project / "locales/be/LC_MESSAGES/grodno-agro-fair-2021.po"
    po = read_po(po_path)
    po.messages[1].msgstr = "Чарнавік перакладчыка"
    po.messages[1].flags = ["fuzzy"]
    from transflow.po.pofile import write_po

    write_po(po_path, po)
    assert run_cli(fake_project, "translate") == 0
    po = read_po(po_path)
    assert po.messages[1].msgstr == "Чарнавік перакладчыка"
    assert po.messages[2].msgstr.startswith("[be] ")
    assert run_cli(fake_project, "translate", "--retranslate-fuzzy") == 0
    assert read_po(po_path).messages[1].msgstr.startswith("[be] ")


def test_base_url_makes_feed_links_absolute(fake_project):
    import xml.etree.ElementTree as ET

    cfg = fake_project / "transflow.toml"
    text = cfg.read_text("utf-8").replace(
        "[publish]\n", '[publish]\nbase_url = "https://news.example.by/site"\n'
    )
    cfg.write_text(text, "utf-8")
    assert run_cli(fake_project, "build") == 0
    root = ET.parse(fake_project / "dist/en/feed.atom").getroot()
    assert (
        root.get("{http://www.w3.org/XML/1998/namespace}base") == "https://news.example.by/site/en/"
    )


def test_base_url_must_be_http(fake_project, capsys):
    cfg = fake_project / "transflow.toml"
    cfg.write_text(
        cfg.read_text("utf-8").replace("[publish]\n", '[publish]\nbase_url = "ftp://x"\n')
    )
    assert run_cli(fake_project, "build") == 2
    assert "base_url must start with http" in capsys.readouterr().err

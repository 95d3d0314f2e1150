"""`transflow tmx export|import`: memories move between projects and CAT tools."""

from __future__ import annotations

from transflow.cli import main
from transflow.po.pofile import read_po, write_po

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="OtherCAT" creationtoolversion="9" segtype="sentence" o-tmf="x"
          adminlang="en-US" srclang="ru-RU" datatype="plaintext"/>
  <body>
    <tu>
      <tuv xml:lang="ru-RU"><seg>Фото из архива</seg></tuv>
      <tuv xml:lang="be-BY"><seg>Фота з архіва</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_imported_tmx_feeds_the_next_translate_run(fake_project, tmp_path):
    tmx = tmp_path / "agency.tmx"
    tmx.write_text(TMX, "utf-8")
    assert main(["-C", str(fake_project), "tmx", "import", str(tmx)]) == 0
    assert (fake_project / "tm" / "agency.tmx").read_text("utf-8") == TMX
    assert main(["-C", str(fake_project), "build"]) == 0
    po = read_po(fake_project / "locales/be/LC_MESSAGES/grodno-agro-fair-2021.po")
    caption = next(m for m in po.messages if m.msgid == "Фото из архива")
    assert caption.msgstr == "Фота з архіва" and caption.fuzzy
    assert any(c.startswith("mt: memory") for c in caption.translator_comments)


def test_export_writes_approved_entries(fake_project, tmp_path):
    assert main(["-C", str(fake_project), "build"]) == 0
    path = fake_project / "locales/be/LC_MESSAGES/grodno-agro-fair-2021.po"
    po = read_po(path)
    po.messages[0].msgstr, po.messages[0].flags = "У Гродна пройдзе кірмаш", []
    write_po(path, po)
    out = tmp_path / "out.tmx"
    assert (
        main(["-C", str(fake_project), "tmx", "export", str(out), "--from", "ru", "--to", "be"])
        == 0
    )
    text = out.read_text("utf-8")
    assert "У Гродна пройдзе кірмаш" in text and po.messages[0].msgid in text
    assert "[be]" not in text  # machine drafts are not in the memory


def test_a_broken_tmx_is_refused_and_not_copied(fake_project, tmp_path, capsys):
    bad = tmp_path / "bad.tmx"
    bad.write_text(TMX.replace("</body>", ""), "utf-8")
    assert main(["-C", str(fake_project), "tmx", "import", str(bad)]) == 2
    assert "bad.tmx" in capsys.readouterr().err
    assert not (fake_project / "tm").exists()


def _tmx(pairs: list[tuple[str, str]]) -> str:
    """A TMX of ru->be pairs in the style of another tool."""
    body = "".join(
        f'    <tu>\n      <tuv xml:lang="ru-RU"><seg>{ru}</seg></tuv>\n'
        f'      <tuv xml:lang="be-BY"><seg>{be}</seg></tuv>\n    </tu>\n'
        for ru, be in pairs
    )
    return TMX.split("  <body>")[0] + "  <body>\n" + body + "  </body>\n</tmx>\n"


def test_an_existing_name_is_refused_without_force(fake_project, tmp_path, capsys):
    first, second = tmp_path / "one" / "agency.tmx", tmp_path / "two" / "agency.tmx"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text(_tmx([("Фото из архива", "Фота з архіва"), ("Минск", "Мінск")]), "utf-8")
    second.write_text(_tmx([("Гродно", "Гродна")]), "utf-8")
    assert main(["-C", str(fake_project), "tmx", "import", str(first)]) == 0
    assert "imported 2 unit(s)" in capsys.readouterr().out
    kept = (fake_project / "tm" / "agency.tmx").read_bytes()
    # a different file of the same name: refused, and the earlier one is left as it was
    assert main(["-C", str(fake_project), "tmx", "import", str(second)]) == 1
    err = capsys.readouterr().err
    assert "tm/agency.tmx already exists and holds 2 unit(s)" in err and "--force" in err
    assert (fake_project / "tm" / "agency.tmx").read_bytes() == kept
    # the same file again: nothing to do
    assert main(["-C", str(fake_project), "tmx", "import", str(first)]) == 0
    assert "already holds this file (2 unit(s))" in capsys.readouterr().out
    # with --force: replaced, and the message says what was lost
    assert main(["-C", str(fake_project), "tmx", "import", "--force", str(second)]) == 0
    out = capsys.readouterr().out
    assert "replaced the earlier tm/agency.tmx, which held 2 unit(s)" in out
    assert "imported 1 unit(s)" in out
    assert (fake_project / "tm" / "agency.tmx").read_bytes() == second.read_bytes()


def test_an_imported_file_always_ends_in_tmx(fake_project, tmp_path):
    other = tmp_path / "agency.XML"
    other.write_text(TMX, "utf-8")
    assert main(["-C", str(fake_project), "tmx", "import", str(other)]) == 0
    assert (fake_project / "tm" / "agency.tmx").read_text("utf-8") == TMX
    assert main(["-C", str(fake_project), "build"]) == 0
    po = read_po(fake_project / "locales/be/LC_MESSAGES/grodno-agro-fair-2021.po")
    caption = next(m for m in po.messages if m.msgid == "Фото из архива")
    assert caption.msgstr == "Фота з архіва"


def test_export_writes_each_approved_pair_once(fake_project, tmp_path):
    assert main(["-C", str(fake_project), "build"]) == 0
    path = fake_project / "locales/be/LC_MESSAGES/grodno-agro-fair-2021.po"
    po = read_po(path)
    live = [m for m in po.messages if m.msgid and not m.obsolete][:3]
    for message in live:
        message.msgstr, message.flags = f"Пераклад {message.lineno}", []
    write_po(path, po)
    out = tmp_path / "all.tmx"
    assert main(["-C", str(fake_project), "tmx", "export", str(out)]) == 0
    text = out.read_text("utf-8")
    assert text.count("<tu ") == 3 and "reverse" not in text
    assert text.count('<prop type="x-origin">locales/be/LC_MESSAGES/grodno-agro-fair-2021.po:') == 3
    # imported elsewhere, the pairs serve both directions
    from transflow.mt.memory import TranslationMemory
    from transflow.mt.tmx import import_tmx

    tm = TranslationMemory()
    assert import_tmx(out, tm) == 3
    first = live[0]
    assert tm.exact(first.msgid, "ru", "be") == first.msgstr
    assert tm.exact(first.msgstr, "be", "ru") == first.msgid


def test_import_waits_for_the_project_lock(fake_project, tmp_path):
    from tests.reliability.helpers import transflow
    from transflow.errors import LockError
    from transflow.pipeline.project import Project

    tmx = tmp_path / "agency.tmx"
    tmx.write_text(TMX, "utf-8")
    with Project.open(fake_project).lock():
        result = transflow(fake_project, "tmx", "import", str(tmx))
    assert result.returncode == LockError.exit_code
    assert "another transflow run is working on this project" in result.stderr
    assert not (fake_project / "tm").exists()

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

"""Provenance travels: the same project built in two folders gives byte-identical catalogs."""

from __future__ import annotations

import shutil
from pathlib import Path

from transflow.cli import main
from transflow.po.pofile import read_po, write_po

HEAD = "---\nslug: {slug}\nlang: ru\ntitle: {title}\ndate: 2021-05-0{day}\n---\n\n"
SHARED = "Урожай зерновых в Гродненской области в этом году превысил один миллион тонн."
SHARED_BE = "Ураджай збожжавых у Гродзенскай вобласці сёлета перавысіў адзін мільён тон."
SIMILAR = "Урожай зерновых в Брестской области в этом году превысил один миллион тонн."
AGENCY = "На кирмаше будут работать более ста торговых мест."
AGENCY_BE = "На кірмашы будуць працаваць больш за сто гандлёвых месцаў."
ENTRY = "Вход на ярмарку будет свободным."
ENTRY_BE = "Уваход на кірмаш будзе вольны."
#: a TMX from another machine: one unit exported by another project (naming that machine's
#: path), one from another tool (with a tuid only)
FOREIGN = f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="transflow" creationtoolversion="0" segtype="sentence" o-tmf="transflow"
          adminlang="en" srclang="ru" datatype="plaintext"/>
  <body>
    <tu srclang="ru">
      <prop type="x-origin">/home/alice/agency/locales/be/LC_MESSAGES/fair.po:31</prop>
      <tuv xml:lang="ru"><seg>{AGENCY}</seg></tuv>
      <tuv xml:lang="be"><seg>{AGENCY_BE}</seg></tuv>
    </tu>
    <tu tuid="fair-7">
      <tuv xml:lang="ru-RU"><seg>{ENTRY}</seg></tuv>
      <tuv xml:lang="be-BY"><seg>{ENTRY_BE}</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def _build_in(root: Path, tmx: Path) -> None:
    """Two articles sharing a sentence: approve it in the first, import a TMX, build again."""
    src = root / "source_articles"
    for path in src.glob("*.md"):
        path.unlink()
    text = HEAD.format(slug="harvest-one", title="Уборочная в Гродно", day=1) + SHARED + "\n"
    (src / "harvest-one.md").write_text(text, "utf-8")
    assert main(["-C", str(root), "build"]) == 0
    po_path = root / "locales/be/LC_MESSAGES/harvest-one.po"
    po = read_po(po_path)
    entry = next(m for m in po.messages if m.msgid == SHARED)
    entry.msgstr, entry.flags = SHARED_BE, []
    write_po(po_path, po)
    body = f"{SHARED} {SIMILAR} {AGENCY} {ENTRY}\n"
    text = HEAD.format(slug="harvest-two", title="Итоги уборочной", day=2) + body
    (src / "harvest-two.md").write_text(text, "utf-8")
    assert main(["-C", str(root), "tmx", "import", str(tmx)]) == 0
    assert main(["-C", str(root), "build"]) == 0


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_checkouts_give_identical_catalogs_without_machine_paths(fake_project, tmp_path):
    tmx = tmp_path / "agency.tmx"
    tmx.write_text(FOREIGN, "utf-8")
    one = tmp_path / "one" / "news"
    two = tmp_path / "elsewhere" / "deeper" / "news"
    shutil.copytree(fake_project, one)
    shutil.copytree(fake_project, two)
    for root in (one, two):
        _build_in(root, tmx)
    catalogs = _files(one / "locales")
    assert catalogs == _files(two / "locales")
    text = b"".join(catalogs.values()).decode("utf-8")
    for machine_path in (str(tmp_path), "/home/alice", "/tmp/"):
        assert machine_path not in text
    po = {m.msgid: m for m in read_po(two / "locales/be/LC_MESSAGES/harvest-two.po").messages}
    comments = {msgid: "\n".join(m.translator_comments) for msgid, m in po.items()}
    # a match from another article names that catalog relative to the project
    assert "exact memory match from locales/be/LC_MESSAGES/harvest-one.po" in comments[SHARED]
    assert "; from locales/be/LC_MESSAGES/harvest-one.po" in comments[SIMILAR]
    # an imported unit names its file in tm/ and the origin it brought, cut back to a project path
    assert (
        "exact memory match from tm/agency.tmx (unit origin: locales/be/LC_MESSAGES/fair.po:31)"
        in comments[AGENCY]
    )
    assert po[AGENCY].msgstr == AGENCY_BE
    assert "exact memory match from tm/agency.tmx (unit origin: tuid fair-7)" in comments[ENTRY]
    assert po[ENTRY].msgstr == ENTRY_BE

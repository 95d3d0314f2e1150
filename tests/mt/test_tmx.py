"""Tests of TMX export/import: round trip, other tools' TMX, inline codes and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from transflow.errors import SourceError
from transflow.mt.memory import TranslationMemory, Unit
from transflow.mt.tmx import export_tmx, import_tmx, normalize_lang, parse_xml, read_tmx


def _memory() -> TranslationMemory:
    """Units in three directions, with markup, quotes, ampersands and a line break."""
    tm = TranslationMemory()
    tm.add(
        "ru", "be", "Мост через <b>Неман</b> открыт.", "Мост праз <b>Нёман</b> адкрыты.", "a.po:4"
    )
    tm.add("ru", "be", "«Кубок» & приз — 5 < 7.", "«Кубак» & прыз — 5 < 7.", "a.po:9")
    tm.add("be", "ru", "Надвор’е ў суботу.", "Погода в субботу.", "b.po:2")
    tm.add("en", "be", "Line one\nline two ", "Радок адзін\nрадок два ", "")
    return tm


def _pairs(units) -> set[tuple[str, str, str, str]]:
    return {(u.src_lang, u.tgt_lang, u.source, u.target) for u in units}


def test_round_trip_keeps_every_unit_in_both_directions(tmp_path: Path) -> None:
    original = _memory()
    path = tmp_path / "out" / "memory.tmx"
    assert export_tmx(original, path) == 4
    again = TranslationMemory()
    assert import_tmx(path, again) == 4
    forward = [u for u in again.units() if not u.derived]
    assert _pairs(forward) == _pairs(original.units())
    # the exporting project's origin travels as the unit's declared origin
    assert {u.declared for u in forward} == {u.origin for u in original.units()}
    assert all(u.origin.startswith("memory.tmx:") for u in again.units())
    # every pair also serves the other direction
    backward = [u for u in again.units() if u.derived]
    assert _pairs(backward) == {(t, s, b, a) for s, t, a, b in _pairs(original.units())}
    assert again.exact("Погода в субботу.", "ru", "be") == "Надвор’е ў суботу."


def test_export_writes_each_pair_once(tmp_path: Path) -> None:
    tm = TranslationMemory()
    tm.add_both_ways(Unit("ru", "be", "Мост открыт.", "Мост адкрыты.", "locales/be/a.po:4"))
    tm.add_both_ways(Unit("be", "ru", "Дождж.", "Дождь.", "locales/ru/b.po:9"))
    tm.add_both_ways(Unit("be", "ru", "Навальніца.", "Гроза.", "locales/ru/b.po:12"))
    # approved in both directions: still one pair
    tm.add_both_ways(Unit("ru", "be", "Дождь.", "Дождж.", "locales/be/c.po:2"))
    assert len(tm) == 6  # three pairs, each usable both ways
    path = tmp_path / "all.tmx"
    assert export_tmx(tm, path) == 3
    text = path.read_text("utf-8")
    assert text.count("<tu ") == 3 and "reverse" not in text
    # each pair in the direction it was approved in
    assert _pairs(u for u in read_tmx(path) if not u.derived) == {
        ("ru", "be", "Мост открыт.", "Мост адкрыты."),
        ("be", "ru", "Дождж.", "Дождь."),
        ("be", "ru", "Навальніца.", "Гроза."),
    }
    # one direction: pairs approved the other way come in that direction too, once each
    one_way = tmp_path / "ru-be.tmx"
    assert export_tmx(tm, one_way, src="ru", tgt="be") == 3
    assert _pairs(u for u in read_tmx(one_way) if not u.derived) == {
        ("ru", "be", "Мост открыт.", "Мост адкрыты."),
        ("ru", "be", "Дождь.", "Дождж."),
        ("ru", "be", "Гроза.", "Навальніца."),
    }
    # and the file still feeds both directions of a memory
    again = TranslationMemory()
    assert import_tmx(one_way, again) == 3
    assert again.exact("Навальніца.", "be", "ru") == "Гроза."
    assert again.exact("Гроза.", "ru", "be") == "Навальніца."


def test_export_is_deterministic_and_valid_header(tmp_path: Path) -> None:
    one, two = tmp_path / "1.tmx", tmp_path / "2.tmx"
    export_tmx(_memory(), one)
    reverse = TranslationMemory()
    for unit in reversed(list(_memory().units())):
        reverse.add_unit(unit)
    export_tmx(reverse, two)
    assert one.read_bytes() == two.read_bytes()
    root = parse_xml(one)
    header = root.children("header")[0].attrs
    assert header["srclang"] == "*all*"
    assert header["segtype"] == "sentence" and header["o-tmf"] == "transflow"
    assert header["adminlang"] == "en" and header["datatype"] == "plaintext"
    assert root.attrs["version"] == "1.4"
    assert one.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_export_one_direction(tmp_path: Path) -> None:
    path = tmp_path / "ru-be.tmx"
    assert export_tmx(_memory(), path, src="ru", tgt="be") == 2
    assert parse_xml(path).children("header")[0].attrs["srclang"] == "ru"
    assert {(u.src_lang, u.tgt_lang) for u in read_tmx(path) if not u.derived} == {("ru", "be")}


# A TMX written by hand in the style of another CAT tool: region codes in upper case,
# one <tu> with three languages, inline codes, properties, notes, a DOCTYPE.
OTHER_TOOL = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OtherCAT" creationtoolversion="9.1" segtype="sentence"
          o-tmf="OtherCAT TM" adminlang="EN-US" srclang="RU-RU" datatype="html">
    <prop type="x-project">weather</prop>
  </header>
  <body>
    <tu tuid="17" creationdate="20260301T101500Z">
      <note>checked by the editor</note>
      <prop type="x-domain">news</prop>
    <tuv xml:lang="RU-RU"><seg>Снег в <bpt>&lt;b&gt;</bpt>Витебске<ept>&lt;/b&gt;</ept>.</seg></tuv>
    <tuv xml:lang="BE-BY"><seg>Снег у <bpt>&lt;b&gt;</bpt>Віцебску<ept>&lt;/b&gt;</ept>.</seg></tuv>
    <tuv xml:lang="EN-GB"><seg>Snow in <bpt>&lt;b&gt;</bpt>Vitebsk<ept>&lt;/b&gt;</ept>.</seg></tuv>
    </tu>
    <tu>
      <tuv lang="ru"><seg>Рейс <ph>{1}</ph> опаздывает на <hi type="b">час</hi>.</seg></tuv>
      <tuv lang="be"><seg>Рэйс <ph>{1}</ph> спазняецца на <hi type="b">гадзіну</hi>.</seg></tuv>
    </tu>
    <tu srclang="be-BY">
      <tuv xml:lang="be-BY"><seg>Дождж.</seg></tuv>
      <tuv xml:lang="ru-RU"><seg>Дождь.</seg></tuv>
      <tuv xml:lang="en-US"><seg></seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_import_from_another_tool(tmp_path: Path) -> None:
    path = tmp_path / "other.tmx"
    path.write_text(OTHER_TOOL, encoding="utf-8")
    tm = TranslationMemory()
    assert import_tmx(path, tm) == 3  # translation units (<tu>), each read in every direction
    assert tm.exact("Снег в <b>Витебске</b>.", "ru", "be") == "Снег у <b>Віцебску</b>."
    assert tm.exact("Снег в <b>Витебске</b>.", "ru", "en") == "Snow in <b>Vitebsk</b>."
    assert tm.exact("Рейс {1} опаздывает на час.", "ru", "be") == (
        "Рэйс {1} спазняецца на гадзіну."
    )
    assert tm.exact("Дождж.", "be", "ru") == "Дождь."
    assert tm.exact("Дождж.", "be", "en") is None  # empty segment skipped
    # the other directions serve too, as derived units (an original pair would win)
    back = tm.exact_unit("Снег у <b>Віцебску</b>.", "be", "ru")
    assert back is not None and back.derived and back.target == "Снег в <b>Витебске</b>."
    assert tm.exact("Snow in <b>Vitebsk</b>.", "en", "be") == "Снег у <b>Віцебску</b>."
    # origins name the file, never the path it has on this machine; the tuid is kept
    assert back.origin == "other.tmx:9" and back.declared == "tuid 17"
    rain = tm.exact_unit("Дождж.", "be", "ru")
    assert rain is not None and rain.origin == "other.tmx:20" and rain.declared == ""
    assert not rain.derived
    assert str(tmp_path) not in "".join(u.origin + u.declared for u in tm.units())


def test_a_declared_machine_path_is_cut_back(tmp_path: Path) -> None:
    path = tmp_path / "agency.tmx"
    path.write_text(
        OTHER_TOOL.replace(
            '<prop type="x-domain">news</prop>',
            '<prop type="x-origin">/home/alice/news/locales/be/LC_MESSAGES/snow.po:7</prop>',
        ),
        encoding="utf-8",
    )
    tm = TranslationMemory()
    import_tmx(path, tm, label="tm/agency.tmx")
    unit = tm.exact_unit("Снег в <b>Витебске</b>.", "ru", "be")
    assert unit is not None and unit.origin == "tm/agency.tmx:9"
    assert unit.declared == "locales/be/LC_MESSAGES/snow.po:7"


def test_import_strip_mode_drops_codes(tmp_path: Path) -> None:
    path = tmp_path / "other.tmx"
    path.write_text(OTHER_TOOL, encoding="utf-8")
    units = read_tmx(path, tags="strip")
    assert ("ru", "be", "Снег в Витебске.", "Снег у Віцебску.") in {
        (u.src_lang, u.tgt_lang, u.source, u.target) for u in units
    }


def test_utf16_tmx(tmp_path: Path) -> None:
    path = tmp_path / "u16.tmx"
    text = OTHER_TOOL.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path.write_bytes(text.encode("utf-16"))
    assert len(read_tmx(path)) == 10  # 6 directions of the three-language unit, 2 + 2


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (OTHER_TOOL.replace("</tu>\n    <tu>", "\n    <tu>", 1), 25, "malformed XML"),
        (OTHER_TOOL.replace('<tuv lang="be">', "<tuv>"), 18, "xml:lang"),
        (
            OTHER_TOOL.replace('<tuv xml:lang="ru-RU"><seg>Дождь.</seg>', '<tuv xml:lang="ru">'),
            22,
            "seg",
        ),
        ("<tmx><body>", 1, "malformed XML"),
        ("<notmx/>", 1, "not a TMX"),
        ('<!DOCTYPE t [<!ENTITY a "aaaa">]><tmx><body/></tmx>', 1, "entity"),
    ],
)
def test_malformed_tmx_names_file_and_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        import_tmx(path, TranslationMemory())
    assert info.value.path == str(path)
    assert info.value.line == line
    assert words in info.value.message


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError):
        import_tmx(tmp_path / "none.tmx", TranslationMemory())


@pytest.mark.parametrize(
    ("code", "lang"), [("be-BY", "be"), ("RU_ru", "ru"), ("bel", "be"), ("en", "en")]
)
def test_normalize_lang(code: str, lang: str) -> None:
    assert normalize_lang(code) == lang

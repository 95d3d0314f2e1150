"""check_files over a locales tree: syntax errors, Language header, stale catalogs, states."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import TEST_DATA
from transflow.po.catalog import Catalog, Message
from transflow.qa.runner import catalog_state, check_catalog, check_files, header_fields

HEAD = (
    'msgid ""\nmsgstr ""\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Language: {lang}\\n"\n"X-Source-Language: en\\n"\n\n'
)


def po(lang: str, *entries: tuple[str, str]) -> str:
    """PO text with the given (msgid, msgstr) entries."""
    body = "".join(f'msgid "{a}"\nmsgstr "{b}"\n\n' for a, b in entries)
    return HEAD.format(lang=lang) + body


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def tree(tmp_path: Path) -> Path:
    """locales/ with a template, a good be catalog and a stale ru catalog."""
    loc = tmp_path / "locales"
    write(loc / "news.pot", po("", ("Minsk is ready.", ""), ("It rained.", "")))
    write(
        loc / "be" / "LC_MESSAGES" / "news.po",
        po("be", ("Minsk is ready.", "Мінск гатовы."), ("It rained.", "Ішоў дождж.")),
    )
    write(loc / "ru" / "LC_MESSAGES" / "news.po", po("ru", ("Minsk is ready.", "Минск готов.")))
    return loc


def test_good_and_stale(tmp_path: Path):
    loc = tree(tmp_path)
    result = check_files(sorted(loc.glob("*/LC_MESSAGES/*.po")))
    be, ru = result.files
    assert be.findings == [] and be.state == "approved" and be.entries == 2
    assert [f.check_id for f in ru.findings] == ["stale"]
    assert (
        ru.findings[0].severity == "error" and "1 template entry missing" in ru.findings[0].message
    )
    assert ru.state == "in-review"
    assert result.errors == 1


def test_stale_uses_locales_dir(tmp_path: Path):
    loc = tree(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "news.pot", po("", ("Minsk is ready.", "")))
    result = check_files([loc / "ru" / "LC_MESSAGES" / "news.po"], locales_dir=elsewhere)
    assert result.findings == []


def test_syntax_error_does_not_stop_others(tmp_path: Path):
    loc = tree(tmp_path)
    bad = write(
        loc / "be" / "LC_MESSAGES" / "broken.po",
        po("be", ("A.", "Б.")) + 'msgid "unterminated\nmsgstr ""\n',
    )
    good = loc / "be" / "LC_MESSAGES" / "news.po"
    result = check_files([bad, good])
    (syntax,) = result.files[0].findings
    assert syntax.check_id == "syntax" and syntax.severity == "error"
    assert syntax.path == str(bad) and syntax.line > 0
    assert result.files[0].state == "malformed"
    assert result.files[1].state == "approved"


def test_language_header_against_folder(tmp_path: Path):
    path = write(
        tmp_path / "locales" / "ru" / "LC_MESSAGES" / "x.po",
        po("be", ("Minsk is ready.", "Минск готов.")),
    )
    findings = check_files([path]).findings
    assert [f.check_id for f in findings] == ["language-header"]
    assert "'be'" in findings[0].message and "'ru'" in findings[0].message


def test_directories_are_searched(tmp_path: Path):
    loc = tree(tmp_path)
    assert len(check_files([loc]).files) == 2


def test_missing_file_is_a_finding(tmp_path: Path):
    result = check_files([tmp_path / "nope.po"])
    assert result.findings[0].check_id == "syntax"


def test_catalog_state_and_headers():
    cat = Catalog(header=Message("", "Language: be\nX-Source-Language: en\n"))
    cat.messages = [Message("One.", ""), Message("Two.", "")]
    assert header_fields(cat) == {"Language": "be", "X-Source-Language": "en"}
    assert catalog_state(cat, check_catalog(cat)) == "untranslated"
    cat.messages[0].msgstr = "Адзін."
    cat.messages[0].flags = ["fuzzy"]
    assert catalog_state(cat, check_catalog(cat)) == "in-review"
    cat.messages[0].flags = []
    cat.messages[1].msgstr = "Два."
    assert catalog_state(cat, check_catalog(cat)) == "approved"
    cat.messages[1].msgstr = "Тры."  # still approved by the reviewer, but QA finds an error
    cat.messages[1].msgid = "Two 2."
    assert catalog_state(cat, check_catalog(cat)) == "in-review"


def test_ignore_flag_and_comment():
    cat = Catalog(header=Message("", "Language: be\nX-Source-Language: en\n"))
    cat.messages = [
        Message("Two ministers came.", "Прыйшлі 3 міністры.", lineno=5),
        Message("Two ministers came.", "Прыйшлі 3 міністры.", flags=["ignore-numbers"], lineno=9),
        Message(
            "Two ministers came.",
            "Прыйшлі 3 міністры.",
            lineno=13,
            translator_comments=["ignore-numbers, ignore-length"],
        ),
    ]
    assert [(f.line, f.check_id) for f in check_catalog(cat)] == [(5, "numbers")]


def test_explicit_languages_override_headers():
    cat = Catalog(header=Message("", ""), path="x.po")
    cat.messages = [
        Message("The concert was a great success.", "Концерт прошёл успешно.", lineno=3)
    ]
    assert check_catalog(cat) == []  # no languages known: nothing to compare against
    findings = check_catalog(cat, src_lang="en", tgt_lang="be")
    assert [f.check_id for f in findings] == ["language"]
    assert findings[0].path == "x.po" and findings[0].line == 3


def test_plural_forms_are_checked_each():
    cat = Catalog(header=Message("", "Language: be\nX-Source-Language: en\n"))
    cat.messages = [
        Message("1 day", msgid_plural="5 days", msgstr_plural={0: "1 дзень", 1: "7 дзён"})
    ]
    findings = check_catalog(cat)
    assert {f.check_id for f in findings} == {"numbers"}
    assert any("7" in f.message for f in findings)


def test_worker_processes_give_the_same_result(tmp_path: Path):
    loc = tree(tmp_path)
    data = TEST_DATA / "qa"
    paths = sorted(loc.glob("*/LC_MESSAGES/*.po")) + sorted((data / "defects").glob("*.po"))
    serial = check_files(paths, jobs=1)
    parallel = check_files(paths, jobs=2)
    assert [r.path for r in parallel.files] == [str(p) for p in paths]
    assert parallel.findings == serial.findings and serial.errors > 0


def test_region_and_script_subtags():
    cat = Catalog(header=Message("", "Language: be_BY\nX-Source-Language: en-GB\n"), path="y.po")
    cat.messages = [Message("Minsk and Brest.", "Мінск i Брэст.", lineno=4)]
    findings = check_catalog(cat, expected_lang="be")
    assert [f.check_id for f in findings] == ["mixed-script"]
    assert [f.check_id for f in check_catalog(cat, expected_lang="be-Latn")][0] == "language-header"


def _one(tmp_path: Path, lang: str, text: str | bytes, pot: str | None = None) -> list:
    loc = tmp_path / "locales"
    path = loc / lang / "LC_MESSAGES" / "art.po"
    path.parent.mkdir(parents=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    if pot is not None:
        (loc / "art.pot").write_text(pot, encoding="utf-8")
    return check_files([path]).findings


@pytest.mark.parametrize(
    "text",
    [
        po("be", ("A.", "Б.")) + 'msgid "unterminated\nmsgstr ""\n',
        po("be", ("A.", "Б.")) + 'msgstr "no msgid"\n',
        (po("be", ("A.", "Б.")) + 'msgid "B."\nmsgstr "\xff"\n').encode("utf-8")[:-3] + b'\xff"\n',
    ],
)
def test_syntax_defects(tmp_path: Path, text):
    findings = _one(tmp_path, "be", text)
    assert [f.check_id for f in findings] == ["syntax"] and findings[0].line > 0


@pytest.mark.parametrize(("folder", "header"), [("ru", "be"), ("be", ""), ("be", "be-Latn")])
def test_language_header_defects(tmp_path: Path, folder, header):
    text = po(header, ("Minsk.", "Мінск.")).replace('"Language: \\n"\n', "")
    findings = _one(tmp_path, folder, text)
    assert "language-header" in [f.check_id for f in findings]


@pytest.mark.parametrize(
    "pot_entries",
    [
        [("Minsk.", ""), ("Brest.", "")],  # the template gained an entry
        [],  # the template lost one
        [("Minsk!", "")],  # the source sentence changed
    ],
)
def test_stale_defects(tmp_path: Path, pot_entries):
    findings = _one(tmp_path, "be", po("be", ("Minsk.", "Мінск.")), po("", *pot_entries))
    assert [f.check_id for f in findings] == ["stale"]

"""Regression tests of issue 12 ("hostile input, round two"): one test (or more) per defect."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from tests.browser import serve_app
from transflow.errors import CatalogError
from transflow.mt.apertium import ApertiumEngine
from transflow.po.catalog import get_header
from transflow.po.pofile import parse_po, read_po
from transflow.publish.serve import create_app

from .helpers import cli_command, cli_env, transflow

HEAD = "---\nslug: {slug}\nlang: en\ntitle: {title}\ndate: 2021-09-06\n{extra}---\n\nBody.\n"


def files(root: Path) -> dict[str, bytes]:
    """Every file of the project but the lock file."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "lock"
    }


# 1 and 2: characters a YAML escape puts into front matter ----------------------------------


@pytest.mark.parametrize(
    ("title", "extra", "line", "what"),
    [
        ('"\\ud800 x"', "", 4, "lone surrogate U+D800"),
        ("Fine", 'place: "\\udfff"\n', 6, "lone surrogate U+DFFF"),
        ('"Bell \\a here"', "", 4, "control character U+0007"),
        ('"Nul \\0 here"', "", 4, "control character U+0000"),
        ('"Line \\L sep"', "", 4, "control character U+2028"),
        ('"Esc \\x1b[31m"', "", 4, "control character U+001B"),
        ("Fine", 'caption: "Bell \\a"\n', 6, "control character U+0007"),
    ],
)
def test_yaml_escapes_in_front_matter_are_refused_naming_the_source(
    fake_project, title, extra, line, what
):
    path = fake_project / "source_articles" / "esc.md"
    path.write_text(HEAD.format(slug="esc", title=title, extra=extra), "utf-8")
    before = files(fake_project)
    result = transflow(fake_project, "build")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"source_articles/esc.md:{line}: {what}" in result.stderr
    assert files(fake_project) == before  # no POT left behind, no PO, no dist


# 3: update repairs the header ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'msgid "Title"\nmsgstr "Загаловак"\n',
        'msgid ""\nmsgstr "Language: ru\\n"\n\nmsgid "Title"\nmsgstr "Загаловак"\n',
        'msgid ""\nmsgstr ""\n"Language: be\\n"\n"Content-Type: text/plain\\n"\n\n'
        'msgid "Title"\nmsgstr "Загаловак"\n',
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain\\n"\n"Content-Type: text/plain\\n"\n'
        '"Language: en\\n"\n"Language: en\\n"\n\nmsgid "Title"\nmsgstr "Загаловак"\n',
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=\rCHARSET\\n"\n\n'
        'msgid "Title"\nmsgstr "Загаловак"\n',
    ],
    ids=["no-header", "no-content-type", "wrong-language-no-charset", "repeated-fields", "cr"],
)
def test_update_repairs_a_header_gettext_cannot_read(fake_project, text):
    assert transflow(fake_project, "update").returncode == 0
    po = fake_project / "locales" / "ru" / "LC_MESSAGES" / "minsk-half-marathon.po"
    po.write_text(text, "utf-8")
    result = transflow(fake_project, "update")
    assert result.returncode == 0, result.stderr
    check = subprocess.run(["msgcat", str(po)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    header = get_header(read_po(po))
    assert header["Language"] == "ru"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert "Загаловак" in po.read_text("utf-8")  # the translation is kept


# 4: every character Apertium's stream format reserves ------------------------------------

RESERVED = list("{}^$/\\@<>[]~*#")


@pytest.fixture(scope="module")
def apertium():
    engine = ApertiumEngine(timeout=20)
    yield engine
    engine.close()


@pytest.mark.parametrize("char", RESERVED)
@pytest.mark.parametrize(
    ("src", "tgt", "words"), [("ru", "be", ("один", "раз")), ("be", "ru", ("адзін", "раз"))]
)
def test_apertium_passes_every_reserved_character_through(apertium, char, src, tgt, words):
    texts = [
        f"{words[0]} {char} {words[1]}",  # alone
        f"{words[0]}{char}{words[1]}",  # inside a word
        f"{words[0]} {char}",  # at the end of the segment
        f"{char}{words[0]}",  # at the start
        f"{words[0]} {char * 2}{words[1]}{char}",  # doubled
    ]
    out = apertium.translate_batch(texts, src, tgt)
    for text, draft in zip(texts, out, strict=True):
        assert draft is not None and draft.count(char) == text.count(char), (text, draft)
        assert draft.split()[0] != words[0] or text.startswith(char)  # really translated


@pytest.mark.parametrize("char", ["\U00031350", "\ue000", "\U0010fffd"])
def test_apertium_never_marks_unassigned_or_private_use_characters(apertium, char):
    out = apertium.translate_batch([f"сегодня {char}", f"сегодня{char}x"], "ru", "be")
    assert out == [f"сёння {char}", f"сёння{char}x"]


def test_mt_translates_a_line_with_a_brace(project_dir):
    result = subprocess.run(
        cli_command(project_dir, "mt", "--from", "ru", "--to", "be"),
        input="один { раз\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "адзін { раз\n"


def test_a_brace_in_a_russian_source_is_translated_in_a_build(project_dir):
    (project_dir / "source_articles" / "brace.md").write_text(
        "---\nslug: brace\nlang: ru\ntitle: Один { раз\ndate: 2021-09-06\n---\n\n"
        "Первый абзац {с фигурной скобкой} и $ знаком.\n\nВторой абзац ^ без скобок.\n",
        "utf-8",
    )
    result = transflow(project_dir, "build")
    assert result.returncode == 0, result.stderr
    assert "ru->be" not in result.stdout and "problem" not in result.stdout, result.stdout
    po = read_po(project_dir / "locales" / "be" / "LC_MESSAGES" / "brace.po")
    drafts = {m.msgid: m.msgstr for m in po.messages}
    assert drafts["Один { раз"] == "Адзін { раз"
    assert len(drafts) == 3 and all(drafts.values()), drafts


# 5: invalid UTF-8 on mt's standard input --------------------------------------------------


def test_mt_fails_at_once_on_invalid_utf8_naming_the_line(project_dir):
    result = subprocess.run(
        cli_command(project_dir, "mt", "--from", "ru", "--to", "be"),
        input=b"\xd0\xbe\xd0\xb4\xd0\xb8\xd0\xbd\n\xd0\xbe\xd0\xb4\xd0\xb8\xd0\xbd \xff\n",
        capture_output=True,
        timeout=60,  # the defect waited 120 s for Apertium
        env=cli_env(),
    )
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert "transflow: error: <stdin>:2: not UTF-8: invalid byte 0xff at byte 10 of the line" in err


# 6: serve and a long path segment -----------------------------------------------------------


def test_serve_answers_404_for_a_path_segment_too_long_for_a_file_name(tmp_path):
    dist = tmp_path / "dist"
    (dist / "en").mkdir(parents=True)
    (dist / "en" / "ok.html").write_text("<p>ok</p>", "utf-8")
    import httpx

    with serve_app(create_app(dist)) as url, httpx.Client(base_url=url) as client:
        assert client.get("/en/ok.html").status_code == 200
        assert client.get("/en/" + "a" * 300 + ".html").status_code == 404
        assert client.get("/articles/" + "a" * 300).status_code == 404
        assert client.get("/en/" + "a" * 99 + ".html").status_code == 404  # fits, absent


# 7: import and <script> in the heading ------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="ru"><head><title>Выставка</title></head><body>
<article>
<p>12 марта 2021</p>
<h1>Выставка открылась в Гродно <script>alert(1)</script></h1>
<p>В Гродно в субботу открылась выставка работ местных художников, на которой представлено
более ста картин и скульптур.</p>
<p>Экспозиция будет работать до конца месяца, вход для школьников свободный.</p>
</article></body></html>
"""


def test_import_keeps_script_text_out_of_title_slug_and_body(fake_project, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, "utf-8")
    result = transflow(fake_project, "import", str(page))
    assert result.returncode == 0, result.stderr
    written = fake_project / "source_articles" / "vystavka-otkrylas-v-grodno.md"
    text = written.read_text("utf-8")
    assert "title: Выставка открылась в Гродно\n" in text
    assert "alert" not in text
    assert text.count("Выставка открылась в Гродно") == 1  # the heading is not repeated


def test_import_drops_the_heading_repeated_in_the_body(fake_project, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        PAGE.replace("<p>12 марта 2021</p>", "<p>31 февраля 2021</p>")
        .replace("<script>alert(1)</script>", "")
        .replace("<title>", '<meta property="article:published_time" content="2021-03-12"><title>'),
        "utf-8",
    )
    result = transflow(fake_project, "import", str(page))
    assert result.returncode == 0, result.stderr
    text = (fake_project / "source_articles" / "vystavka-otkrylas-v-grodno.md").read_text("utf-8")
    assert text.count("Выставка открылась в Гродно") == 1, text


def test_portal_text_drops_the_title_printed_again_below(tmp_path):
    from transflow.source.importers.portal_text import parse_page

    page = (
        "Official Website of the Republic of Belarus\n\n| Home | Economy | News\n\nNews\n\n"
        "14 Apr 2021\n\nGlassworks ships solar glass\nGlassworks ships solar glass\n\n"
        "Photo by BelTA\n\nGlassworks ships solar glass\n\n"
        "GOMEL, 14 April (BelTA) – The plant sent forty tonnes.\n"
    )
    meta, paragraphs = parse_page(page, tmp_path / "p.txt")
    assert meta["title"] == "Glassworks ships solar glass"
    assert meta["caption"] == "Photo by BelTA"
    assert paragraphs == ["The plant sent forty tonnes."]


def test_import_of_a_broken_page_keeps_title_text_out_of_the_heading(fake_project, tmp_path):
    page = tmp_path / "page.html"
    broken = "<h1>\n" + PAGE.replace(
        "<title>Выставка</title>", "<title>Т <script>x(1)</script></title>"
    )
    page.write_text(broken, "utf-8")
    before = set((fake_project / "source_articles").glob("*.md"))
    result = transflow(fake_project, "import", str(page))
    assert result.returncode == 0, result.stderr
    (written,) = set((fake_project / "source_articles").glob("*.md")) - before
    assert "x(1)" not in written.read_text("utf-8") and "script" not in written.name


@pytest.mark.parametrize("name", ["terms.tbx", "memory.tmx"])
def test_an_xml_declaration_naming_an_unknown_encoding_is_refused(fake_project, name):
    path = fake_project / name
    path.write_text('<?xml version="1.0" encoding="ATF-8"?>\n<martif/>\n', "utf-8")
    if name == "terms.tbx":
        config = fake_project / "transflow.toml"
        config.write_text(
            config.read_text("utf-8").replace("glossary/terms.csv", "terms.tbx"), "utf-8"
        )
        result = transflow(fake_project, "check")
    else:
        result = transflow(fake_project, "tmx", "import", str(path))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{name}:1: malformed XML: unknown encoding" in result.stderr


# 8: detect and binary input ---------------------------------------------------------------


def test_detect_says_und_for_random_binary(fake_project):
    noise = random.Random(12).randbytes(4000) + bytes(range(256)) * 4
    result = subprocess.run(
        cli_command(fake_project, "detect"), input=noise, capture_output=True, env=cli_env()
    )
    assert result.returncode == 0, result.stderr
    codes = result.stdout.decode().split("\n")[:-1]
    assert len(codes) == noise.count(b"\n") + 1
    assert set(codes) == {"und"}


def test_detect_still_names_real_lines_next_to_binary(fake_project):
    data = "Мінск — сталіца Беларусі\n".encode() + b"\xff\xfe\x00\x01\n" + b"Hello world\n"
    result = subprocess.run(
        cli_command(fake_project, "detect"), input=data, capture_output=True, env=cli_env()
    )
    assert result.stdout.decode().split("\n")[:-1] == ["be", "und", "en"]


# minor: duplicate msgstr, errors printed once, a closed pipe -----------------------------


def test_two_msgstr_lines_are_a_duplicate_msgstr():
    with pytest.raises(CatalogError) as info:
        parse_po('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', "two-msgstr.po")
    assert (info.value.line, info.value.message) == (3, "duplicate msgstr")
    with pytest.raises(CatalogError) as info:
        parse_po('msgid "a"\nmsgstr "b"\n\nmsgstr "c"\n', "lone.po")
    assert (info.value.line, info.value.message) == (4, "msgstr without msgid")


@pytest.mark.parametrize("command", ["build", "render"])
def test_a_malformed_catalog_is_reported_once(fake_project, command):
    assert transflow(fake_project, "update").returncode == 0
    po = fake_project / "locales" / "ru" / "LC_MESSAGES" / "minsk-half-marathon.po"
    po.write_text('msgid "a"\nmsgstr "b" junk\n', "utf-8")
    result = transflow(fake_project, command)
    assert result.returncode == 2
    assert result.stderr.count("minsk-half-marathon.po:2:") == 1, result.stderr


def test_status_into_a_closed_pipe_exits_quietly(fake_project):
    assert transflow(fake_project, "update").returncode == 0
    proc = subprocess.Popen(
        cli_command(fake_project, "status"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
    )
    proc.stdout.close()  # the reader is gone before anything is written (`| head -0`)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert err == ""

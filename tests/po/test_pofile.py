"""PO syntax: the writer matches GNU msgcat byte for byte; the parser is strict."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.paths import TEST_DATA
from transflow.errors import CatalogError
from transflow.po.catalog import Catalog, Message
from transflow.po.pofile import format_po, parse_po, read_po, write_po

DATA = TEST_DATA / "po"
HEADER = (
    "Project-Id-Version: test\n"
    "Language: be\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);\n"
)


def msgcat(text: str) -> str:
    """What GNU msgcat writes for the given PO text."""
    done = subprocess.run(
        ["msgcat", "-"], input=text.encode(), capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def msgfmt_errors(text: str) -> str:
    """msgfmt -c's complaints (empty when it accepts the text)."""
    done = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", "-"], input=text.encode(), capture_output=True
    )
    return "" if done.returncode == 0 else done.stderr.decode()


def catalog_of(*messages: Message) -> Catalog:
    return Catalog(header=Message(msgid="", msgstr=HEADER), messages=list(messages))


SENTENCES = [
    "Прэзідэнт адзначыў, што «ў бліжэйшыя гады» краіна павінна павялічыць экспарт "
    "сельскагаспадарчай прадукцыі — перш за ўсё ў азіяцкія краіны.",
    "Президент отметил, что «в ближайшие годы» страна должна увеличить экспорт "
    "сельскохозяйственной продукции – прежде всего в азиатские страны…",
    "The minister said the new bridge across the river would open “no later than "
    "September”, adding that the contractor’s work was two weeks ahead of schedule.",
    "Read the full report at https://example.org/reports/2026/agriculture-exports-"
    "quarterly-summary-with-a-very-long-path/index.html before the meeting.",
    "Antidisestablishmentarianismfloccinaucinihilipilificationpneumonoultramicroscopic"
    "silicovolcanoconiosis is not a word anyone uses.",
    'First line\nSecond line with a tab\there and a quote "inside" and a backslash \\ too.\n',
    "Ends with a newline after a long sentence about harvest figures in the Minsk region "
    "this autumn.\n",
    "The <a1>regional council</a1> approved the <b>budget</b> of 12.5 million rubles for "
    "2027/2028, up 7% on last year (see <a2>table</a2>).",
    "Сёння ў Мінску — дзень горада; святочныя мерапрыемствы пачнуцца а 10:00 на "
    "Кастрычніцкай плошчы, а завершацца салютам.",
    "x" * 77,
    "x" * 78,
    "word " * 20,
    "Hyphenated-compound-words-keep-going-well-past-the-line-limit-of-seventy-nine-"
    "columns-wide here.",
    "",
    "\n",
    "a\n\nb",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_long_strings_match_msgcat(text: str) -> None:
    cat = catalog_of(
        Message(msgid=text or "empty", msgstr=text, references=["source_articles/a.md:1"]),
        Message(
            msgid="previous " + text,
            msgstr="draft",
            flags=["fuzzy"],
            previous_msgid=text,
            msgctxt="title",
        ),
        Message(msgid="obsolete " + text, msgstr=text or "x", obsolete=True),
    )
    ours = format_po(cat)
    assert ours == msgcat(ours)
    assert parse_po(ours) == cat


def test_fixture_file_is_msgcat_identical() -> None:
    text = (DATA / "news.po").read_text(encoding="utf-8")
    cat = parse_po(text)
    assert format_po(cat) == msgcat(text)
    assert cat.messages[1].previous_msgid == "Организаторы ждут гостей из семи районов области."
    assert cat.messages[2].msgstr_plural[2] == "%d файлаў"
    assert cat.messages[3].obsolete
    assert cat.header.translator_comments == ["Translator notes for the test article."]


def test_references_flags_and_comments_like_msgcat() -> None:
    refs = [f"source_articles/some-rather-long-article-slug-{i}.md:{i * 7}" for i in range(9)]
    cat = catalog_of(
        Message(
            msgid="Five percent: 5%",
            msgstr="Пяць працэнтаў: 5%",
            flags=["python-format", "fuzzy", "no-c-format"],
            translator_comments=["checked by hand", ""],
            extracted_comments=["paragraph", "engine: apertium"],
            references=refs,
        )
    )
    ours = format_po(cat)
    assert ours == msgcat(ours)
    assert "#, fuzzy, no-c-format, python-format\n" in ours
    assert "#\n" in ours


def test_flags_are_normalized_like_msgcat() -> None:
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, no-wrap, python-format, myflag, fuzzy\nmsgid "a"\nmsgstr "b"\n\n'
        '#, fuzzy\nmsgid "c"\nmsgstr ""\n'
    )
    cat = parse_po(text)
    assert cat.messages[0].flags == ["fuzzy", "python-format", "no-wrap"]
    assert format_po(cat) == msgcat(text)


def test_no_wrap_flag_keeps_long_lines() -> None:
    long = "a long sentence " * 10
    cat = catalog_of(Message(msgid=long, msgstr=long, flags=["no-wrap"]))
    ours = format_po(cat)
    assert f'msgid "{long}"' in ours
    assert ours == msgcat(ours)


# -- property test ------------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    list('abcxyz ABC 0123456789 .,;:!?-–—/()«»“”’…%<>"\\\t\n')
    + list("абвгдежзійклмнопрстуўфхцчшыьэюяё ")
    + ["\u00a0", "中", "\U0001f600", "\u0301", "https://example.org/a-b_c?d=1&e=2"]
)
TEXT = st.lists(ALPHABET, max_size=60).map(lambda parts: "".join(parts).strip("\n"))
# gettext joins a line ending in a backslash with the next one, so comments cannot end in one.
COMMENT = TEXT.map(lambda t: t.replace("\n", " ").strip().rstrip("\\").strip())
REF = st.from_regex(r"[a-z]{1,12}(/[a-z0-9_-]{1,20}){0,2}\.md:[1-9][0-9]{0,3}", fullmatch=True)


@st.composite
def messages(draw: st.DrawFn, index: int) -> Message:
    msgid = f"m{index} " + draw(TEXT)
    plural = draw(st.booleans()) and draw(st.integers(0, 4)) == 0
    obsolete = draw(st.integers(0, 6)) == 0
    msg = Message(msgid=msgid, obsolete=obsolete)
    msg.msgctxt = draw(st.one_of(st.none(), TEXT))
    if plural:
        msg.msgid_plural = draw(TEXT)
        msg.msgstr_plural = {i: draw(TEXT) for i in range(3)}
    else:
        msg.msgstr = draw(TEXT)
    first = msg.msgstr_plural.get(0, "") if plural else msg.msgstr
    if obsolete and not first:
        msg.msgstr_plural, msg.msgstr = ({0: "x", 1: "y", 2: "z"}, "") if plural else ({}, "x")
        first = "x"
    if first and draw(st.booleans()):
        msg.flags.append("fuzzy")
    if draw(st.booleans()):
        msg.flags.append(draw(st.sampled_from(["no-python-format", "no-c-format", "no-wrap"])))
    msg.translator_comments = draw(st.lists(COMMENT, max_size=2))
    if not obsolete:
        msg.extracted_comments = draw(st.lists(COMMENT, max_size=2))
        msg.references = list(dict.fromkeys(draw(st.lists(REF, max_size=6))))
    if draw(st.booleans()):
        msg.previous_msgid = draw(TEXT)
    return msg


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    count = draw(st.integers(1, 25))
    return catalog_of(*[draw(messages(i)) for i in range(count)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(catalogs(), min_size=1, max_size=1))
def test_random_catalogs_match_msgcat(cats: list[Catalog]) -> None:
    cat = cats[0]
    ours = format_po(cat)
    assert ours == msgcat(ours)
    assert msgfmt_errors(ours) == ""
    back = parse_po(ours)
    active = [m for m in cat.messages if not m.obsolete]
    obsolete = [m for m in cat.messages if m.obsolete]
    assert back.messages == active + obsolete
    assert back.header == cat.header


# -- parser errors --------------------------------------------------------------------------------


def head(extra: str = "") -> str:
    return f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n{extra}\n'


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('msgid "a"\nmsgstr "b"\nfoo "c"\n', 7, "syntax error"),
        ('msgid "a\nmsgstr "b"\n', 5, "unterminated"),
        ('msgid "a\\q"\nmsgstr "b"\n', 5, "invalid escape"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 8, "duplicate entry"),
        ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 7, "before the msgstr"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr "x"\n', 5, "msgstr[0]"),
        ('msgstr "lonely"\n', 5, "without msgid"),
        ('msgid "a"\n"continued" junk\nmsgstr "b"\n', 6, "syntax error"),
    ],
)
def test_errors_name_the_line(body: str, line: int, words: str) -> None:
    with pytest.raises(CatalogError) as info:
        parse_po(head() + body, "x.po")
    assert info.value.line == line
    assert info.value.path == "x.po"
    assert words in info.value.message


def test_charset_other_than_utf8_is_rejected() -> None:
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n'
    with pytest.raises(CatalogError, match="UTF-8 only") as info:
        parse_po(text, "latin.po")
    assert info.value.line == 1


def test_wrong_number_of_plural_forms() -> None:
    text = (
        head('"Plural-Forms: nplurals=3; plural=(n!=1);\\n"')
        + 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'
    )
    with pytest.raises(CatalogError, match="nplurals=3") as info:
        parse_po(text)
    assert info.value.line == 5


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_bytes(head().encode() + b'msgid "a"\nmsgstr "\xff"\n')
    with pytest.raises(CatalogError, match="UTF-8") as info:
        read_po(path)
    assert info.value.line == 6
    assert info.value.path == str(path)


def test_nul_byte_is_rejected() -> None:
    with pytest.raises(CatalogError, match="NUL") as info:
        parse_po(head() + 'msgid "a"\nmsgstr "b\0"\n')
    assert info.value.line == 6


def test_bom_and_crlf_are_accepted() -> None:
    text = head() + 'msgid "a"\nmsgstr "b"\n'
    plain = parse_po(text)
    odd = parse_po("\ufeff" + text.replace("\n", "\r\n"))
    assert odd == plain
    assert format_po(odd) == msgcat(text)


def test_escapes_and_keyword_on_its_own_line() -> None:
    text = head() + 'msgid\n"tab\\there \\101\\x42 \\r"\nmsgstr "ok"\n'
    cat = parse_po(text)
    assert cat.messages[0].msgid == "tab\there AB \r"
    assert cat.messages[0].lineno == 5


@pytest.mark.parametrize("escape", ["\\a", "\\b", "\\f", "\\v", "\\001", "\\x1b"])
def test_control_character_escapes_are_refused_with_their_line(escape: str) -> None:
    text = head() + f'msgid "ok"\nmsgstr ""\n"bell {escape}"\n'
    with pytest.raises(CatalogError, match="control character") as info:
        parse_po(text, "x.po")
    assert info.value.line == 7


def test_obsolete_previous_is_kept() -> None:
    text = head() + '#, fuzzy\n#~| msgid "old"\n#~ msgid "new"\n#~ msgstr "нов"\n'
    cat = parse_po(text)
    msg = cat.messages[0]
    assert (msg.obsolete, msg.previous_msgid, msg.fuzzy) == (True, "old", True)
    assert format_po(cat) == msgcat(text)


def test_write_po_only_when_changed(tmp_path: Path) -> None:
    path = tmp_path / "locales" / "be" / "LC_MESSAGES" / "a.po"
    cat = catalog_of(Message(msgid="Hello", msgstr="Прывітанне"))
    assert write_po(path, cat) is True
    assert write_po(path, cat) is False
    assert read_po(path) == cat
    assert msgcat(path.read_text(encoding="utf-8")) == path.read_text(encoding="utf-8")


# -- the line-breaking engine against libunistring itself (the library msgcat uses) ------------


def test_width_breaks_agree_with_libunistring() -> None:
    import ctypes
    import random

    from transflow.po.wrap import width_breaks

    lib = ctypes.CDLL("libunistring.so.2")
    func = lib.u8_width_linebreaks_v2
    func.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int]
    func.argtypes += [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
    pieces = list("abc ABC 019 ,.;:!?-/()«»“”’…%<>\t") + list("абвгдеўіё ")
    pieces += ["\u00a0", "\u00ad", "\u200b", "\u0301", "\u200d", "中", "、", "\U0001f600"]
    pieces += ["\U0001f1e6", "א", "\u0e01", "\u2028", "—", "–", "\u2011", "https://x.org/a-b"]
    rng = random.Random(20261125)
    checked = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 120)))
        width, start = rng.randint(5, 80), rng.randint(0, 10)
        prohibited = {i for i in range(len(text)) if rng.random() < 0.05}
        raw = text.encode()
        index = [len(text[:i].encode()) for i in range(len(text))]
        overrides = bytearray(len(raw))
        for i in prohibited:
            overrides[index[i]] = 1  # UC_BREAK_PROHIBITED
        out = ctypes.create_string_buffer(len(raw))
        func(raw, len(raw), width, start, 0, bytes(overrides), b"UTF-8", out)
        expected = [i for i, at in enumerate(index) if out.raw[at] == 2]  # UC_BREAK_POSSIBLE
        assert width_breaks(text, width, start, prohibited) == expected, (text, width, start)
        checked += bool(expected)
    assert checked > 1000

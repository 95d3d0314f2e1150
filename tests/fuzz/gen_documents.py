"""Strategies for the documents of a project: source articles and PO/POT catalogs."""

from __future__ import annotations

from hypothesis import strategies as st

from transflow.po.catalog import Catalog, Message
from transflow.po.pofile import format_po

from .gen_text import maybe_corrupt, plain_line, text_line

# --- source articles --------------------------------------------------------------------------

YAML_ESCAPES = [
    "\\a",
    "\\0",
    "\\x1b",
    "\\ud800",
    "\\udfff",
    "\\L",
    "\\P",
    "\\N",
    "\\_",
    "\\e",
    "\\t",
    "\\n",
    "\\r",
    "\\\\",
    '\\"',
    "\\u200b",
    "\\u202e",
    "\\U0001F600",
    "\\x85",
    "\\b",
    "\\v",
]
KEYS = ["slug", "lang", "title", "date", "place", "agency", "caption", "source_url"]


@st.composite
def yaml_value(draw: st.DrawFn, key: str) -> str:
    """A front matter value: usually fitting the key, sometimes hostile YAML."""
    fitting = {
        "slug": st.sampled_from(["fuzz-one", "a", "x-1", "../up", "Big", "a--b", "a" * 120]),
        "lang": st.sampled_from(["be", "ru", "en", "uk", "", "EN", "be-Latn"]),
        "date": st.sampled_from(["2021-05-04", "2021-02-30", "21-5-4", "2021-05-04T10:00", ""]),
        "source_url": st.sampled_from(["https://belta.by/a/1", "ftp://x", "javascript:x()"]),
    }.get(key, text_line)
    kind = draw(st.sampled_from(["plain", "plain", "double", "single", "escape", "weird"]))
    value = draw(fitting)
    if kind == "plain":
        return value
    if kind == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if kind == "single":
        return "'" + value.replace("'", "''") + "'"
    if kind == "escape":
        return '"' + draw(st.sampled_from(YAML_ESCAPES)) + " " + value.replace('"', "") + '"'
    return draw(
        st.sampled_from(
            [
                "[a, b]",
                "{x: 1}",
                "&a x",
                "*a",
                "!!binary aGk=",
                "|\n  two\n  lines",
                "~",
                "null",
                "!!python/object:os.system x",
                ">-\n  folded",
                "- item",
                "'unterminated",
                "? key",
            ]
        )
    )


@st.composite
def markdown_body(draw: st.DrawFn) -> str:
    """Paragraphs, headings, lists, quotes, links and stray markup."""
    blocks = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["p", "p", "h", "list", "quote", "html", "code", "rule"]))
        line = draw(text_line)
        blocks.append(
            {
                "p": line,
                "h": "## " + line,
                "list": "- " + line + "\n- " + draw(text_line),
                "quote": "> " + line,
                "html": "<div>" + line + "</div>",
                "code": "```\n" + line + "\n```",
                "rule": "---",
            }[kind]
        )
    return "\n\n".join(blocks) + "\n"


@st.composite
def source_article_text(draw: st.DrawFn) -> bytes:
    """A source article: front matter and a Markdown body, clean or with hostile values."""
    hostile = draw(st.booleans())
    keys = ["slug", "lang", "title", "date"]
    keys += draw(st.lists(st.sampled_from(KEYS[4:] + ["author", "tags"]), max_size=3))
    if hostile and draw(st.integers(0, 4)) == 0:
        keys.remove(draw(st.sampled_from(keys)))
    fixed = {"slug": "fuzz-one", "lang": "ru", "date": "2021-05-04"}
    lines = []
    for key in dict.fromkeys(keys) if not hostile else keys:
        if not hostile:
            value = fixed.get(key) or draw(plain_line)
            if key in ("author", "tags"):
                continue
        elif key in fixed and draw(st.integers(0, 3)) > 0:
            value = fixed[key]
        else:
            value = draw(yaml_value(key))
        lines.append(f"{key}: {value}")
    body = draw(markdown_body()) if hostile or draw(st.booleans()) else draw(plain_line) + "\n"
    text = "---\n" + "\n".join(lines) + "\n---\n\n" + body
    return text.encode("utf-8", "surrogatepass")


source_article = maybe_corrupt(
    source_article_text(), [b"---", b"title: second", b"  indented: x", b"\t\tkey: v", b"..."]
)


# --- PO / POT ---------------------------------------------------------------------------------

HEADERS = [
    "Project-Id-Version: fuzz\nLanguage: be\nMIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);\n",
    "Language: ru\n",
    "",
    "Content-Type: text/plain\nLanguage: be\n",
    "Content-Type: text/plain; charset=CHARSET\n",
    "Content-Type: text/plain; charset=ISO-8859-1\n",
    "Plural-Forms: nplurals=2; plural=n != 1;\nLanguage: en\n",
]


@st.composite
def po_message(draw: st.DrawFn) -> Message:
    """One entry: singular or plural, maybe with context, flags, comments, previous msgid."""
    msgid = draw(text_line)
    msg = Message(msgid=msgid, msgstr=draw(st.one_of(st.just(""), text_line)))
    if draw(st.integers(0, 4)) == 0:
        msg.msgctxt = draw(text_line)
    if draw(st.integers(0, 5)) == 0:
        msg.msgid_plural = msgid + "s"
        msg.msgstr = ""
        msg.msgstr_plural = {i: draw(text_line) for i in range(draw(st.integers(1, 4)))}
    msg.flags = draw(
        st.lists(st.sampled_from(["fuzzy", "no-python-format", "c-format"]), max_size=2)
    )
    msg.extracted_comments = draw(
        st.lists(st.sampled_from(["title", "paragraph", "lead"]), max_size=1)
    )
    msg.references = draw(st.lists(st.sampled_from(["a.md:3", "fuzz-one.md:7"]), max_size=2))
    if draw(st.integers(0, 5)) == 0:
        msg.previous_msgid = draw(text_line)
    msg.obsolete = draw(st.integers(0, 7)) == 0
    return msg


@st.composite
def po_text(draw: st.DrawFn) -> bytes:
    """A PO file as msgcat would write it, from drawn entries (duplicates dropped)."""
    catalog = Catalog(header=Message(msgid="", msgstr=draw(st.sampled_from(HEADERS))))
    seen = set()
    for msg in draw(st.lists(po_message(), max_size=6)):
        if (msg.msgctxt, msg.msgid) not in seen and msg.msgid:
            seen.add((msg.msgctxt, msg.msgid))
            catalog.messages.append(msg)
    return format_po(catalog).encode("utf-8", "surrogatepass")


PO_JUNK = [
    b'msgstr "again"',
    b"msgid",
    b'"unterminated',
    b'#~ msgid "old"',
    b'msgstr[7] "x"',
    b'msgid_plural "p"',
    b'msgctxt "c"',
    b'"\\q bad escape"',
    b'#| msgid "prev"',
    b"\x00",
    b'msgid "dup"\nmsgstr ""',
    b'"\\xff\\xfe"',
    b"#, fuzzy, python-format",
    b"   ",
]
po_file = maybe_corrupt(po_text(), PO_JUNK)

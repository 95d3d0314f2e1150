"""Hypothesis strategies for every input transflow reads: well-formed, then maybe corrupted.

Each strategy draws a well-formed input of its kind first (so that most examples get deep into
the program) and then, for a share of the examples, corrupts it: bytes flipped, lines deleted,
doubled or swapped, junk lines of the format put in, the text cut short, invalid UTF-8.
"""

from __future__ import annotations

from hypothesis import strategies as st

from transflow.catalog import Catalog, Message
from transflow.pofile import format_po

# --- text -------------------------------------------------------------------------------------

WORDS = {
    "be": [
        "сёння",
        "ў",
        "Мінску",
        "адкрылася",
        "новая",
        "бібліятэка",
        "для",
        "дзяцей",
        "і",
        "дарослых",
    ],
    "ru": [
        "сегодня",
        "в",
        "Минске",
        "открылась",
        "новая",
        "библиотека",
        "для",
        "детей",
        "и",
        "взрослых",
    ],
    "en": [
        "today",
        "a",
        "new",
        "library",
        "for",
        "children",
        "and",
        "adults",
        "opened",
        "in",
        "Minsk",
    ],
}
#: characters with a meaning somewhere: Apertium's stream format, Markdown, PO escapes, HTML,
#: YAML, gettext formats, invisible and bidi controls, combining marks, emoji
SPECIALS = list("{}^$/\\@<>[]~*#|_`\"'&%:;-!?.,()«»—…") + [
    "\u200b",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202e",
    "\u202d",
    "\ufeff",
    "\u00ad",
    "\u0301",
    "\u00a0",
    "😀",
    "👨\u200d👩\u200d👧",
    "ў",
    "і",
    "ё",
    "\t",
    "%s",
    "{0}",
    "&amp;",
    "&#0;",
    "\\n",
    "<b>",
    "</b>",
    "<script>alert(1)</script>",
    "**",
    "[x](http://a.by)",
]
#: what no text file should hold; used to corrupt inputs
NASTY = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\r", "\ufffe", "\U0010ffff"]

_common = st.sampled_from([w for ws in WORDS.values() for w in ws])
word = st.one_of(
    _common,
    _common,
    _common,
    st.sampled_from(SPECIALS),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8),
)
text_line = st.lists(word, min_size=1, max_size=12).map(" ".join)
plain_line = st.lists(
    st.sampled_from([w for ws in WORDS.values() for w in ws]), min_size=1, max_size=10
).map(lambda ws: " ".join(ws).capitalize() + ".")


# --- corruption -------------------------------------------------------------------------------


@st.composite
def corrupt_bytes(draw: st.DrawFn, data: bytes, junk_lines: list[bytes] | None = None) -> bytes:
    """`data` damaged in one to three ways typical of broken files."""
    lines = data.split(b"\n")
    for _ in range(draw(st.integers(1, 3))):
        how = draw(
            st.sampled_from(
                ["delete", "double", "swap", "junk", "flip", "cut", "badutf8", "nasty", "crlf"]
            )
        )
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if how == "delete" and len(lines) > 1:
            del lines[i]
        elif how == "double":
            lines.insert(i, lines[i])
        elif how == "swap":
            j = draw(st.integers(0, max(0, len(lines) - 1)))
            lines[i], lines[j] = lines[j], lines[i]
        elif how == "junk":
            extra = draw(st.sampled_from(junk_lines)) if junk_lines else b"\xff\xfe junk"
            lines.insert(i, extra)
        elif how == "flip" and lines[i]:
            k = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:k] + bytes([draw(st.integers(0, 255))]) + lines[i][k + 1 :]
        elif how == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
            del lines[i + 1 :]
        elif how == "badutf8":
            bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80"]))
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + bad + lines[i][k:]
        elif how == "nasty":
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + draw(st.sampled_from(NASTY)).encode() + lines[i][k:]
        elif how == "crlf":
            lines = [line + b"\r" for line in lines]
    return b"\n".join(lines)


@st.composite
def maybe_corrupt(
    draw: st.DrawFn, good: st.SearchStrategy[bytes], junk: list[bytes] | None = None
) -> bytes:
    """A well-formed input, corrupted in about half of the examples."""
    data = draw(good)
    if draw(st.booleans()):
        data = draw(corrupt_bytes(data, junk))
    return data


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


# --- translation memory and glossary ----------------------------------------------------------


@st.composite
def tmx_text(draw: st.DrawFn) -> bytes:
    """A TMX 1.4 document with a few units, inline tags and odd language codes."""
    units = []
    for _ in range(draw(st.integers(0, 4))):
        tuvs = []
        for lang in draw(
            st.lists(st.sampled_from(["be", "ru", "en", "bel", "ru-RU", "", "xx"]), max_size=3)
        ):
            seg = draw(
                st.sampled_from(
                    [
                        "Мінск",
                        "Минск &amp; Брест",
                        "<bpt i='1'>&lt;b&gt;</bpt>x<ept i='1'>&lt;/b&gt;</ept>",
                        "<ph>{1}</ph> text",
                        "plain",
                        "",
                        "<seg>nested</seg>",
                        "&#1;",
                        "&unknown;",
                    ]
                )
            )
            tuvs.append(f'<tuv xml:lang="{lang}"><seg>{seg}</seg></tuv>')
        units.append("<tu>" + "".join(tuvs) + "</tu>")
    head = draw(
        st.sampled_from(
            [
                '<header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" '
                'o-tmf="x" creationtool="t" creationtoolversion="1"/>',
                "<header/>",
                "",
            ]
        )
    )
    prolog = draw(
        st.sampled_from(
            [
                '<?xml version="1.0" encoding="UTF-8"?>\n',
                "",
                '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY e "x">]>\n',
                '<?xml version="1.0" encoding="ISO-8859-1"?>\n',
            ]
        )
    )
    body = "\n".join(units)
    return f'{prolog}<tmx version="1.4">\n{head}\n<body>\n{body}\n</body>\n</tmx>\n'.encode()


tmx_file = maybe_corrupt(tmx_text(), [b"<tu>", b"</body>", b"<tuv><seg>x</seg></tuv>", b"&"])


@st.composite
def glossary_csv(draw: st.DrawFn) -> bytes:
    """A term base as CSV: header en,ru,be,note (sometimes other) and rows with odd cells."""
    header = draw(st.sampled_from(["en,ru,be,note", "en,ru,be", "ru,be", "term,x", "", "en;ru;be"]))
    cells = st.sampled_from(
        ["Minsk", "Минск", "Мінск", '"Brest, city"', '"a ""q"" b"', "", "|", "a|b", "Ў", "x y"]
    )
    rows = [
        ",".join(draw(st.lists(cells, min_size=1, max_size=5)))
        for _ in range(draw(st.integers(0, 5)))
    ]
    return ("\n".join([header, *rows]) + "\n").encode()


@st.composite
def glossary_tbx(draw: st.DrawFn) -> bytes:
    """A term base as TBX: termEntry/langSet/tig/term, with missing or odd parts."""
    entries = []
    for _ in range(draw(st.integers(0, 3))):
        sets = []
        for lang in draw(st.lists(st.sampled_from(["en", "ru", "be", "", "x"]), max_size=3)):
            term = draw(st.sampled_from(["Minsk", "Мінск", "", "<b>x</b>", "&amp;"]))
            holder = draw(st.sampled_from(["tig", "ntig", "termGrp"]))
            attr = f' xml:lang="{lang}"' if lang else ""
            sets.append(f"<langSet{attr}><{holder}><term>{term}</term></{holder}></langSet>")
        entries.append("<termEntry>" + "".join(sets) + "</termEntry>")
    root = draw(st.sampled_from(["martif", "tbx", "other"]))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{root}><text><body>'
        + "".join(entries)
        + f"</body></text></{root}>\n"
    ).encode()


csv_file = maybe_corrupt(glossary_csv(), [b'"open quote', b",,,,,,", b"\x00"])
tbx_file = maybe_corrupt(glossary_tbx(), [b"<term>", b"</langSet>", b"<!DOCTYPE x>"])


# --- transflow.toml ---------------------------------------------------------------------------


@st.composite
def toml_text(draw: st.DrawFn) -> bytes:
    """A configuration: valid in about half the examples, else odd languages, chains, engines."""
    if draw(st.booleans()):
        langs = draw(st.sampled_from(['["be", "ru", "en"]', '["ru", "be"]', '["en", "ru"]']))
        threshold = draw(st.integers(0, 100))
        lacinka = draw(st.sampled_from(["true", "false"]))
        return (
            f'[project]\nlanguages = {langs}\n\n[chains]\n"ru-be" = ["memory", "fake"]\n'
            '"en-ru" = ["fake"]\n\n[engines.memory]\ntype = "memory"\n\n'
            f'[engines.fake]\ntype = "fake"\n\n[publish]\nthreshold = {threshold}\n'
            f"lacinka = {lacinka}\n"
        ).encode()
    langs = draw(
        st.sampled_from(
            [
                '["be", "ru", "en"]',
                '["ru", "be"]',
                '["be", "xx"]',
                "[]",
                '"be"',
                '["be", "be"]',
                "[1, 2]",
            ]
        )
    )
    chains = draw(
        st.lists(
            st.sampled_from(
                [
                    '"ru-be" = ["memory", "fake"]',
                    '"be-ru" = ["fake"]',
                    '"en-be" = []',
                    '"xx-be" = ["fake"]',
                    '"ru-be" = ["nosuch"]',
                    '"ru_be" = ["fake"]',
                    '"be-ru" = "fake"',
                ]
            ),
            max_size=3,
            unique=True,
        )
    )
    engines = draw(
        st.lists(
            st.sampled_from(
                [
                    '[engines.fake]\ntype = "fake"',
                    '[engines.memory]\ntype = "memory"',
                    '[engines.odd]\ntype = "nosuch"',
                    '[engines.g]\ntype = "google"\ntimeout = -1',
                    "[engines.x]\ntype = 5",
                ]
            ),
            max_size=3,
            unique=True,
        )
    )
    publish = draw(
        st.sampled_from(
            [
                "threshold = 100",
                "threshold = 150",
                'threshold = "all"',
                "threshold = -1",
                "lacinka = true",
                "unknown = 1",
                "",
            ]
        )
    )
    extra = draw(
        st.sampled_from(
            [
                "",
                "[translate]\nrequire_complete = 1",
                "[mystery]\nx = 1",
                'glossary = "../../etc/passwd"',
            ]
        )
    )
    text = (
        f"[project]\nlanguages = {langs}\n\n[chains]\n"
        + "\n".join(chains)
        + "\n\n"
        + "\n\n".join(engines)
        + f"\n\n[publish]\n{publish}\n\n{extra}\n"
    )
    return text.encode()


toml_file = maybe_corrupt(toml_text(), [b"[project", b"languages = [", b'x = "open', b"= 1"])


# --- standard input of mt and detect ----------------------------------------------------------

stdin_text = st.lists(st.one_of(text_line, plain_line, st.just("")), max_size=6).map(
    lambda lines: ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
)
stdin_bytes = st.one_of(stdin_text, st.binary(max_size=300), maybe_corrupt(stdin_text))


# --- imported pages ---------------------------------------------------------------------------


@st.composite
def html_page(draw: st.DrawFn) -> bytes:
    """An article page: h1 (maybe with script), date, caption, paragraphs, page furniture."""
    lang = draw(st.sampled_from(["ru", "be", "en", "", "xx"]))
    title = (
        "Гродно: "
        + draw(plain_line)
        + draw(
            st.sampled_from(
                ["", " <script>alert(1)</script>", "<style>p{}</style>", " <b>bold</b>"]
            )
        )
    )
    date = draw(
        st.sampled_from(
            [
                "<p>12 марта 2021</p>",
                "<time>2021-03-12</time>",
                '<meta property="article:published_time" content="2021-03-12">',
                "",
                "<p>31 февраля 2021</p>",
            ]
        )
    )
    paras = "".join(
        f"<p>{draw(st.one_of(plain_line, text_line))}</p>" for _ in range(draw(st.integers(0, 4)))
    )
    caption = draw(
        st.sampled_from(
            [
                "",
                "<figcaption>Фото БЕЛТА</figcaption>",
                '<div class="caption">Photo by X<script>x</script></div>',
            ]
        )
    )
    attr = f' lang="{lang}"' if lang else ""
    page = (
        f"<!DOCTYPE html>\n<html{attr}><head><title>{title}</title></head><body><nav>Menu</nav>"
        f"<article>{date}<h1>{title}</h1>{caption}{paras}</article></body></html>\n"
    )
    return page.encode("utf-8", "surrogatepass")


@st.composite
def portal_text(draw: st.DrawFn) -> bytes:
    """A page saved as text in the portal's layout, parts missing or repeated at random."""
    title = "Гродно: " + draw(plain_line)
    parts = [
        "Official Website of the Republic of Belarus",
        "Economy",
        "| Home | Economy | News",
        "News",
        draw(st.sampled_from(["14 Apr 2021", "14 April 2021", "2021-04-14", "99 Foo"])),
        title,
        *([title] if draw(st.booleans()) else []),  # some pages print the title twice
        "MINSK, 14 April (BelTA) – " + draw(st.one_of(plain_line, text_line)),
        draw(text_line),
        "Archive",
        "Su Mo Tu We Th Fr Sa",
    ]
    parts = draw(st.lists(st.sampled_from(parts), max_size=12)) if draw(st.booleans()) else parts
    return "\n\n".join(parts).encode("utf-8", "surrogatepass")


import_page = st.one_of(
    maybe_corrupt(html_page(), [b"<h1>", b"</html>", b"<script>", b"<!--"]),
    maybe_corrupt(portal_text()),
)


# --- serve requests ---------------------------------------------------------------------------

_SEGMENTS = [
    "en",
    "be",
    "ru",
    "be-Latn",
    "articles",
    "river-port.html",
    "river-port.json",
    "index.html",
    "feed.atom",
    "manifest.json",
    "..",
    ".",
    "%2e%2e",
    "%2F",
    "%00",
    "%ff",
    "a" * 300,
    "a" * 300 + ".html",
    "b" * 5000,
    "river-port",
    "x.html",
    "%E2%80%AE",
    "~",
    ";",
    "\\",
]
_built_path = st.lists(
    st.one_of(st.sampled_from(_SEGMENTS), st.text("abcxyz019-._~%", max_size=12)),
    min_size=0,
    max_size=5,
).map(lambda parts: "/" + "/".join(parts))
_KNOWN = [
    "/ru/river-port.html",
    "/be/river-port.json",
    "/articles/river-port",
    "/manifest.json",
    "/be/index.html",
    "/en/feed.atom",
    "/be-Latn/river-port.html",
]
request_path = st.one_of(st.sampled_from(_KNOWN), _built_path)
_HEADER_VALUES = st.one_of(
    st.sampled_from(
        [
            "be",
            "ru;q=0.5, en",
            "*",
            "be-Latn",
            "xx;q=abc",
            ";;;",
            "en;q=2",
            '"x"',
            "*, be;q=0",
            'W/"abc"',
            "Thu, 01 Jan 1970 00:00:00 GMT",
            "not a date",
            "bytes=0-10",
            "a" * 4000,
        ]
    ),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
)
request_headers = st.dictionaries(
    st.sampled_from(
        [
            "Accept-Language",
            "If-None-Match",
            "If-Modified-Since",
            "Range",
            "Accept",
            "Host",
            "Accept-Encoding",
        ]
    ),
    _HEADER_VALUES,
    max_size=4,
)
request_method = st.sampled_from(["GET", "GET", "GET", "HEAD", "POST", "OPTIONS"])

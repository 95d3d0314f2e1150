"""Strategies for the exchange files: TMX memories, glossaries (CSV, TBX), transflow.toml."""

from __future__ import annotations

from hypothesis import strategies as st

from .gen_text import maybe_corrupt

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
            '[engines.fake]\ntype = "tests.mt.fake:FakeEngine"\n\n'
            f"[publish]\nthreshold = {threshold}\n"
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
                    '[engines.fake]\ntype = "tests.mt.fake:FakeEngine"',
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

"""Strategies for text (words, characters with a meaning somewhere) and for corrupting files.

Each file strategy of tests/fuzz draws a well-formed input of its kind first (so that most examples
get deep into the program) and then, for a share of the examples, corrupts it: bytes flipped, lines
deleted, doubled or swapped, junk lines of the format put in, the text cut short, invalid UTF-8.
"""

from __future__ import annotations

from hypothesis import strategies as st

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

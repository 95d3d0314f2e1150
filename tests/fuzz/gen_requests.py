"""Strategies for what arrives from outside: mt/detect input, pages to import, HTTP requests."""

from __future__ import annotations

from hypothesis import strategies as st

from .gen_text import maybe_corrupt, plain_line, text_line

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

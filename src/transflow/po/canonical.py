"""msgcat's canonical spelling of flags and references, shared by the PO parser and writer."""

from __future__ import annotations

import re

#: gettext 0.21's format languages, in the order msgcat writes their flags.
FORMAT_LANGUAGES = [
    "c",
    "objc",
    "python",
    "python-brace",
    "java",
    "java-printf",
    "csharp",
    "javascript",
    "scheme",
    "lisp",
    "elisp",
    "librep",
    "ruby",
    "sh",
    "awk",
    "lua",
    "object-pascal",
    "smalltalk",
    "qt",
    "qt-plural",
    "kde",
    "kde-kuit",
    "boost",
    "tcl",
    "perl",
    "perl-brace",
    "php",
    "gcc-internal",
    "gfc-internal",
    "ycp",
]
_FORMAT_INDEX = {lang: i for i, lang in enumerate(FORMAT_LANGUAGES)}
_RANGE_RE = re.compile(r"range:\s*(\d+)\.\.(\d+)")


def normalize_flags(flags: list[str] | tuple[str, ...]) -> list[str]:
    """Flags in msgcat's canonical order and spelling; unknown flags are dropped."""
    fuzzy = False
    formats: dict[str, str] = {}
    rng = ""
    wrap: bool | None = None
    for raw in flags:
        flag = raw.strip()
        if flag == "fuzzy":
            fuzzy = True
        elif flag in ("wrap", "no-wrap"):
            wrap = flag == "wrap"
        elif (m := _RANGE_RE.fullmatch(flag)) is not None:
            rng = f"range: {int(m.group(1))}..{int(m.group(2))}"
        elif flag.endswith("-format"):
            name = flag[: -len("-format")]
            for prefix, state in (("no-", "no"), ("possible-", "yes"), ("impossible-", "")):
                if name.startswith(prefix) and name[len(prefix) :] in _FORMAT_INDEX:
                    formats[name[len(prefix) :]] = state
                    break
            else:
                if name in _FORMAT_INDEX:
                    formats[name] = "yes"
    out = ["fuzzy"] if fuzzy else []
    for lang in sorted(formats, key=_FORMAT_INDEX.__getitem__):
        if formats[lang]:
            out.append(f"{lang}-format" if formats[lang] == "yes" else f"no-{lang}-format")
    if rng:
        out.append(rng)
    if wrap is False:
        out.append("no-wrap")
    return out


def split_flag_line(text: str) -> list[str]:
    """Split the text after '#,' into flags (comma separated; "range: a..b" is one flag)."""
    return [part.strip() for part in text.split(",") if part.strip()]


_REF_LINE_RE = re.compile(r"^(.*):(\d+)$")


def normalize_reference(ref: str) -> str:
    """A reference as msgcat writes it: leading './' removed, line number without zeros."""
    while ref.startswith("./"):
        ref = ref[2:]
    m = _REF_LINE_RE.match(ref)
    if m and m.group(1):
        return f"{m.group(1)}:{int(m.group(2))}"
    return ref

"""Wrap PO strings into lines exactly as GNU gettext 0.21 does (libunistring 1.0 line breaking).

gettext escapes each '\\n'-terminated portion of a string, finds the Unicode line-break
opportunities of the escaped text (UAX #14 as implemented by libunistring), forbids breaks
inside escape sequences and before a final '\\n', and fills lines greedily up to the page width.
The tables come from `transflow._unidata` (generated from libunistring itself).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from transflow import _unidata

# Line-break classes: values below 33 index the pair table; the others are resolved at run time.
WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO, PR, SY = range(20)
AL, H2, H3, ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM = range(20, 33)
BK, CR, LF, CM, ZW, SP, CB, AI, SA, XX = range(33, 43)
HL_BA = 100

_D, _I, _P = "D", "I", "P"
_TABLE = _unidata.PAIR_TABLE
_BREAK_ANY = {(a, b) for a in range(33) for b in range(33) if _TABLE[a][b] != _P}
_BREAK_DIRECT = {(a, b) for a in range(33) for b in range(33) if _TABLE[a][b] == _D}


def _ranges(chunks: tuple[str, ...]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    values: list[int] = []
    for token in "".join(chunks).split():
        start, value = token.split(":")
        starts.append(int(start, 16))
        values.append(int(value))
    return starts, values


_LB_STARTS, _LB_VALUES = _ranges(_unidata.LINEBREAK_RANGES)
_W_STARTS, _W_VALUES = _ranges(_unidata.WIDTH_RANGES)
_RESOLVE = {AI: AL, CB: ID1, SA: AL, XX: AL}


def line_break_class(ch: str) -> int:
    """The resolved libunistring line-break class of one character (AI, CB, SA, XX resolved)."""
    value = _LB_VALUES[bisect_right(_LB_STARTS, ord(ch)) - 1]
    return _RESOLVE.get(value, value)


def char_width(ch: str) -> int:
    """Display columns of one character as libunistring's uc_width counts them (controls: 0)."""
    return max(0, _W_VALUES[bisect_right(_W_STARTS, ord(ch)) - 1])


class _ClassMap(dict):
    """str.translate table: character -> one-character class code, filled on demand."""

    def __missing__(self, code: int) -> str:
        value = chr(0x41 + line_break_class(chr(code)))
        self[code] = value
        return value


_CLASS_MAP = _ClassMap()
_SPECIAL = {CM, ZWJ, ZW, RI, HL, BK, CR, LF}
_SPECIAL_RE = re.compile("[" + "".join(re.escape(chr(0x41 + c)) for c in _SPECIAL) + "]")


def _quiet_classes() -> set[int]:
    """A set of common classes with no direct break between any two of them (AL, NU, ...)."""
    quiet: set[int] = set()
    for cls in (AL, NU, QU, GL, WJ, IS, CL, CP1, EX, SY, PO, PR):
        trial = quiet | {cls}
        if all((a, b) not in _BREAK_DIRECT for a in trial for b in trial):
            quiet = trial
    return quiet


_QUIET = _quiet_classes()
_LOUD_RE = re.compile("[^" + "".join(re.escape(chr(0x41 + c)) for c in sorted(_QUIET | {SP})) + "]")
_SPACES_RE = re.compile(re.escape(chr(0x41 + SP)) + "+")
_WIDE_RE = re.compile(
    "["
    + "".join(
        f"\\U{start:08x}-\\U{(_W_STARTS[i + 1] - 1 if i + 1 < len(_W_STARTS) else 0x10FFFF):08x}"
        for i, (start, value) in enumerate(zip(_W_STARTS, _W_VALUES, strict=True))
        if value != 1
    )
    + "]"
)


def possible_breaks_slow(classes: list[int]) -> list[int]:
    """Break opportunities per code point: 0 prohibited, 1 possible, 2 mandatory (full rules)."""
    out = [0] * len(classes)
    prev_prop = BK
    last_prop = BK
    seen_space = False
    ri_count = 0
    for i, prop in enumerate(classes):
        if prop in (BK, LF, CR):
            out[i] = 2
            prev_prop = prop
            last_prop = BK
            seen_space = False
        else:
            if prop == SP:
                seen_space = True
            elif prop == ZW:
                last_prop = ZW
                seen_space = False
            elif prop in (CM, ZWJ):
                if last_prop == BK:
                    last_prop = AL
                    seen_space = False
                elif last_prop == ZW or seen_space:
                    out[i] = 1
                    last_prop = AL
                    seen_space = False
            else:
                if last_prop == BK:
                    pass
                elif last_prop == ZW:
                    out[i] = 1
                elif prev_prop == ZWJ:
                    pass
                elif last_prop == RI and prop == RI:
                    out[i] = 1 if seen_space or ri_count % 2 == 0 else 0
                elif prev_prop == HL_BA:
                    pass
                else:
                    verdict = _TABLE[last_prop][prop]
                    if verdict == _D or (verdict == _I and seen_space):
                        out[i] = 1
                last_prop = prop
                seen_space = False
            prev_prop = HL_BA if prev_prop == HL and prop in (HY, BA) else prop
        ri_count = ri_count + 1 if prop == RI else 0
    return out


def _possible_breaks_fast(codes: str) -> list[int]:
    """Sorted break positions for class codes without special classes (pair table only)."""
    sp = chr(0x41 + SP)
    found: set[int] = set()
    for m in _SPACES_RE.finditer(codes):
        start, end = m.span()
        if start == 0 or end == len(codes):
            continue
        if (ord(codes[start - 1]) - 0x41, ord(codes[end]) - 0x41) in _BREAK_ANY:
            found.add(end)
    n = len(codes)
    for m in _LOUD_RE.finditer(codes):
        i = m.start()
        for pos in (i, i + 1):
            if not (0 < pos < n) or codes[pos - 1] == sp or codes[pos] == sp:
                continue
            if (ord(codes[pos - 1]) - 0x41, ord(codes[pos]) - 0x41) in _BREAK_DIRECT:
                found.add(pos)
    return sorted(found)


def width_breaks(text: str, width: int, start_column: int, prohibited: set[int]) -> list[int]:
    """Positions (code point indexes) where gettext starts a new line in `text`."""
    codes = text.translate(_CLASS_MAP)
    uniform = _WIDE_RE.search(text) is None
    if uniform and _SPECIAL_RE.search(codes) is None:
        if start_column + len(text) <= width:
            return []
        breaks: list[int] = []
        last_p = -1
        last_column = start_column
        piece_start = 0
        for pos in _possible_breaks_fast(codes):
            if pos in prohibited:
                continue
            if last_p >= 0 and last_column + pos - piece_start > width:
                breaks.append(last_p)
                last_column = 0
            last_p = pos
            last_column += pos - piece_start
            piece_start = pos
        if last_p >= 0 and last_column + len(text) - piece_start > width:
            breaks.append(last_p)
        return breaks
    return _width_breaks_slow(text, codes, width, start_column, prohibited)


def _width_breaks_slow(
    text: str, codes: str, width: int, start_column: int, prohibited: set[int]
) -> list[int]:
    """The general greedy fill of libunistring's u8_width_linebreaks, one character at a time."""
    marks = possible_breaks_slow([ord(c) - 0x41 for c in codes])
    breaks: list[int] = []
    last_p = -1
    last_column = start_column
    piece_width = 0
    for i, ch in enumerate(text):
        mark = 0 if i in prohibited else marks[i]
        if mark and last_p >= 0 and last_column + piece_width > width:
            breaks.append(last_p)
            last_column = 0
        if mark == 2:
            last_p = -1
            last_column = 0
            piece_width = 0
        else:
            if mark == 1:
                last_p = i
                last_column += piece_width
                piece_width = 0
            piece_width += char_width(ch)
    if last_p >= 0 and last_column + piece_width > width:
        breaks.append(last_p)
    return sorted(set(breaks))


_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_ESCAPE_RE = re.compile('[\a\b\f\n\r\t\v\\\\"]')
_PORTION_RE = re.compile(r"[^\n]*\n|[^\n]+")


def _escape(portion: str) -> tuple[str, set[int]]:
    """Escape a portion as gettext does; also return the indexes where breaks are forbidden."""
    if _ESCAPE_RE.search(portion) is None:
        return portion, set()
    out: list[str] = []
    prohibited: set[int] = set()
    pos = 0
    for ch in portion:
        if ch in _ESCAPES or ch in '\\"':
            out.append("\\")
            out.append(_ESCAPES.get(ch, ch))
            prohibited.add(pos + 1)
            pos += 2
        else:
            out.append(ch)
            pos += 1
    if portion.endswith("\n"):
        prohibited.add(pos - 2)
    return "".join(out), prohibited


def wrap_field(
    name: str, value: str, prefix: str = "", page_width: int = 79, do_wrap: bool = True
) -> list[str]:
    """The lines gettext writes for `name "value"` (e.g. msgid), with `prefix` such as "#~ "."""
    after_break = len(prefix) + 1
    width = (page_width if do_wrap else 1 << 30) - 1 - after_break
    portions = _PORTION_RE.findall(value) or [""]
    lines: list[str] = []
    first_line = True
    for index, portion in enumerate(portions):
        text, prohibited = _escape(portion)
        more = index + 1 < len(portions)
        while True:
            if first_line:
                startcol = len(prefix) + len(name) + 1 + 1 - after_break
            else:
                startcol = len(prefix) + 1 - after_break
            breaks = width_breaks(text, width, startcol, prohibited)
            if first_line and text and (more or startcol > width or breaks):
                lines.append(f'{prefix}{name} ""')
                first_line = False
                continue
            break
        head = f"{prefix}{name} " if first_line else prefix
        first_line = False
        cut = 0
        for pos in breaks:
            lines.append(f'{head}"{text[cut:pos]}"')
            head = prefix
            cut = pos
        lines.append(f'{head}"{text[cut:]}"')
    return lines

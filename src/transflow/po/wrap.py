"""Wrap PO strings into lines exactly as GNU gettext 0.21 does (libunistring 1.0 line breaking).

gettext escapes each '\\n'-terminated portion of a string, finds the Unicode line-break
opportunities of the escaped text (UAX #14 as implemented by libunistring), forbids breaks
inside escape sequences and before a final '\\n', and fills lines greedily up to the page width.
The tables come from `transflow.po._unidata` (generated from libunistring itself).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from transflow.po import _unidata

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
    """Character -> resolved line-break class, filled on demand."""

    def __missing__(self, ch: str) -> int:
        value = line_break_class(ch)
        self[ch] = value
        return value


_CLASS_OF = _ClassMap().__getitem__
_SPECIAL = {CM, ZWJ, ZW, RI, HL, BK, CR, LF}


def _unsafe_regex() -> re.Pattern[str]:
    """Matches any character the fast path cannot handle: not one column wide, or a class with
    rules beyond the pair table. Only BMP ranges are listed, so `re` uses an O(1) charset."""
    cuts = sorted({c for c in _LB_STARTS + _W_STARTS if 0x20 <= c < 0x10000} | {0x20, 0x10000})
    ranges: list[tuple[int, int]] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        if 0xD800 <= lo < 0xE000 or _raw_width(lo) != 1 or line_break_class(chr(lo)) in _SPECIAL:
            continue
        if ranges and ranges[-1][1] == lo - 1:
            ranges[-1] = (ranges[-1][0], hi - 1)
        else:
            ranges.append((lo, hi - 1))
    body = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[^{body}]")


def _raw_width(code: int) -> int:
    """uc_width of a code point as libunistring returns it (-1 for control characters)."""
    return _W_VALUES[bisect_right(_W_STARTS, code) - 1]


_UNSAFE_RE = _unsafe_regex()


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


def _opportunity(text: str, i: int) -> bool:
    """Whether a line may break before text[i] (fast path: pair table rules only)."""
    cls = _CLASS_OF(text[i])
    if cls == SP:
        return False
    prev = _CLASS_OF(text[i - 1])
    if prev != SP:
        return (prev, cls) in _BREAK_DIRECT
    k = i - 2
    while k >= 0 and _CLASS_OF(text[k]) == SP:
        k -= 1
    return k >= 0 and (_CLASS_OF(text[k]), cls) in _BREAK_ANY


def width_breaks(text: str, width: int, start_column: int, prohibited: set[int]) -> list[int]:
    """Positions (code point indexes) where gettext starts a new line in `text`."""
    n = len(text)
    if _UNSAFE_RE.search(text) is not None:
        return _width_breaks_slow(text, width, start_column, prohibited)
    # Every character is one column wide: a line starting at b holds text[b:b + room]; break at
    # the last opportunity that fits, else at the first one after (libunistring's greedy fill).
    breaks: list[int] = []
    b = 0
    offset = start_column
    while n - b + offset > width:
        limit = b + width - offset
        found = -1
        for i in range(min(limit, n - 1), b, -1):
            if i not in prohibited and _opportunity(text, i):
                found = i
                break
        if found < 0:
            for i in range(max(limit + 1, b + 1), n):
                if i not in prohibited and _opportunity(text, i):
                    found = i
                    break
            if found < 0:
                break
        breaks.append(found)
        b = found
        offset = 0
    return breaks


def _width_breaks_slow(text: str, width: int, start_column: int, prohibited: set[int]) -> list[int]:
    """The general greedy fill of libunistring's u8_width_linebreaks, one character at a time."""
    marks = possible_breaks_slow([_CLASS_OF(c) for c in text])
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

"""Regenerate src/transflow/_unidata.py from the system libunistring (dev tool, not shipped).

Reads libunistring's line-breaking property table and asks uc_width() for every code point,
then writes both as compact range lists. Run: python tests/data/po/gen_unidata.py
"""

from __future__ import annotations

import ctypes
import struct
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[3] / "src" / "transflow" / "_unidata.py"


def main() -> None:
    """Extract the tables and write the module."""
    lib = ctypes.CDLL("libunistring.so.2")
    base = ctypes.addressof(ctypes.c_char.in_dll(lib, "libunistring_unilbrkprop"))
    level1 = struct.unpack("15i", ctypes.string_at(base, 60))
    nblocks = len({v for v in level1 if v >= 0})
    level2 = struct.unpack(f"{nblocks * 512}i", ctypes.string_at(base + 60, nblocks * 2048))
    n3 = max(level2) + 128
    level3 = ctypes.string_at(base + 60 + nblocks * 2048, n3)
    table = ctypes.string_at(
        ctypes.addressof(ctypes.c_char.in_dll(lib, "libunistring_unilbrk_table")), 33 * 33
    )
    lib.uc_width.restype = ctypes.c_int
    lib.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]

    def prop(uc: int) -> int:
        i1 = uc >> 16
        if i1 < 15 and level1[i1] >= 0:
            l2 = level2[level1[i1] + ((uc >> 7) & 511)]
            if l2 >= 0:
                return level3[l2 + (uc & 127)]
        return 42  # LBP_XX

    def ranges(func) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        last = None
        for uc in range(0x110000):
            v = func(uc)
            if v != last:
                out.append((uc, v))
                last = v
        return out

    lb = ranges(prop)
    wd = ranges(lambda uc: lib.uc_width(uc, b"UTF-8"))

    def dump(name: str, items: list[tuple[int, int]]) -> list[str]:
        flat = " ".join(f"{s:x}:{v}" for s, v in items)
        lines = [f"{name} = ("]
        chunk = ""
        for tok in flat.split(" "):
            if len(chunk) + len(tok) + 1 > 88:
                lines.append(f'    "{chunk}"')
                chunk = ""
            chunk += tok + " "
        lines.append(f'    "{chunk}"')
        lines.append(")")
        return lines

    rows = ["".join("?DIP"[b] for b in table[r * 33 : (r + 1) * 33]) for r in range(33)]
    text = [
        '"""Unicode tables for PO line wrapping, generated from libunistring 1.0 (gettext\'s).',
        "",
        "Do not edit: regenerate with tests/data/po/gen_unidata.py. Line-break property and",
        'display width per code point, as "start:value" ranges (hex start)."""',
        "",
        "# fmt: off",
        *dump("LINEBREAK_RANGES", lb),
        "",
        *dump("WIDTH_RANGES", wd),
        "",
        "#: Pair table (row: class before, column: class after): D direct, I indirect, P never.",
        "PAIR_TABLE = (",
        *[f'    "{r}",' for r in rows],
        ")",
        "# fmt: on",
        "",
    ]
    OUT.write_text("\n".join(text), encoding="utf-8")
    sys.stdout.write(f"{OUT}: {len(lb)} line-break ranges, {len(wd)} width ranges\n")


if __name__ == "__main__":
    main()

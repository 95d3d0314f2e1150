"""Benchmark: QA-check 1,000 catalogs of 30 entries (built from the clean test catalogs).

Run: PYTHONPATH=src .venv/bin/python bench/qa_speed.py [--catalogs N] [--entries M] [--jobs J]
Prints the number of catalogs/entries/findings, the wall seconds taken (target: <= 10 s) and
the CPU seconds (this process and its workers; the honest figure on a busy machine).
Exits 1 when the run takes longer than the target.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from transflow.po.catalog import Catalog, Message
from transflow.po.pofile import format_po, read_po
from transflow.qa.runner import check_files

TARGET_SECONDS = 10.0
CLEAN = Path(__file__).resolve().parent.parent / "tests" / "data" / "qa" / "clean"
_TAIL = re.compile(r"([.!?…:»”]*)$")


def _variant(text: str, k: int) -> str:
    """The text made unique (no cache can help) without changing what the checks see."""
    m = _TAIL.search(text)
    cut = m.start() if m else len(text)
    return f"{text[:cut]} ({k}){text[cut:]}"


def build(root: Path, catalogs: int, entries: int) -> list[Path]:
    """Write `catalogs` PO files of `entries` entries under root/locales/<lang>/LC_MESSAGES."""
    pool = [(read_po(p), p) for p in sorted(CLEAN.glob("*.po"))]
    paths = []
    serial = 0
    for i in range(catalogs):
        source, _ = pool[i % len(pool)]
        msgs = [m for m in source.messages if m.msgid and not m.obsolete]
        out = Catalog(header=Message("", source.header.msgstr))
        for j in range(entries):
            m = msgs[(i + j) % len(msgs)]
            serial += 1
            out.messages.append(
                Message(
                    _variant(m.msgid, serial),
                    _variant(m.msgstr, serial),
                    translator_comments=list(m.translator_comments),
                )
            )
        lang = re.search(r"^Language: (\S+)", source.header.msgstr, re.M).group(1)
        path = root / "locales" / lang / "LC_MESSAGES" / f"article-{i:04d}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(format_po(out), encoding="utf-8")
        paths.append(path)
    return paths


def _cpu() -> float:
    """CPU seconds used by this process and its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Build the corpus in a temp folder, check it, print the timing."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--catalogs", type=int, default=1000)
    ap.add_argument("--entries", type=int, default=30)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: auto)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        paths = build(Path(tmp), args.catalogs, args.entries)
        start, cpu = time.perf_counter(), _cpu()
        result = check_files(paths, jobs=args.jobs)
        elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
    n = args.catalogs * args.entries
    print(
        f"checked {len(result.files)} catalogs, {n} entries in {elapsed:.2f} s wall, "
        f"{cpu:.2f} s CPU ({1e6 * elapsed / n:.0f} µs/entry wall); "
        f"{result.errors} errors, {result.warnings} warnings"
    )
    if args.catalogs >= 1000 and elapsed > TARGET_SECONDS * args.catalogs / 1000:
        print(f"MISSED: target {TARGET_SECONDS:.0f} s per 1,000 catalogs")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

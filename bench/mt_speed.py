"""Wall time of the Apertium engine against one raw Apertium stream on 200 generated articles.

Direction: ru->be (the corpus is Russian), through the fixed rus-bel pipeline in both cases, since
the shipped rus-bel mode crashes: the raw stream is `apertium -d <dir> rus-bel` on a mode file
that holds the same fix. The cost of one Apertium process per segment is measured on a sample and
extrapolated.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import article, segments  # noqa: E402

from transflow.mt.apertium import ApertiumEngine, find_mode, parse_mode  # noqa: E402


def fixed_mode_dir(tmp: Path) -> Path:
    """A folder with modes/rus-bel.mode holding the tagger fix, for `apertium -d`."""
    stages = parse_mode(find_mode("rus-bel").read_text(encoding="utf-8"), fix_tagger=True)
    line = " | ".join(shlex.join([a for a in s if a != "-z"]) for s in stages)
    (tmp / "modes").mkdir(parents=True, exist_ok=True)
    (tmp / "modes" / "rus-bel.mode").write_text(line + "\n", encoding="utf-8")
    return tmp


def main() -> None:
    """Print engine time, raw stream time, their ratio and the per-process extrapolation."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=200, help="articles")
    ap.add_argument("--sample", type=int, default=30, help="segments for the per-process run")
    args = ap.parse_args()
    segs = [s for i in range(args.n) for s in segments(article(i))]
    words = sum(len(s.split()) for s in segs)
    print(f"{args.n} articles, {len(segs)} segments, {words} words (ru->be)")
    with tempfile.TemporaryDirectory() as tmp:
        mode_dir = fixed_mode_dir(Path(tmp))
        cmd = ["apertium", "-d", str(mode_dir), "rus-bel"]
        stream = "\n\n".join(segs) + "\n"
        t0 = time.perf_counter()
        raw = subprocess.run(cmd, input=stream, capture_output=True, text=True, check=True)
        t_raw = time.perf_counter() - t0
        eng = ApertiumEngine()
        t0 = time.perf_counter()
        out = eng.translate_batch(segs, "ru", "be")
        t_eng = time.perf_counter() - t0
        eng.close()
        assert len(out) == len(segs) and all(o is not None for o in out)
        sample = segs[: args.sample]
        t0 = time.perf_counter()
        for s in sample:
            subprocess.run(cmd, input=s, capture_output=True, text=True, check=True)
        t_one = (time.perf_counter() - t0) / len(sample)
    print(f"raw apertium, one stream : {t_raw:7.2f} s ({len(raw.stdout)} chars out)")
    print(f"transflow engine         : {t_eng:7.2f} s (start included, rules included)")
    print(f"ratio engine / raw       : {t_eng / t_raw:7.2f}x")
    print(
        f"one process per segment  : {t_one * 1000:7.1f} ms/segment on {len(sample)} -> "
        f"{t_one * len(segs):.1f} s for all {len(segs)} (extrapolated)"
    )


if __name__ == "__main__":
    main()

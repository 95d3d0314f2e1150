"""`make bench`: run every benchmark script of bench/ in turn and report which missed a target."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: in the order they run; each prints its figures with their targets and exits 1 on a miss
BENCHES = [
    "langid_eval.py",
    "mt_quality.py",
    "mt_speed.py",
    "tm_speed.py",
    "mt_http.py",
    "mt_openai.py",
    "qa_speed.py",
    "spellers_compare.py",
    "render_speed.py",
    "pipeline.py",
    "archive_scale.py --ci",
]


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all by default); exit 1 when any missed its target."""
    names = argv or BENCHES
    missed = []
    for name in names:
        script, *args = name.split()
        path = HERE / script
        if not path.exists():
            print(f"== {name}: not present, skipped")
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        code = subprocess.run([sys.executable, str(path), *args], cwd=HERE.parent).returncode
        print(f"== {name}: exit {code} in {time.perf_counter() - started:.1f} s\n", flush=True)
        if code != 0:
            missed.append(name)
    if missed:
        print("missed a target or failed: " + ", ".join(missed))
        return 1
    print("every benchmark met its target")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

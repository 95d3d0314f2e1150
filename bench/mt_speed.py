"""MT throughput: `transflow mt` and `transflow translate` against one raw Apertium stream.

Input: 3,000 distinct Russian lines from the generated corpus (bench/corpus.py), ru->be, through
the fixed rus-bel pipeline in every case (the shipped rus-bel mode crashes its tagger): the raw
stream is `apertium -d <dir> rus-bel` on a mode file that holds the same fix.
- `transflow mt --from ru --to be` on the lines (process start, memory and glossary included);
- `transflow translate` on a project whose 100 articles hold the same lines (extract and update
  run first, untimed).
The three run in turn, --repeat rounds; the figure is the median over rounds of each round's
ratio (the machine is shared, so a round compares runs made close together). CPU time (user +
system, children included) is printed too. Exits 1 when either wall ratio is over 1.2x.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from corpus import article, segments  # noqa: E402

from transflow.mt.apertium import find_mode, parse_mode  # noqa: E402

TARGET = 1.2
CONFIG = """[project]
languages = ["ru", "be"]

[chains]
"ru-be" = ["memory", "apertium"]

[engines.memory]
type = "memory"

[engines.apertium]
type = "apertium"

[publish]
threshold = 100
lacinka = false
"""


def fixed_mode_dir(tmp: Path) -> Path:
    """A folder with modes/rus-bel.mode holding the tagger fix, for `apertium -d`."""
    stages = parse_mode(find_mode("rus-bel").read_text(encoding="utf-8"), fix_tagger=True)
    line = " | ".join(shlex.join([a for a in s if a != "-z"]) for s in stages)
    (tmp / "modes").mkdir(parents=True, exist_ok=True)
    (tmp / "modes" / "rus-bel.mode").write_text(line + "\n", encoding="utf-8")
    return tmp


def distinct_lines(count: int) -> list[str]:
    """The first `count` distinct sentences of the generated corpus."""
    seen: dict[str, None] = {}
    i = 0
    while len(seen) < count:
        for s in segments(article(i)):
            seen.setdefault(s, None)
        i += 1
    return list(seen)[:count]


def make_project(root: Path, lines: list[str], per_article: int = 30) -> None:
    """A project whose articles hold the lines: a title and one paragraph per line."""
    (root / "source_articles").mkdir(parents=True)
    (root / "transflow.toml").write_text(CONFIG, encoding="utf-8")
    for k in range(0, len(lines), per_article):
        chunk = lines[k : k + per_article]
        title = chunk[0].rstrip(".").replace(":", " ")
        body = "\n\n".join(chunk[1:])
        text = f"---\nslug: speed-{k:05d}\nlang: ru\ntitle: {title}\ndate: 2026-01-01\n---\n\n"
        (root / "source_articles" / f"speed-{k:05d}.md").write_text(
            text + body + "\n", encoding="utf-8"
        )


def timed(cmd: list[str], cwd: Path | None = None, stdin: str | None = None) -> tuple[float, float]:
    """Wall time and CPU time (the command and all its children) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    """Print the three wall times and the two ratios; 1 when a ratio misses the target."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=5, help="rounds; the median ratio counts")
    args = ap.parse_args(argv)
    lines = distinct_lines(args.lines)
    words = sum(len(s.split()) for s in lines)
    print(f"{len(lines)} distinct lines, {words} words (ru->be), {args.repeat} rounds")
    exe = [sys.executable, "-m", "transflow.cli"]
    env_src = str(HERE.parent / "src")
    os.environ["PYTHONPATH"] = env_src + os.pathsep + os.environ.get("PYTHONPATH", "")
    stdin = "\n".join(lines) + "\n"
    rounds: list[tuple[tuple[float, float], ...]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        mode_dir = fixed_mode_dir(root / "raw")
        raw_cmd = ["apertium", "-d", str(mode_dir), "rus-bel"]
        for n in range(args.repeat):
            project = root / f"project{n}"  # a fresh project each time: all entries untranslated
            make_project(project, lines)
            for step in ("extract", "update"):
                timed([*exe, step], cwd=project)
            raw = timed(raw_cmd, stdin=stdin)  # a file of lines, as a user pipes it
            mt = timed([*exe, "mt", "--from", "ru", "--to", "be"], project, stdin)
            tr = timed([*exe, "translate"], cwd=project)
            rounds.append((raw, mt, tr))
            print(
                f"  round {n + 1}: raw {raw[0]:.2f} s, mt {mt[0]:.2f} s "
                f"({mt[0] / raw[0]:.2f}x), translate {tr[0]:.2f} s ({tr[0] / raw[0]:.2f}x)"
            )
    missed = 0
    raw_wall = statistics.median(r[0][0] for r in rounds)
    raw_cpu = statistics.median(r[0][1] for r in rounds)
    print(f"raw apertium, one stream : {raw_wall:7.2f} s wall, {raw_cpu:.2f} s CPU (medians)")
    for k, name in ((1, "transflow mt"), (2, "transflow translate")):
        ratio = statistics.median(r[k][0] / r[0][0] for r in rounds)
        cpu = statistics.median(r[k][1] / r[0][1] for r in rounds)
        wall = statistics.median(r[k][0] for r in rounds)
        ok = ratio <= TARGET
        missed += not ok
        print(
            f"{name:<25}: {wall:7.2f} s wall = {ratio:.2f}x raw (median of rounds; CPU "
            f"{cpu:.2f}x)  target <= {TARGET}x  {'met' if ok else 'MISSED'}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

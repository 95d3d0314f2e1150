"""MT throughput: `transflow mt` and `transflow translate` against one raw Apertium stream.

Input: 3,000 distinct Russian lines from the generated corpus (bench/corpus.py), ru->be, through
the fixed rus-bel pipeline in every case (the shipped rus-bel mode crashes its tagger): the raw
stream is `apertium -d <dir> rus-bel` on a mode file that holds the same fix.
- `transflow mt --from ru --to be` on the lines (process start, memory and glossary included);
- `transflow translate` on a project whose 100 articles hold the same lines (extract and update
  run first, untimed).
Each figure is the best of --repeat runs (the machine is shared). Exits 1 when either ratio is
over the target (1.2x).
"""

from __future__ import annotations

import argparse
import os
import shlex
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


def timed(cmd: list[str], cwd: Path | None = None, stdin: str | None = None) -> float:
    """Wall time of one command; exits with its error output when it fails."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return wall


def main(argv: list[str] | None = None) -> int:
    """Print the three wall times and the two ratios; 1 when a ratio misses the target."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    args = ap.parse_args(argv)
    lines = distinct_lines(args.lines)
    words = sum(len(s.split()) for s in lines)
    print(f"{len(lines)} distinct lines, {words} words (ru->be), best of {args.repeat}")
    exe = [sys.executable, "-m", "transflow.cli"]
    env_src = str(HERE.parent / "src")
    os.environ["PYTHONPATH"] = env_src + os.pathsep + os.environ.get("PYTHONPATH", "")
    stdin = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        mode_dir = fixed_mode_dir(root / "raw")
        raw_cmd = ["apertium", "-d", str(mode_dir), "rus-bel"]
        t_raw, t_mt, t_tr = [], [], []
        for n in range(args.repeat):
            project = root / f"project{n}"  # a fresh project each time: all entries untranslated
            make_project(project, lines)
            for step in ("extract", "update"):
                timed([*exe, step], cwd=project)
            t_raw.append(timed(raw_cmd, stdin=stdin))  # a file of lines, as a user pipes it
            t_mt.append(timed([*exe, "mt", "--from", "ru", "--to", "be"], project, stdin))
            t_tr.append(timed([*exe, "translate"], cwd=project))
    raw, mt, tr = min(t_raw), min(t_mt), min(t_tr)
    missed = 0
    print(f"raw apertium, one stream : {raw:7.2f} s")
    for name, t in (("transflow mt", mt), ("transflow translate", tr)):
        ok = t / raw <= TARGET
        missed += not ok
        print(
            f"{name:<25}: {t:7.2f} s = {t / raw:5.2f}x raw  target <= {TARGET}x  "
            f"{'met' if ok else 'MISSED'}"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: a news archive (issue 16): full, no-op and one-article builds as the archive grows.

Run: PYTHONPATH=src .venv/bin/python bench/archive_scale.py            # 100,000 articles
     PYTHONPATH=src .venv/bin/python bench/archive_scale.py --ci       # 10,000 (CI, < 3 min)
     ... --sizes 1000,3000,10000 --plot docs/benchmarks-growth.png     # the growth curve

On a generated corpus (bench/corpus.py: Russian, ~300 words, 50 articles a day from 2021-03-09,
targets be and en, no MT) it measures, per size, with `transflow build --jobs J`:
- the full build (wall time; peak memory: the largest max RSS of the build and its workers);
- a no-op build (nothing changed);
- a build after one source article was edited.
Targets at 100,000 articles (issue 16): full <= 10 min, no-op <= 1 s, one edit <= 2 s, peak
memory <= 1 GB. Smaller sizes (--ci: 10,000) are held to the same ratios: the full build's budget
scales with the articles (6 ms each), the others stay. Prints every figure; exits 1 when the
largest size misses a target. With --plot it draws articles against seconds (PNG, matplotlib).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

PER_DAY = 50
CONFIG = """[project]
languages = ["ru", "be", "en"]

[chains]

[publish]
threshold = 100
lacinka = false
"""
FULL_PER_ARTICLE = 600 / 100_000  # seconds: 10 min for 100,000 articles
NOOP_MAX, ONE_MAX, MEMORY_MAX_MB = 1.0, 2.0, 1024.0


def run_measured(cmd: list[str], cwd: Path | None = None) -> dict:
    """Run a command; wall time and the largest max RSS of it and its children (wait4)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return {"wall": wall, "rss_mb": usage.ru_maxrss / 1024}


def edit_one(path: Path) -> None:
    """What an editor does to one published article: a sentence changes."""
    text = path.read_text("utf-8")
    path.write_text(text.replace(".", ", как сообщили в редакции.", 1), "utf-8")


def measure(size: int, jobs: int, work: Path) -> dict:
    """Build a project of `size` articles three ways; the figures."""
    project = work / f"archive-{size}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    (project / "transflow.toml").write_text(CONFIG, "utf-8")
    corpus.generate(project / "source_articles", size, per_day=PER_DAY)
    tf = [sys.executable, "-m", "transflow.cli", "-C", str(project), "build", "--jobs", str(jobs)]
    full = run_measured(tf)
    noop = run_measured(tf)
    edit_one(project / "source_articles" / f"bench-{size // 2:05d}.md")
    one = run_measured(tf)
    again = run_measured(tf)  # the no-op after an edit
    dist = project / "dist"
    root = json.loads((dist / "manifest.json").read_text("utf-8"))
    biggest = max((dist / s["path"]).stat().st_size for s in root["shards"])
    return {
        "articles": size,
        "full": full["wall"],
        "noop": min(noop["wall"], again["wall"]),
        "one": one["wall"],
        "rss_mb": max(full["rss_mb"], noop["rss_mb"], one["rss_mb"]),
        "state_mb": (project / ".transflow" / "state.sqlite").stat().st_size / 2**20,
        "manifest_kb": (dist / "manifest.json").stat().st_size / 1024,
        "shard_kb": biggest / 1024,
        "feed_kb": (dist / "ru" / "feed.atom").stat().st_size / 1024,
        "index_kb": (dist / "ru" / "index.html").stat().st_size / 1024,
    }


def check(row: dict) -> list[str]:
    """The targets a row misses."""
    missed = []
    if row["full"] > FULL_PER_ARTICLE * row["articles"]:
        missed.append(
            f"full build {row['full']:.1f} s > {FULL_PER_ARTICLE * row['articles']:.0f} s"
        )
    if row["noop"] > NOOP_MAX:
        missed.append(f"no-op build {row['noop']:.2f} s > {NOOP_MAX:g} s")
    if row["one"] > ONE_MAX:
        missed.append(f"one edit {row['one']:.2f} s > {ONE_MAX:g} s")
    if row["rss_mb"] > MEMORY_MAX_MB:
        missed.append(f"peak memory {row['rss_mb']:.0f} MB > {MEMORY_MAX_MB:g} MB")
    return missed


def plot(rows: list[dict], path: Path) -> None:
    """Articles against seconds for the three builds, log-log, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["articles"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=100)
    for key, label in (("full", "full build"), ("one", "one article edited"), ("noop", "no-op")):
        ax.plot(sizes, [r[key] for r in rows], marker="o", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("articles (2 target languages, no MT)")
    ax.set_ylabel("wall time (s)")
    ax.set_title("transflow build time as the archive grows")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Software": None})  # no version or date in the file
    plt.close(fig)


def main() -> None:
    """Measure every size, print the table, plot, exit 1 when the largest misses a target."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--ci", action="store_true", help="10,000 articles (the CI variant)")
    ap.add_argument("--sizes", help="comma-separated sizes for the growth curve")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--plot", type=Path, help="write the growth curve to this PNG")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = ap.parse_args()
    largest = 10_000 if args.ci else args.articles
    sizes = sorted({int(s) for s in args.sizes.split(",")} | {largest}) if args.sizes else [largest]
    work = args.keep or Path(tempfile.mkdtemp(prefix="transflow-archive-"))
    print(
        f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; --jobs {args.jobs}; "
        f"{PER_DAY} articles a day, targets be and en, no MT"
    )
    head = (
        "articles  full s  no-op s  one s  peak MB  state MB  root KB  shard KB  feed KB  index KB"
    )
    print(head)
    rows = []
    for size in sizes:
        row = measure(size, args.jobs, work)
        rows.append(row)
        print(
            f"{row['articles']:>8}  {row['full']:6.1f}  {row['noop']:7.2f}  {row['one']:5.2f}"
            f"  {row['rss_mb']:7.0f}  {row['state_mb']:8.1f}  {row['manifest_kb']:7.1f}"
            f"  {row['shard_kb']:8.1f}  {row['feed_kb']:7.1f}  {row['index_kb']:8.1f}",
            flush=True,
        )
        if not args.keep:
            shutil.rmtree(work / f"archive-{size}", ignore_errors=True)
    if args.plot:
        plot(rows, args.plot)
        print(f"plot: {args.plot}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    missed = check(rows[-1])
    for text in missed:
        print(f"MISSED at {rows[-1]['articles']} articles: {text}")
    if missed:
        sys.exit(1)
    print(f"all targets met at {rows[-1]['articles']} articles")


if __name__ == "__main__":
    main()

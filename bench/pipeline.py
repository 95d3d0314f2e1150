"""Benchmark: the whole pipeline without MT on 1,000 generated articles, against po4a.

Run: PYTHONPATH=src .venv/bin/python bench/pipeline.py [--articles N] [--skip-po4a] [--keep DIR]

Measures, on one generated corpus (bench/corpus.py: Russian, ~300 words, targets be and en):
- full build (`transflow build` with no MT chains: extract, update, translate = nothing, render):
  wall and CPU time, peak memory (max RSS of the transflow process, from wait4);
- no-op rebuild; rebuild after one PO file changed (one entry approved);
- po4a 0.69 (`po4a` with a po4a.conf of every document, text format, -M UTF-8): extract, update
  and translate of every document, wall and CPU time (its msgmerge/msgfmt children included).
Prints each figure with its target and the ratio po4a / transflow; exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import corpus  # noqa: E402

CONFIG = """[project]
languages = ["ru", "be", "en"]

[chains]

[publish]
threshold = 100
lacinka = false
"""


def run_measured(cmd: list[str], cwd: Path | None = None) -> dict:
    """Run a command and read its own rusage via wait4 (peak RSS and CPU of that process tree)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
    }


def make_project(root: Path, articles: int) -> None:
    """A transflow project with `articles` generated Russian articles and no MT chains."""
    root.mkdir(parents=True)
    (root / "transflow.toml").write_text(CONFIG, "utf-8")
    corpus.generate(root / "source_articles", articles)


def make_po4a(root: Path, sources: Path) -> Path:
    """A po4a project over the same documents: one po4a.conf listing every document."""
    root.mkdir(parents=True)
    lines = ["[po4a_langs] be en", "[po4a_paths] po/$master.pot $lang:po/$master.$lang.po"]
    for path in sorted(sources.glob("*.md")):
        lines.append(
            f"[type: text] {path} $lang:out/$lang/{path.name} pot={path.stem} "
            'opt:"-k 0 -M UTF-8 -L UTF-8"'
        )
    conf = root / "po4a.conf"
    conf.write_text("\n".join(lines) + "\n", "utf-8")
    return conf


def approve_one(po: Path) -> None:
    """Approve the first untranslated entry of a PO file (what a reviewer's save does)."""
    from transflow.po.pofile import format_po, read_po

    catalog = read_po(po)
    for message in catalog.messages:
        if message.msgid and not message.msgstr:
            message.msgstr = "Перакладзены сказ."
            message.flags = [f for f in message.flags if f != "fuzzy"]
            break
    po.write_text(format_po(catalog), "utf-8")


MISSED: list[str] = []


def line(name: str, value: float, unit: str, target: str, ok: bool) -> str:
    """One printed figure with its target (a missed target is remembered for the exit status)."""
    if not ok:
        MISSED.append(name)
    return f"{name:<38} {value:9.2f} {unit:<3} target {target:<14} {'OK' if ok else 'MISSED'}"


def main() -> None:
    """Generate the corpus, run every measurement and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--skip-po4a", action="store_true")
    ap.add_argument("--jobs", type=int, default=1, help="transflow build --jobs")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="transflow-bench-"))
    if work.exists() and args.keep:
        shutil.rmtree(work)
    project = work / "transflow"
    make_project(project, args.articles)
    words = sum(len(p.read_text("utf-8").split()) for p in (project / "source_articles").glob("*"))
    tf = [sys.executable, "-m", "transflow.cli", "-C", str(project)]
    print(
        f"corpus: {args.articles} articles, {words} words, targets be and en; machine: "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )
    full = run_measured([*tf, "build", "--jobs", str(args.jobs)])
    noop = run_measured([*tf, "build", "--jobs", str(args.jobs)])
    approve_one(project / "locales/be/LC_MESSAGES/bench-00007.po")
    one = run_measured([*tf, "build", "--jobs", str(args.jobs)])
    pos = len(list((project / "locales").rglob("*.po")))
    print(
        f"transflow wrote {pos} PO files, "
        f"{len(list((project / 'dist').rglob('*.html')))} HTML pages"
    )
    rows = [
        line("transflow full build (wall)", full["wall"], "s", "", True),
        line("transflow full build (CPU)", full["cpu"], "s", "", True),
        line("transflow peak memory", full["rss_mb"], "MB", "<= 500 MB", full["rss_mb"] <= 500),
        line("no-op rebuild (wall)", noop["wall"], "s", "<= 1 s", noop["wall"] <= 1),
        line("rebuild after one PO changed (wall)", one["wall"], "s", "<= 2 s", one["wall"] <= 2),
    ]
    if not args.skip_po4a:
        conf = make_po4a(work / "po4a", project / "source_articles")
        po4a = run_measured(["po4a", "-q", str(conf)], cwd=conf.parent)
        rows += [
            line("po4a extract+update+translate (wall)", po4a["wall"], "s", "", True),
            line("po4a (CPU, children included)", po4a["cpu"], "s", "", True),
        ]
        wall_ratio = po4a["wall"] / full["wall"]
        cpu_ratio = po4a["cpu"] / full["cpu"]
        rows.append(
            line("ratio po4a / transflow (wall)", wall_ratio, "x", ">= 10x", wall_ratio >= 10)
        )
        rows.append(line("ratio po4a / transflow (CPU)", cpu_ratio, "x", ">= 10x", cpu_ratio >= 10))
    print("\n".join(rows))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if MISSED:
        sys.exit(1)


if __name__ == "__main__":
    main()

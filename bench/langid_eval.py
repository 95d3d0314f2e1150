"""Accuracy and speed of transflow.lang.identify on tests/data/langid; exit 1 under 98%."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from transflow.lang import identify as langid  # noqa: E402

DATA = ROOT / "tests" / "data" / "langid"
#: target: accuracy of every language at least this (percent)
MIN_ACCURACY = 98.0


def load(data: Path = DATA) -> dict[str, list[str]]:
    """Eval sentences per language code, one per non-blank line of <lang>.txt."""
    sets = {}
    for lang in langid.SUPPORTED:
        path = data / f"{lang}.txt"
        lines = path.read_text(encoding="utf-8").splitlines()
        sets[lang] = [line.strip() for line in lines if line.strip()]
    return sets


def main(argv: list[str] | None = None) -> int:
    """Print accuracy per language, overall accuracy, errors and sentences per second."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA, help="folder with <lang>.txt files")
    parser.add_argument("--repeat", type=int, default=100, help="copies of the set (speed run)")
    parser.add_argument("--errors", action="store_true", help="list misclassified sentences")
    args = parser.parse_args(argv)

    sets = load(args.data)
    total = correct = 0
    missed = []
    for lang, sentences in sets.items():
        got = [langid.detect(s) for s in sentences]
        ok = sum(1 for g in got if g == lang)
        total += len(sentences)
        correct += ok
        wrong = Counter(g for g in got if g != lang)
        extra = f"  wrong: {dict(wrong)}" if wrong else ""
        print(f"{lang}: {ok}/{len(sentences)} = {100 * ok / len(sentences):.1f}%{extra}")
        if 100 * ok / len(sentences) < MIN_ACCURACY:
            missed.append(lang)
        if args.errors:
            for s, g in zip(sentences, got, strict=True):
                if g != lang:
                    print(f"    [{g}] {s}")
    print(f"overall: {correct}/{total} = {100 * correct / total:.1f}%")

    corpus = [s for sentences in sets.values() for s in sentences] * args.repeat
    start, cpu = time.perf_counter(), time.process_time()
    for s in corpus:
        langid.detect(s)
    single, single_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    langid.detect_many(corpus)
    batched, batched_cpu = time.perf_counter() - start, time.process_time() - cpu
    n = len(corpus)
    print(
        f"speed detect():      {n / single:,.0f} sentences/s ({n} in {single:.2f} s wall, "
        f"{single_cpu:.2f} s CPU)"
    )
    print(
        f"speed detect_many(): {n / batched:,.0f} sentences/s ({n} in {batched:.2f} s wall, "
        f"{batched_cpu:.2f} s CPU)"
    )
    if missed:
        print(f"missed: accuracy under {MIN_ACCURACY}% for " + ", ".join(missed))
        return 1
    print(f"target met: every language at least {MIN_ACCURACY}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""chrF of raw Apertium against transflow's Apertium engine on be<TAB>ru parallel sentences.

Dev set: bench/data/parallel_be_ru.tsv (odd lines used for rule development, even lines held out).
Test set: bench/data/parallel_be_ru_test.tsv (never looked at while writing rules; scored with
`--test`, alone with `--test-only`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sacrebleu.metrics import CHRF

from transflow.mt.apertium import ApertiumEngine

DATA = Path(__file__).parent / "data" / "parallel_be_ru.tsv"
TEST = Path(__file__).parent / "data" / "parallel_be_ru_test.tsv"


def load(path: Path) -> list[tuple[str, str]]:
    """The (be, ru) pairs of a TSV file."""
    pairs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        be, sep, ru = line.partition("\t")
        if not sep:
            sys.exit(f"{path}:{n}: expected be<TAB>ru")
        pairs.append((be.strip(), ru.strip()))
    return pairs


def chrf(hyps: list[str], refs: list[str]) -> float:
    """Corpus chrF (sacrebleu defaults: character 6-grams, beta 2)."""
    return CHRF().corpus_score(hyps, [refs]).score


def main(argv: list[str] | None = None) -> None:
    """Print chrF raw, chrF transflow and the delta for both directions and all subsets."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DATA, help="dev set (split into odd/even lines)")
    ap.add_argument("--test", action="store_true", help=f"also score the test set {TEST.name}")
    ap.add_argument("--test-only", action="store_true", help="score only the test set")
    ap.add_argument("--test-data", type=Path, default=TEST)
    ap.add_argument("--show", action="store_true", help="print sentences that differ")
    ap.add_argument("--ablate", action="store_true", help="chrF change when each rule is off")
    args = ap.parse_args(argv)
    sets: list[tuple[Path, dict[str, list[int]] | None]] = []
    if not args.test_only:
        sets.append((args.data, None))
    if args.test or args.test_only:
        sets.append((args.test_data, {}))
    raw, ours = ApertiumEngine(adapt=False), ApertiumEngine(adapt=True)
    print(f"{'direction':<8} {'subset':<22} {'raw':>7} {'transflow':>10} {'delta':>7}")
    try:
        for path, test in sets:
            pairs = load(path)
            n = len(pairs)
            if test is None:
                halves = {
                    "dev (odd lines)": [i for i in range(n) if i % 2 == 0],
                    "held-out (even lines)": [i for i in range(n) if i % 2 == 1],
                    "all": list(range(n)),
                }
            else:
                halves = {"test set": list(range(n))}
            print(f"-- {n} sentence pairs from {path}")
            for src, tgt in (("be", "ru"), ("ru", "be")):
                run(pairs, halves, src, tgt, raw, ours, args.show, args.ablate)
    finally:
        raw.close()
        ours.close()


def run(pairs, halves, src, tgt, raw, ours, show, abl) -> None:  # type: ignore[no-untyped-def]
    """Score one direction on one file and print its rows."""
    si, ti = (0, 1) if src == "be" else (1, 0)
    sources = [p[si] for p in pairs]
    refs = [p[ti] for p in pairs]
    out_raw = [d.text for d in raw.translate_drafts(sources, src, tgt)]
    out_ours = [d.text for d in ours.translate_drafts(sources, src, tgt)]
    for name, idx in halves.items():
        r = chrf([out_raw[i] for i in idx], [refs[i] for i in idx])
        t = chrf([out_ours[i] for i in idx], [refs[i] for i in idx])
        print(f"{src}->{tgt:<4} {name:<22} {r:7.2f} {t:10.2f} {t - r:+7.2f}")
    if show:
        for i in range(len(pairs)):
            if out_raw[i] != out_ours[i]:
                print(f"  [{i + 1}] REF {refs[i]}")
                print(f"       RAW {out_raw[i]}\n       OUR {out_ours[i]}")
    if abl:
        ablate(sources, refs, src, tgt, halves, out_ours)


def ablate(sources, refs, src, tgt, halves, out_ours) -> None:  # type: ignore[no-untyped-def]
    """Print how much chrF each rule adds (score with all rules minus score without it)."""
    from transflow.mt.orthography import BE_RU_NAME_RULES, BE_RU_RULES, POST_RULES, RU_BE_RULES

    rules = RU_BE_RULES if src == "ru" else BE_RU_NAME_RULES + BE_RU_RULES
    rules = rules + POST_RULES[(src, tgt)]
    for name, _ in rules:
        with ApertiumEngine(disabled_rules=[name]) as eng:
            out = [d.text for d in eng.translate_drafts(sources, src, tgt)]
        deltas = []
        for idx in halves.values():
            full = chrf([out_ours[i] for i in idx], [refs[i] for i in idx])
            off = chrf([out[i] for i in idx], [refs[i] for i in idx])
            deltas.append(f"{full - off:+6.2f}")
        print(f"    rule {name:<16} adds " + " ".join(deltas))


if __name__ == "__main__":
    main()

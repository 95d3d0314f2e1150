"""chrF and non-words of raw Apertium against transflow's Apertium engine on be<TAB>ru sentences.

Dev sets: bench/data/parallel_be_ru.tsv (odd lines used for rule development, even lines held out),
bench/data/parallel_be_ru_dev2.tsv (once a test set, then used for rules) and
bench/data/parallel_be_ru_dev3.tsv (a test set frozen before the rules of issue 11, retired: its
summary figures were read while the supplementary dictionary was written).
Frozen test sets: bench/data/parallel_be_ru_test2.tsv and parallel_be_ru_test3.tsv, each written by
someone who had seen neither the rules nor the dictionary, committed alone before they were first
run, and never looked at while writing rules; both are scored by default (`--test-data` names
others, `--dev` adds the dev sets, `--show` prints sentences).

For each direction: chrF of raw Apertium and of transflow against the human translation, and the
share of words that the target lexicon (Hunspell and Apertium's analyser) rejects, in the drafts
and in the human translation. Targets on every test set (exit 1 when one is missed): transflow's
chrF at least raw Apertium's; rejected words in drafts at most 1.5x the human translation's rate.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sacrebleu.metrics import CHRF

from transflow.mt.apertium import ApertiumEngine

DATA = Path(__file__).parent / "data" / "parallel_be_ru.tsv"
DATA2 = Path(__file__).parent / "data" / "parallel_be_ru_dev2.tsv"
DATA3 = Path(__file__).parent / "data" / "parallel_be_ru_dev3.tsv"
TESTS = [Path(__file__).parent / "data" / f"parallel_be_ru_test{n}.tsv" for n in (2, 3)]
#: targets on the test set
MAX_REJECTED_RATIO = 1.5
MIN_CHRF_DELTA = 0.0
MISSED: list[str] = []


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


def rejected(texts: list[str], lang: str) -> tuple[int, int, list[str]]:
    """Words of `texts` the lexicon of `lang` rejects: (rejected, total, the rejected words)."""
    from transflow.lang.lexicon import lexicon_for
    from transflow.mt.gaps import WORD_RE

    words = [w for t in texts for w in WORD_RE.findall(t) if any(c.isalpha() for c in w)]
    bad = lexicon_for(lang).unknown(words)
    hits = [w for w in words if w in bad]
    return len(hits), len(words), hits


def kinds_of_rejected(sources: list[str], drafts: list[str], lang: str) -> dict[str, int]:
    """Counts of the rejected draft words by kind (a summary: no word is shown).

    kept: the source word as written; name: capitalised inside the sentence; other: the rest
    (Apertium's own output, a respelling or a supplement form the lexicon lacks).
    """
    from transflow.lang.lexicon import lexicon_for
    from transflow.mt.gaps import WORD_RE

    counts = {"kept": 0, "name": 0, "other": 0}
    lexicon = lexicon_for(lang)
    for source, draft in zip(sources, drafts, strict=True):
        source_words = set(WORD_RE.findall(source))
        found = list(WORD_RE.finditer(draft))
        bad = lexicon.unknown(m.group() for m in found)
        for n, m in enumerate(found):
            word = m.group()
            if word not in bad or not any(c.isalpha() for c in word):
                continue
            if word in source_words:
                counts["kept"] += 1
            elif n > 0 and word[:1].isupper():
                counts["name"] += 1
            else:
                counts["other"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    """Print the figures for both directions; 1 when a target on the test set is missed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", action="store_true", help="also score the dev sets")
    ap.add_argument("--dev-only", action="store_true", help="score only the dev sets")
    ap.add_argument(
        "--test-data", type=Path, action="append", help="a test set (repeatable; default: both)"
    )
    ap.add_argument("--show", action="store_true", help="print dev sentences that differ")
    ap.add_argument("--rejected", action="store_true", help="list the dev sets' rejected words")
    ap.add_argument("--ablate", action="store_true", help="chrF change when each rule is off")
    args = ap.parse_args(argv)
    sets: list[tuple[Path, bool]] = []
    if args.dev or args.dev_only:
        sets += [(DATA, False), (DATA2, False), (DATA3, False)]
    if not args.dev_only:
        sets += [(path, True) for path in args.test_data or TESTS]
    raw, ours = ApertiumEngine(adapt=False), ApertiumEngine(adapt=True)
    try:
        for path, test in sets:
            pairs = load(path)
            n = len(pairs)
            if not test and path == DATA:
                halves = {
                    "dev (odd lines)": [i for i in range(n) if i % 2 == 0],
                    "held-out (even lines)": [i for i in range(n) if i % 2 == 1],
                    "all": list(range(n)),
                }
            else:
                halves = {"test set" if test else "all": list(range(n))}
            label = " (frozen test set)" if test else ""
            print(f"-- {n} sentence pairs from {path.name}{label}")
            print(f"{'direction':<8} {'subset':<22} {'raw':>7} {'transflow':>10} {'delta':>7}")
            for src, tgt in (("be", "ru"), ("ru", "be")):
                before = len(MISSED)
                run(pairs, halves, src, tgt, raw, ours, args, test)
                MISSED[before:] = [f"{path.name}: {m}" for m in MISSED[before:]]
    finally:
        raw.close()
        ours.close()
    if MISSED:
        print("missed: " + "; ".join(MISSED))
        return 1
    return 0


def run(pairs, halves, src, tgt, raw, ours, args, test) -> None:  # type: ignore[no-untyped-def]
    """Score one direction on one file and print its rows."""
    si, ti = (0, 1) if src == "be" else (1, 0)
    sources = [p[si] for p in pairs]
    refs = [p[ti] for p in pairs]
    out_raw = [d.text for d in raw.translate_drafts(sources, src, tgt)]
    drafts = ours.translate_drafts(sources, src, tgt)
    out_ours = [d.text for d in drafts]
    delta = 0.0
    for name, idx in halves.items():
        r = chrf([out_raw[i] for i in idx], [refs[i] for i in idx])
        t = chrf([out_ours[i] for i in idx], [refs[i] for i in idx])
        delta = t - r
        print(f"{src}->{tgt:<4} {name:<22} {r:7.2f} {t:10.2f} {t - r:+7.2f}")
    rb, nb, words = rejected(out_ours, tgt)
    rr, nr, _ = rejected(out_raw, tgt)
    hb, hn, _ = rejected(refs, tgt)
    rate, human = rb / nb, hb / hn
    print(
        f"{src}->{tgt:<4} words rejected by the {tgt} lexicon: transflow {rb}/{nb} = "
        f"{100 * rate:.1f}%, raw Apertium {rr}/{nr} = {100 * rr / nr:.1f}%, human {hb}/{hn} = "
        f"{100 * human:.1f}% (transflow / human = {rate / human if human else float('inf'):.2f}x)"
    )
    kinds = kinds_of_rejected(sources, out_ours, tgt)
    print(
        f"{src}->{tgt:<4} rejected draft words by kind: "
        + ", ".join(f"{kind} {n}" for kind, n in kinds.items())
    )
    dropped = sum(len(d.dropped_words) for d in drafts)
    print(f"{src}->{tgt:<4} dropped words found and put back: {dropped}")
    if args.rejected and not test:  # the frozen test set's words are never shown
        print("    rejected: " + ", ".join(sorted(set(words))))
    if test:
        if delta < MIN_CHRF_DELTA:
            MISSED.append(f"{src}->{tgt} chrF {delta:+.2f} under raw Apertium")
        if rate > MAX_REJECTED_RATIO * human:
            MISSED.append(
                f"{src}->{tgt} rejected words {100 * rate:.1f}% > {MAX_REJECTED_RATIO}x human "
                f"{100 * human:.1f}%"
            )
    if args.show and not test:
        for i in range(len(pairs)):
            if out_raw[i] != out_ours[i]:
                print(f"  [{i + 1}] REF {refs[i]}")
                print(f"       RAW {out_raw[i]}\n       OUR {out_ours[i]}")
    if args.ablate:
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
    raise SystemExit(main())

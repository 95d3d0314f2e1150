"""Compare Hunspell bindings on Debian's be/ru/en dictionaries: lookups/s and suggestions/s.

Run: PYTHONPATH=src .venv/bin/python bench/spellers_compare.py [--words N] [--suggest M]
Binds the same .dic/.aff through pyenchant, pyhunspell (the `hunspell` PyPI package), spylls
and a persistent `hunspell -a` process; a binding that is not installed is reported as such.
The words are those of the repository's translations, repeated up to N per language; the
`hunspell -a` row asks one word per round trip, as a lexicon looking words up one by one would.
Also times `hunspell -l` given all the words at once (a batch, start-up included).
Exits 1 when the binding transflow uses (pyenchant) makes fewer than 20,000 lookups/s in some
language (target) or disagrees with the `hunspell` command on any word.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from transflow.po.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
DICS = {"be": "be_BY", "ru": "ru_RU", "en": "en_US"}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
TARGET = 20_000


def corpus_words(lang: str, limit: int) -> list[str]:
    """Words of the repository's `lang` translations (msgstr), in order, repeated to `limit`."""
    files = sorted(ROOT.glob(f"locales/{lang}/LC_MESSAGES/*.po"))
    files += sorted((ROOT / "tests" / "data" / "qa" / "clean").glob(f"*.{lang}-from-*.po"))
    words: list[str] = []
    for path in files:
        for message in read_po(path).messages:
            words.extend(w for w in _WORD.findall(message.msgstr) if w.isalpha())
    out = []
    while len(out) < limit and words:
        out.extend(words[: limit - len(out)])
    return out


class HunspellPipe:
    """`hunspell -a` kept running: one word a line, one answer line (+ blank) back."""

    def __init__(self, name: str) -> None:
        self.proc = subprocess.Popen(
            ["hunspell", "-a", "-i", "utf-8", "-d", f"/usr/share/hunspell/{name}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        assert self.proc.stdout is not None
        self.proc.stdout.readline()  # the banner

    def _ask(self, word: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("^" + word + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        while self.proc.stdout.readline().strip():
            pass
        return answer

    def check(self, word: str) -> bool:
        """True for a correct word (* + -)."""
        return self._ask(word)[:1] in "*+-"

    def suggest(self, word: str) -> list[str]:
        """The suggestions after the colon of a & line."""
        answer = self._ask(word)
        return answer.split(": ", 1)[1].strip().split(", ") if ": " in answer else []

    def close(self) -> None:
        """End the process."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def bindings(name: str) -> dict[str, Callable[[], object] | str]:
    """Factories of a checker per binding (a string says why it is unavailable)."""
    out: dict[str, Callable[[], object] | str] = {}
    try:
        import enchant  # noqa: PLC0415

        def make_enchant() -> object:
            broker = enchant.Broker()
            broker.set_ordering(name, "hunspell")
            return broker.request_dict(name)

        out["pyenchant"] = make_enchant
    except ImportError as exc:
        out["pyenchant"] = f"not installed ({exc})"
    try:
        import hunspell  # noqa: PLC0415

        class PyHunspell:
            def __init__(self) -> None:
                base = f"/usr/share/hunspell/{name}"
                self.h = hunspell.HunSpell(base + ".dic", base + ".aff")
                self.check = self.h.spell
                self.suggest = self.h.suggest

        make_pyhunspell = PyHunspell

        out["pyhunspell"] = make_pyhunspell
    except ImportError as exc:
        out["pyhunspell"] = f"not installed ({exc})"
    try:
        from spylls.hunspell import Dictionary  # noqa: PLC0415

        class Spylls:
            def __init__(self) -> None:
                self.d = Dictionary.from_files(f"/usr/share/hunspell/{name}")
                self.check = self.d.lookup

            def suggest(self, word: str) -> list[str]:
                return list(self.d.suggest(word))

        out["spylls"] = Spylls
    except ImportError as exc:
        out["spylls"] = f"not installed ({exc})"
    out["hunspell -a"] = lambda: HunspellPipe(name)
    return out


def main() -> int:
    """Time every binding on every language; print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=3000)
    parser.add_argument("--suggest", type=int, default=30)
    args = parser.parse_args()
    failed = False
    print(f"{'lang':4} {'binding':12} {'load s':>7} {'lookups/s':>10} {'suggest/s':>10} rejected")
    for lang, name in DICS.items():
        words = corpus_words(lang, args.words)
        reference: list[bool] | None = None
        mine: list[bool] | None = None
        speeds: dict[str, float] = {}
        for binding, factory in bindings(name).items():
            if isinstance(factory, str):
                print(f"{lang:4} {binding:12} {factory}")
                continue
            t0 = time.perf_counter()
            checker = factory()
            load = time.perf_counter() - t0
            t0 = time.perf_counter()
            verdicts = [bool(checker.check(w)) for w in words]  # type: ignore[attr-defined]
            speeds[binding] = len(words) / (time.perf_counter() - t0)
            bad = sorted({w for w, ok in zip(words, verdicts, strict=True) if not ok})
            probes = (bad or words)[: args.suggest]
            t0 = time.perf_counter()
            for w in probes:
                checker.suggest(w)  # type: ignore[attr-defined]
            sug = len(probes) / (time.perf_counter() - t0)
            if binding == "hunspell -a":
                reference = verdicts
                checker.close()  # type: ignore[attr-defined]
            print(
                f"{lang:4} {binding:12} {load:7.2f} {speeds[binding]:10.0f} {sug:10.1f} "
                f"{len(bad)} of {len(set(words))} distinct"
            )
            if binding == "pyenchant":
                mine = verdicts
        if reference is not None and "pyenchant" in speeds and mine != reference:
            print(f"{lang}: pyenchant and the hunspell command disagree")
            failed = True
        t0 = time.perf_counter()
        listed = subprocess.run(
            ["hunspell", "-l", "-i", "utf-8", "-d", f"/usr/share/hunspell/{name}"],
            input="\n".join(words),
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        ).stdout.split()
        batch = len(words) / (time.perf_counter() - t0)
        print(f"{lang:4} {'hunspell -l':12} {'':7} {batch:10.0f} {'':>10} batch of {len(words)}")
        if speeds.get("pyenchant", 0) < TARGET:
            print(f"{lang}: pyenchant below the target of {TARGET} lookups/s")
            failed = True
        if mine is not None and {w for w, ok in zip(words, mine, strict=True) if not ok} != set(
            listed
        ):
            print(f"{lang}: pyenchant and hunspell -l disagree")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

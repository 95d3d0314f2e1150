"""Benchmark: fuzzy translation-memory query time over 100,000 synthetic news-like units.

Run: PYTHONPATH=src .venv/bin/python bench/tm_speed.py [--units 100000] [--queries 300]
Prints the build time and the median and p95 query time against the 10 ms median target.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

from transflow.mt.memory import TranslationMemory

TARGET_MS = 10.0


def _words(text: str) -> tuple[str, ...]:
    """The space-separated words of text."""
    return tuple(text.split())


# Word lists written for this benchmark (Russian news vocabulary).
SUBJECTS = _words(
    "министр правительство делегация председатель губернатор комиссия завод банк университет"
    " посольство агентство компания предприятие совет парламент министерство суд служба"
    " исполком комитет фермер инженер учитель врач спортсмен команда"
)
VERBS = _words(
    "обсудил подписал представил открыл провел утвердил предложил объявил посетил поддержал"
    " рассмотрел завершил начал увеличил сократил построил передал получил отметил принял"
)
OBJECTS = _words(
    "соглашение программу проект договор план бюджет выставку форум конференцию школу больницу"
    " дорогу мост стадион библиотеку музей фестиваль турнир контракт инвестиции поставки экспорт"
    " урожай производство строительство ремонт модернизацию сотрудничество меморандум"
)
PLACES = _words(
    "Минске Бресте Гродно Гомеле Витебске Могилеве Пинске Лиде Орше Бобруйске Полоцке Мозыре"
    " Барановичах Борисове Солигорске Новополоцке Жодино Слуцке"
)
TIMES = (
    "в понедельник",
    "во вторник",
    "в среду",
    "в четверг",
    "в пятницу",
    "в марте",
    "в апреле",
    "летом",
    "осенью",
    "на этой неделе",
    "в прошлом году",
)
EXTRAS = (
    "по словам организаторов",
    "по данным ведомства",
    "как сообщили в пресс-службе",
    "на общую сумму",
    "с участием иностранных партнеров",
    "в рамках государственной программы",
    "при поддержке местных властей",
    "впервые за",
)
ADJECTIVES = _words(
    "новый крупный международный региональный совместный инвестиционный образовательный"
    " медицинский спортивный культурный промышленный аграрный цифровой экологический"
)
SYLLABLES = _words(
    "ба бе бі во ве ві га гу да до ду жа за зе ка ко ку ла ле лі ма ме мі на не ні по пу ра ре"
    " ры са се сі та те ты ва ха це ча ша ян ан ар ос ун ск ов ін ец ор"
)
ENDINGS = ("", "а", "у", "ом", "е", "ы", "ой", "ам", "ах", "ого", "ая", "ые")


def vocabulary(rng: random.Random, size: int) -> list[str]:
    """Pseudo-words from syllables and endings: a large vocabulary like real news has."""
    words: set[str] = set()
    while len(words) < size:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        words.add(stem + rng.choice(ENDINGS))
    return sorted(words)


class Generator:
    """Synthetic news sentences: a fixed skeleton plus Zipf-distributed vocabulary."""

    def __init__(self, rng: random.Random, vocab_size: int):
        self.rng = rng
        self.vocab = vocabulary(rng, vocab_size) if vocab_size else []
        rng.shuffle(self.vocab)
        self.weights = [1.0 / (rank + 1) for rank in range(len(self.vocab))]

    def sentence(self) -> str:
        """One synthetic news sentence."""
        rng = self.rng
        parts = [
            rng.choice(ADJECTIVES).capitalize(),
            rng.choice(SUBJECTS),
            rng.choice(VERBS),
            rng.choice(ADJECTIVES),
            rng.choice(OBJECTS),
            "в " + rng.choice(PLACES),
        ]
        if rng.random() < 0.7:
            parts.append(rng.choice(TIMES))
        if self.vocab:
            parts.extend(rng.choices(self.vocab, self.weights, k=rng.randint(2, 8)))
        for _ in range(rng.randint(0, 1)):
            parts.append(rng.choice(EXTRAS))
            parts.append(str(rng.randint(2, 2000)))
            parts.append(rng.choice(OBJECTS))
        return " ".join(parts) + "."


def perturb(text: str, rng: random.Random) -> str:
    """A near-duplicate of text: a word replaced and a number changed (a typical edited source)."""
    words = text.split(" ")
    words[rng.randrange(1, len(words))] = rng.choice(OBJECTS)
    return " ".join(words).replace(".", "!")


def main(argv: list[str] | None = None) -> int:
    """Build the memory, run the queries, print the figures; exit 1 when over the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--vocab", type=int, default=30_000, help="pseudo-words (0: only the small word lists)"
    )
    parser.add_argument("--recall", action="store_true", help="compare with a full scan (slow)")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    gen = Generator(rng, args.vocab)
    sources: list[str] = []
    seen: set[str] = set()
    while len(sources) < args.units:
        text = gen.sentence()
        if text not in seen:
            seen.add(text)
            sources.append(text)

    memory = TranslationMemory()
    start = time.perf_counter()
    for i, text in enumerate(sources):
        memory.add("ru", "be", text, f"[be] {text}", f"bench:{i}")
    build = time.perf_counter() - start

    queries = []
    for i in range(args.queries):
        if i % 3 == 0:
            queries.append(gen.sentence())  # mostly unseen: tests the no-match path
        else:
            queries.append(perturb(rng.choice(sources), rng))
    memory.fuzzy(queries[0], "ru", "be")  # warm-up
    times: list[float] = []
    cpu: list[float] = []
    hits = 0
    for query in queries:
        start, start_cpu = time.perf_counter(), time.process_time()
        found = memory.fuzzy(query, "ru", "be", threshold=75.0, limit=3)
        cpu.append((time.process_time() - start_cpu) * 1000)
        times.append((time.perf_counter() - start) * 1000)
        hits += bool(found)
    median, p95 = _median_p95(times)
    cpu_median, cpu_p95 = _median_p95(cpu)
    chars = sum(len(t) for t in sources) / len(sources)
    print(f"units: {len(memory)} (mean {chars:.0f} chars)  build: {build:.2f} s")
    print(f"queries: {len(queries)}  with a match >= 75: {hits}")
    print(f"fuzzy query wall median: {median:.2f} ms  p95: {p95:.2f} ms")
    print(f"fuzzy query CPU  median: {cpu_median:.2f} ms  p95: {cpu_p95:.2f} ms")
    print(f"target: median <= {TARGET_MS} ms -> {'met' if median <= TARGET_MS else 'MISSED'}")
    if args.recall:
        from transflow.mt.memory import fuzzy_key

        keys = [fuzzy_key(u.source) for u in memory.units("ru", "be")]
        missed = 0
        for query in queries:
            best = memory.fuzzy(query, "ru", "be", limit=1)
            full = _brute_force_best(keys, query)
            if full is not None and (not best or best[0].score < round(full, 2) - 0.005):
                missed += 1
        print(f"recall check against a full scan: {len(queries) - missed}/{len(queries)} agree")
    return 0 if median <= TARGET_MS else 1


def _median_p95(values: list[float]) -> tuple[float, float]:
    """Median and 95th percentile of a list of timings."""
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def _brute_force_best(keys: list[str], query: str) -> float | None:
    """The best score >= 75 over every key, without the candidate index (for the recall check)."""
    from rapidfuzz import fuzz, process

    from transflow.mt.memory import fuzzy_key

    found = process.extractOne(
        fuzzy_key(query), keys, scorer=fuzz.ratio, processor=None, score_cutoff=75
    )
    return None if found is None else min(found[1], 99.0)


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: render 1,000 articles in 3 languages (ru source, approved be and en catalogs).

Usage: python bench/render_speed.py [-n 1000] [--keep DIR]. Prints the render time against the
target (10 s). The articles come from a small parallel ru/be/en sentence table (written for this
benchmark) so that the approved catalogs pass QA and every language is published.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 10.0

#: (ru, be, en) sentence templates; {n} and {m} are numbers, {c} a city from CITIES.
SENTENCES = [
    (
        "В {c} открыли {n} новых спортивных площадок.",
        "У {c} адкрылі {n} новых спартыўных пляцовак.",
        "{n} new sports grounds have opened in {c}.",
    ),
    (
        "Ремонт дороги обойдётся в {n} миллионов рублей.",
        "Рамонт дарогі абыдзецца ў {n} мільёнаў рублёў.",
        "The road repair will cost {n} million roubles.",
    ),
    (
        "За неделю библиотеку посетили {n} читателей.",
        "За тыдзень бібліятэку наведалі {n} чытачоў.",
        "{n} readers visited the library in a week.",
    ),
    (
        "Фермеры собрали на {m} процентов больше зерна.",
        "Фермеры сабралі на {m} працэнтаў больш збожжа.",
        "Farmers harvested {m} percent more grain.",
    ),
    (
        "Новый автобус будет ходить каждые {m} минут.",
        "Новы аўтобус будзе хадзіць кожныя {m} хвілін.",
        "The new bus will run every {m} minutes.",
    ),
    (
        "На выставке покажут работы {n} художников.",
        "На выставе пакажуць працы {n} мастакоў.",
        "The exhibition will show works by {n} artists.",
    ),
    (
        "Школа получила {m} новых компьютеров.",
        "Школа атрымала {m} новых камп'ютараў.",
        "The school has received {m} new computers.",
    ),
    (
        "В парке высадили {n} молодых деревьев.",
        "У парку высадзілі {n} маладых дрэў.",
        "{n} young trees have been planted in the park.",
    ),
]
TITLES = [
    ("Новости из {c}", "Навіны з {c}", "News from {c}"),
    (
        "Что изменилось в {c} за год",
        "Што змянілася ў {c} за год",
        "What has changed in {c} in a year",
    ),
]
CITIES = [
    ("Минске", "Мінску", "Minsk"),
    ("Гродно", "Гродна", "Grodno"),
    ("Бресте", "Брэсце", "Brest"),
]
LANGS = ("ru", "be", "en")


def _article(index: int) -> tuple[str, dict[str, dict[str, str]]]:
    """Markdown of article `index` and its translations {lang: {ru sentence: translation}}."""
    rng = random.Random(index)
    table: dict[str, dict[str, str]] = {"be": {}, "en": {}}

    def pick(templates) -> str:
        tpl = rng.choice(templates)
        city = rng.choice(CITIES)
        n, m = rng.randint(11, 900), rng.randint(2, 40)
        texts = [t.format(c=c, n=n, m=m) for t, c in zip(tpl, city, strict=True)]
        table["be"][texts[0]] = texts[1]
        table["en"][texts[0]] = texts[2]
        return texts[0]

    title = pick(TITLES)
    paragraphs = [" ".join(pick(SENTENCES) for _ in range(3)) for _ in range(4)]
    date = dt.date(2021, 1, 1) + dt.timedelta(days=index % 700)
    front = (
        f"---\nslug: bench-{index:05d}\nlang: ru\ntitle: {title}\ndate: {date.isoformat()}\n---\n"
    )
    return front + "\n" + "\n\n".join(paragraphs) + "\n", table


def make_corpus(root: Path, n: int) -> None:
    """A project with n articles and approved be and en catalogs."""
    from transflow.pipeline.project import Project
    from transflow.pipeline.runner import run
    from transflow.po.pofile import format_po, read_po

    (root / "source_articles").mkdir(parents=True)
    (root / "transflow.toml").write_text(
        '[project]\nlanguages = ["be", "ru", "en"]\n\n'
        "[publish]\nthreshold = 100\nlacinka = false\n",
        "utf-8",
    )
    tables = {}
    for i in range(n):
        text, table = _article(i)
        (root / "source_articles" / f"bench-{i:05d}.md").write_text(text, "utf-8")
        tables[f"bench-{i:05d}"] = table
    project = Project.open(root)
    run(project, ("extract", "update"))
    for slug, table in tables.items():
        for lang in ("be", "en"):
            path = project.po_path(lang, slug)
            catalog = read_po(path)
            for message in catalog.messages:
                if message.msgid and not message.obsolete:
                    message.msgstr = table[lang][message.msgid]
            path.write_text(format_po(catalog), "utf-8")


def main() -> int:
    """Build the corpus, time `transflow render` (extract, update, render), print the figure."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--jobs", type=int, default=1, help="processes (transflow render --jobs)")
    ap.add_argument("--keep", type=Path, help="build the project in this folder and keep it")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from transflow.pipeline.project import Project
    from transflow.pipeline.runner import run

    root = args.keep or Path(tempfile.mkdtemp(prefix="tf-render-bench-"))
    if args.keep and root.exists():
        shutil.rmtree(root)
    try:
        t0 = time.perf_counter()
        make_corpus(root, args.n)
        setup = time.perf_counter() - t0
        t0, c0 = time.perf_counter(), time.process_time()
        report = run(Project.open(root), ("extract", "update", "render"), jobs=args.jobs)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        t0 = time.perf_counter()
        run(Project.open(root), ("extract", "update", "render"))
        again = time.perf_counter() - t0
        data = json.loads((root / "dist" / "manifest.json").read_text("utf-8"))
        published = sum(
            1
            for article in data["articles"]
            for info in article["languages"].values()
            if info["status"] == "published"
        )
        pages = len(list((root / "dist").glob("*/*.html")))
        verdict = "OK" if seconds <= TARGET_SECONDS else "SLOWER THAN TARGET"
        print(f"corpus: {args.n} articles x 3 languages, made in {setup:.1f} s; jobs={args.jobs}")
        print(
            f"render: {seconds:.2f} s for {published} published renderings ({pages} pages "
            f"incl. indexes), target <= {TARGET_SECONDS:.0f} s: {verdict}"
        )
        print(
            f"render CPU time: {cpu:.2f} s (wall time above includes waiting for the disk "
            f"and for other processes; load average {os.getloadavg()[0]:.1f})"
        )
        print(f"render again (nothing changed): {again:.2f} s")
        print(f"problems: {len(report.problems)}")
        return 0 if seconds <= TARGET_SECONDS else 1
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

"""Deterministic generator of Russian news-style Markdown articles (~300 words) for benchmarks."""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

CITIES = ["Минске", "Гомеле", "Бресте", "Гродно", "Витебске", "Могилёве", "Пинске", "Лиде"]
PEOPLE = ["Иван Петрович", "Ольга Сидоренко", "Павел Коваль", "Анна Мельник", "Сергей Лис"]
ORGS = ["министерство экономики", "областной исполком", "национальный банк", "союз фермеров"]
SUBJECTS = ["Новый завод", "Городская больница", "Районная школа", "Сельский клуб", "Стадион"]
VERBS = ["открыли", "отремонтировали", "построили", "расширили", "модернизировали"]
GOODS = ["молока", "зерна", "тракторов", "мебели", "удобрений", "картофеля"]
TEMPLATES = [
    "В {city} {verb} объект, на который потратили {n} миллионов рублей.",
    "{subject} в {city} за год увеличил выпуск {goods} на {p} процента.",
    "По мнению специалистов, работы завершатся до конца {month}.",
    "Представители {org} обсудили планы на {year} год.",
    "Фермеры района собрали {n} тысяч тонн {goods}, что на {p} процента больше прошлого года.",
    "Синоптики обещают в {city} до плюс {t} градусов и небольшой дождь.",
    "На встрече в {city} говорили о ценах, зарплатах и новых рабочих местах.",
    "По данным {org}, спрос на продукцию растёт уже {n} месяцев подряд.",
    "Экспорт {goods} в соседние страны вырос почти в {k} раза.",
    "В субботу в {city} пройдёт ярмарка, где покажут более {n} видов товаров.",
    "На пресс-конференции выступили {person} и другие специалисты.",
    "Команда из {city} выиграла турнир со счётом {a}:{b}.",
    "Руководство {org} пообещало помочь молодым семьям с жильём.",
]
MONTHS = ["марта", "апреля", "мая", "июня", "сентября", "октября"]


def sentence(rng: random.Random) -> str:
    """One sentence from a template filled with random words and numbers."""
    return rng.choice(TEMPLATES).format(
        city=rng.choice(CITIES),
        verb=rng.choice(VERBS),
        subject=rng.choice(SUBJECTS),
        goods=rng.choice(GOODS),
        person=rng.choice(PEOPLE),
        org=rng.choice(ORGS),
        month=rng.choice(MONTHS),
        year=rng.randint(2021, 2026),
        n=rng.randint(2, 90),
        p=rng.randint(2, 30),
        t=rng.randint(5, 28),
        k=rng.randint(2, 4),
        a=rng.randint(0, 5),
        b=rng.randint(0, 5),
    )


def article(index: int, seed: int = 1, words: int = 300, per_day: int = 0) -> str:
    """The Markdown text (front matter + paragraphs) of article number `index`; dated within
    one year, or `per_day` articles a day from 2021-03-09 (an archive of several years)."""
    rng = random.Random(seed * 1_000_003 + index)
    days = index // per_day if per_day else index % 365
    date = dt.date(2021, 3, 9) + dt.timedelta(days=days)
    title = sentence(rng).rstrip(".")
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
        count += len(para.split())
        paragraphs.append(para)
    front = (
        f"---\nslug: bench-{index:05d}\nlang: ru\ntitle: {title}\ndate: {date.isoformat()}\n---\n"
    )
    return front + "\n" + "\n\n".join(paragraphs) + "\n"


def generate(
    out_dir: Path, n: int, seed: int = 1, words: int = 300, per_day: int = 0
) -> list[Path]:
    """Write n articles to out_dir/bench-NNNNN.md and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = out_dir / f"bench-{i:05d}.md"
        p.write_text(article(i, seed, words, per_day), encoding="utf-8")
        paths.append(p)
    return paths


def segments(text: str) -> list[str]:
    """Sentences of an article body (front matter skipped): a simple split for benchmarks."""
    import razdel

    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    out = []
    for para in body.split("\n\n"):
        out.extend(s.text for s in razdel.sentenize(para.strip()) if s.text)
    return out


def main() -> None:
    """Command line: python bench/corpus.py OUT_DIR -n 200."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    paths = generate(args.out_dir, args.n, args.seed)
    print(f"wrote {len(paths)} articles to {args.out_dir}")


if __name__ == "__main__":
    main()

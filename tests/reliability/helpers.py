"""Shared helpers of the reliability tests: CLI runs, generated projects, tree snapshots."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from tests.paths import REPO_ROOT
from transflow.po.pofile import format_po, read_po

SRC = REPO_ROOT / "src"
TEMP_GLOB = ".*.tmp"

#: sentence pieces of the generated articles (written for these tests)
OPENERS = [
    "The district council of {town} approved a plan to repair {n} bridges before winter.",
    "Farmers near {town} gathered {n} thousand tonnes of rye, {p} percent more than last year.",
    "A new tram line in {town} will carry about {n} thousand passengers a day.",
    "Teachers from {town} met on Tuesday to discuss the reading lists for {year}.",
    "The museum in {town} opened a hall of old maps that took {n} months to restore.",
    "Engineers tested {n} electric buses on the hilly streets of {town}.",
    "Volunteers planted {n} oak trees along the river bank in {town}.",
    "The local choir of {town} sang in {n} villages during the summer tour.",
    "A bakery in {town} now sells bread made from flax seed and barley.",
    "Doctors in {town} said the new clinic will see {n} patients a week.",
]
TOWNS = ["Lida", "Pinsk", "Orsha", "Mozyr", "Baranovichi", "Polotsk", "Slonim", "Nesvizh"]


def transflow(root: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run `python -m transflow.cli -C root ARGS` and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "transflow.cli", "-C", str(root), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=cli_env(),
    )


def cli_env() -> dict[str, str]:
    """The environment of CLI subprocesses: the source tree importable, no terminal."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), str(REPO_ROOT), env.get("PYTHONPATH", "")])
    env["SOURCE_DATE_EPOCH"] = "1700000000"  # the publishing clock, the same in every run
    return env


def cli_command(root: Path, *args: str) -> list[str]:
    """The argv of a CLI run (for Popen)."""
    return [sys.executable, "-m", "transflow.cli", "-C", str(root), *args]


def sentence(rng: random.Random) -> str:
    """One generated sentence."""
    return rng.choice(OPENERS).format(
        town=rng.choice(TOWNS),
        n=rng.randint(2, 900),
        p=rng.randint(2, 40),
        year=rng.randint(2020, 2030),
    )


def generated_article(index: int, seed: int, paragraphs: int = 6) -> str:
    """A Markdown source article in English with front matter (deterministic)."""
    rng = random.Random(seed * 7919 + index)
    title = f"Report number {index} from {rng.choice(TOWNS)}"
    body = "\n\n".join(" ".join(sentence(rng) for _ in range(3)) for _ in range(paragraphs))
    day = 1 + index % 28
    return (
        f"---\nslug: gen-{index:03d}\nlang: en\ntitle: {title}\ndate: 2022-05-{day:02d}\n"
        f"place: Minsk\n---\n\n{body}\n"
    )


def add_articles(root: Path, count: int, seed: int = 5, paragraphs: int = 6) -> None:
    """Write `count` generated articles into root/source_articles."""
    folder = root / "source_articles"
    for i in range(count):
        (folder / f"gen-{i:03d}.md").write_text(generated_article(i, seed, paragraphs), "utf-8")


def approve(po: Path, every: int = 1) -> dict[str, str]:
    """Approve every `every`-th entry of a PO file by hand; return {msgid: msgstr} approved."""
    catalog = read_po(po)
    done = {}
    for i, message in enumerate(m for m in catalog.messages if m.msgid and not m.obsolete):
        if i % every:
            continue
        message.msgstr = f"(ok) {message.msgid}"
        message.flags = [f for f in message.flags if f != "fuzzy"]
        message.previous_msgid = None
        done[message.msgid] = message.msgstr
    po.write_text(format_po(catalog), "utf-8")
    return done


def approved_entries(root: Path) -> dict[tuple[str, str], str]:
    """{(PO path relative to root, msgid): msgstr} of every approved active entry."""
    out = {}
    for po in sorted((root / "locales").rglob("*.po")):
        rel = str(po.relative_to(root))
        for m in read_po(po).messages:
            if m.approved and not m.obsolete and m.msgid:
                out[(rel, m.msgid)] = m.msgstr
    return out


def outputs(root: Path) -> dict[str, bytes]:
    """Files of locales/, dist/ and published/, temp files included."""
    files = {}
    for top in ("locales", "dist", "published"):
        for path in sorted((root / top).rglob("*")):
            if not path.is_file():
                continue
            raw = path.read_bytes()
            files[str(path.relative_to(root))] = raw
    return files


def temp_files(root: Path) -> list[str]:
    """Our atomic-write temp files (`.<name>.*.tmp`) anywhere in the project."""
    return sorted(str(p.relative_to(root)) for p in root.rglob(TEMP_GLOB))


def msgfmt_failures(paths: list[Path]) -> list[str]:
    """Run `msgfmt -c` on every file in one shell; return the failures' messages."""
    if not paths:
        return []
    script = (
        'for f in "$@"; do out=$(msgfmt -c -o /dev/null "$f" 2>&1) || echo "FAILED $f: $out"; done'
    )
    out = subprocess.run(
        ["sh", "-c", script, "sh", *map(str, paths)], capture_output=True, text=True, check=True
    ).stdout
    return [line for line in out.splitlines() if line.startswith("FAILED")]

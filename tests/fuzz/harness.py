"""Run the CLI in-process on fuzzed input and judge the outcome (status, message, files)."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from transflow.cli import main

REPO = Path(__file__).resolve().parents[2]
LANGS = ("be", "ru", "en")
PAIRS = [f"{a}-{b}" for a in LANGS for b in LANGS if a != b]


@dataclass
class Outcome:
    """What one CLI run did: its exit status and what it printed."""

    status: int
    out: str
    err: str


class _Stdin(io.TextIOWrapper):
    """Standard input made of given bytes (never a terminal)."""

    def isatty(self) -> bool:
        return False


def run_cli(*argv: str, stdin: bytes = b"") -> Outcome:
    """Call transflow.cli.main(argv) with stdout/stderr captured (argparse exits included).

    An exception escaping main() is a traceback the user would see: it is not caught here, so
    the test fails with it.
    """
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = _Stdin(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(list(argv))
            except SystemExit as exc:  # argparse
                status = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = old_stdin
    return Outcome(status, out.getvalue(), err.getvalue())


def warm_up() -> None:
    """Load what is loaded once per process (language models, the HTML extractor), so that the
    first example is not charged for it against the per-input deadline."""
    import trafilatura

    from transflow.lang.identify import detect

    detect("Сёння ў Мінску адкрылася бібліятэка")
    page = "<html><body><p>12 марта 2021</p><h1>Т</h1><p>Warm up, 31 May 2021.</p></body></html>"
    trafilatura.extract(page)
    trafilatura.extract_metadata(page)  # loads its date parsers on first use (seconds)


#: engine names of the fuzz configurations -> their types (the fake is a test double, a plugin)
ENGINE_TYPES = {"fake": "tests.mt.fake:FakeEngine"}


def config_text(engine: str = "fake", threshold: int = 0) -> str:
    """A transflow.toml with every pair on `engine` (the deterministic fake, or apertium)."""
    chains = "".join(f'"{p}" = ["memory", "{engine}"]\n' for p in PAIRS)
    return (
        '[project]\nlanguages = ["be", "ru", "en"]\nsource_dir = "source_articles"\n'
        'locales_dir = "locales"\ndist_dir = "dist"\n\n[translate]\ntrust_memory = false\n\n'
        f'[chains]\n{chains}\n[engines.memory]\ntype = "memory"\n\n'
        f'[engines.{engine}]\ntype = "{ENGINE_TYPES.get(engine, engine)}"\n'
        + ("timeout = 5\n" if engine == "apertium" else "")  # fail within the deadline
        + f"\n[publish]\nthreshold = {threshold}\n"
    )


GOOD_ARTICLE = (
    "---\nslug: river-port\nlang: ru\ntitle: Речной порт открылся\ndate: 2021-05-04\n"
    "place: Гомель\n---\n\nНовый речной порт принял первые суда.\n\n"
    "Порт будет работать до ноября.\n"
)


@contextlib.contextmanager
def project(
    engine: str = "fake", with_article: bool = True, glossary: str | None = None
) -> Iterator[Path]:
    """A throw-away project folder (removed afterwards): config, optionally one good article."""
    root = Path(tempfile.mkdtemp(prefix="tf-fuzz-"))
    try:
        text = config_text(engine)
        if glossary:
            text = text.replace(
                'dist_dir = "dist"\n', f'dist_dir = "dist"\nglossary = "{glossary}"\n'
            )
        (root / "transflow.toml").write_text(text, "utf-8")
        (root / "source_articles").mkdir()
        if with_article:
            (root / "source_articles" / "river-port.md").write_text(GOOD_ARTICLE, "utf-8")
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root (the lock file, which holds no data, left out)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "lock"
    }


_ERROR_RE = re.compile(r"^transflow: error: (?P<where>.*?)(?::(?P<line>\d+))?: ", re.MULTILINE)


def assert_outcome(
    outcome: Outcome,
    allowed: set[int],
    named: Path | str | list[Path] | None = None,
    lines: int | None = None,
    line_required: bool = False,
) -> None:
    """The status is one documented for this input; an error names the file (and a real line).

    `named`: the file the error must name (or a list of files, one of which); `lines`: how
    many lines it has (a line named must be one of them, or the one past its end);
    `line_required`: the message must give a line.
    """
    assert outcome.status in allowed, (outcome.status, outcome.err[-2000:])
    assert "Traceback" not in outcome.err
    if outcome.status == 0 or named is None:
        return
    names = [str(n) for n in (named if isinstance(named, list | tuple) else [named])]
    errors = [m for m in _ERROR_RE.finditer(outcome.err) if m.group("where") in names]
    assert errors, f"no error names {names}: {outcome.err[-2000:]!r}"
    found = errors[0]
    if line_required:
        assert found.group("line"), f"no line in {found.group(0)!r}"
    if found.group("line") and lines is not None:
        assert 1 <= int(found.group("line")) <= lines + 1, (found.group(0), lines)


def line_count(data: bytes) -> int:
    """Lines of a file, counting LF, CRLF and a lone CR each as a line end (as transflow does)."""
    return len(re.split(rb"\r\n|\r|\n", data))

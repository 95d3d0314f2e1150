"""Fuzzing `mt` (with real Apertium) and `detect` through their standard input."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import event, given
from hypothesis import strategies as st

from .gen_requests import stdin_bytes
from .harness import assert_outcome, project, run_cli, warm_up
from .profiles import fuzz_settings

#: Apertium's stream format reserves these; they must come back as they went in
RESERVED = "{}^$/\\@<>[]~*#"
CODES = {"be", "ru", "uk", "en", "und"}

warm_up()


def stdin_lines(raw: bytes) -> list[bytes]:
    """The lines `readline` gives for these bytes."""
    return [line + b"\n" for line in raw.split(b"\n")[:-1]] + (
        [raw.rsplit(b"\n", 1)[-1]] if not raw.endswith(b"\n") and raw else []
    )


def first_bad_line(lines: list[bytes]) -> int | None:
    """Number of the first line that is not UTF-8, else None."""
    for number, line in enumerate(lines, start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return None


@fuzz_settings(300)
@given(raw=stdin_bytes, pair=st.sampled_from([("ru", "be"), ("be", "ru")]))
def test_mt_with_apertium_takes_any_input(raw: bytes, pair: tuple[str, str]) -> None:
    with project(engine="apertium", with_article=False) as root:
        outcome = run_cli(
            "-C", str(root), "mt", "--from", pair[0], "--to", pair[1], "--engine", "apertium",
            stdin=raw,
        )  # fmt: skip
    event(f"exit {outcome.status}")
    lines = stdin_lines(raw)
    bad = first_bad_line(lines)
    if bad is not None:
        assert_outcome(outcome, {2}, named="<stdin>")
        assert f"transflow: error: <stdin>:{bad}: not UTF-8" in outcome.err
        assert outcome.out == ""
        return
    assert_outcome(outcome, {0})
    out = outcome.out.split("\n")[:-1]
    assert len(out) == len(lines)
    for source, target in zip(lines, out, strict=True):
        text = source.decode("utf-8").removesuffix("\n").removesuffix("\r")
        want = Counter(ch for ch in text if ch in RESERVED)
        assert Counter(ch for ch in target if ch in RESERVED) == want, (text, target)


@fuzz_settings(600)
@given(raw=stdin_bytes)
def test_detect_names_a_language_or_und_for_any_line(raw: bytes) -> None:
    outcome = run_cli("detect", stdin=raw)
    assert_outcome(outcome, {0})
    codes = outcome.out.split("\n")[:-1]
    lines = stdin_lines(raw)
    assert len(codes) == len(lines)
    # be/ru/uk/en/und from transflow's identifier, or another ISO 639-1 code named by langdetect
    assert all(code in CODES or re.fullmatch(r"[a-z]{2}", code) for code in codes), codes
    for line, code in zip(lines, codes, strict=True):
        if first_bad_line([line]) is not None:
            assert code == "und", line

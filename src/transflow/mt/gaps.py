"""Words Apertium dropped: find the gap each leaves in the output and the source word it lost.

Apertium keeps every blank of its input in place. When a transfer rule outputs nothing for a
word (ru->be short passive participles: "опубликована"), the blanks on both sides of the word stay
and meet: two spaces in a row, a space before closing punctuation, or a space at either end.
Counting the words on both sides tells which source word is missing; when multiword units make the
counts differ, the missing word is the nearby source word that nothing in the output resembles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: word tokens (letters or digits, with inner hyphens and apostrophes)
WORD_RE = re.compile(r"\w+(?:[-'’ʼ]\w+)*")
#: blanks that met: "  x", " ." and a blank at either end of the text
_GAP_RE = re.compile(r"(?<=\S) (?= )|(?<=\S) (?=[.,;:!?…)»”])|^ (?=\S)|(?<=\S) $")
#: letters folded so that a Russian word and its Belarusian counterpart look alike
_FOLD = str.maketrans("іўэёыцґ", "ивееитг", "'ъь")


@dataclass(frozen=True)
class Gap:
    """A place in the output (a character offset) where a source word went missing."""

    offset: int
    word: str | None  # the lost source word; None when it cannot be told


def _count_gaps(text: str) -> int:
    return len(_GAP_RE.findall(text))


def find_gaps(source: str, output: str) -> list[Gap]:
    """The gaps of `output` that `source` does not have, each with the source word it lost."""
    if _count_gaps(output) <= _count_gaps(source):
        return []
    spots = [m.start() for m in _GAP_RE.finditer(output)]
    # a pattern present in the source too (e.g. "a . b" written so) is not a gap: ignore the
    # same number of the earliest spots as the source holds
    spots = spots[_count_gaps(source) :]
    src_words = WORD_RE.findall(source)
    out_words = [(m.start(), m.group()) for m in WORD_RE.finditer(output)]
    exact = len(src_words) == len(out_words) + len(spots)
    gaps: list[Gap] = []
    for n, spot in enumerate(spots):
        before = sum(1 for start, _ in out_words if start < spot)
        if exact:
            word: str | None = src_words[before + n]
        else:
            word = _unmatched(src_words, [w for _, w in out_words], before + n)
        gaps.append(Gap(spot, word))
    return gaps


def _skeleton(word: str) -> str:
    """The first consonants of a word after folding be/ru spelling differences."""
    w = word.lower().replace("дз", "д").translate(_FOLD)
    return "".join(c for c in w if c not in "аеиоуюя")[:3]


def _unmatched(src_words: list[str], out_words: list[str], near: int) -> str | None:
    """The source word closest to index `near` with no output word alike; None if none is."""
    seen = {_skeleton(w) for w in out_words}
    order = sorted(range(len(src_words)), key=lambda j: abs(j - near))
    for j in order[:5]:
        w = src_words[j]
        if w.isalpha() and _skeleton(w) not in seen:
            return w
    return None


def fill(output: str, gaps: list[Gap], words: list[str | None]) -> str:
    """Put words[i] (None: nothing) into gap i of `output`, leaving single spaces only."""
    parts: list[str] = []
    pos = 0
    for gap, word in zip(gaps, words, strict=True):
        parts.append(output[pos : gap.offset])
        if not word:
            pass  # nothing to put: the blank goes
        elif gap.offset == 0:
            parts.append(word + " ")  # the lost word began the text
        else:
            parts.append(" " + word)
        pos = gap.offset + 1
    parts.append(output[pos:])
    return "".join(parts)

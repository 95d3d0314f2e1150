"""Words Apertium dropped: find the gap each leaves in the output and the source word it lost.

Apertium keeps every blank of its input in place. When a transfer rule outputs nothing for a
word (ru->be short passive participles: "опубликована"), the blanks on both sides of the word stay
and meet: two spaces in a row, a space before closing punctuation, or one more space at either
end than the source has; a word alone inside markup leaves an empty placeholder pair, and a first
word followed directly by punctuation leaves the punctuation first.
Counting the words on both sides tells which source word is missing; when multiword units make the
counts differ, the missing word is the nearby source word that nothing in the output resembles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: word tokens (letters or digits, with inner hyphens and apostrophes)
WORD_RE = re.compile(r"\w+(?:[-'’ʼ]\w+)*")
#: blanks that met inside the text: "  x" and " ."
_INNER_RE = re.compile(r"(?<=\S) (?= )|(?<=\S) (?=[.,;:!?…)»”])")
#: a placeholder pair with nothing inside: the word it held went missing ("<b></b>")
_EMPTY_TAGS_RE = re.compile(r"<([A-Za-z][\w-]*)>(?=</\1>)")
_CLOSERS = ".,;:!?…)»”"
#: letters folded so that a Russian word and its Belarusian counterpart look alike
_FOLD = str.maketrans("іўэёыцґ", "ивееитг", "'ъь")


@dataclass(frozen=True)
class Gap:
    """A place in the output (a character offset) where a source word went missing.

    kind: "inner" (the blank at offset becomes " word"), "lead" (the blank becomes "word "),
    "trail" (the blank becomes " word") or "bare" (the word goes in at offset, no blank taken).
    """

    offset: int
    word: str | None  # the lost source word; None when it cannot be told
    kind: str = "inner"


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def _trail(text: str) -> int:
    return len(text) - len(text.rstrip())


def find_gaps(source: str, output: str) -> list[Gap]:
    """The gaps of `output` that `source` does not have, each with the source word it lost."""
    s_core, lo = source.strip(), _lead(output)
    o_core = output.strip()
    if not s_core:
        return []
    spots: list[tuple[int, str]] = []
    if lo > _lead(source):
        spots.append((lo - 1, "lead"))
    elif WORD_RE.match(s_core) and (not o_core or o_core[0] in _CLOSERS):
        spots.append((lo, "bare"))  # the first word went with no blank: "Опубликована." -> "."
    inner = [m.start() + lo for m in _INNER_RE.finditer(o_core)]
    # a pattern the source holds too (e.g. "a . b" written so) is not a gap: skip as many
    spots += [(o, "inner") for o in inner[len(_INNER_RE.findall(s_core)) :]]
    if o_core and _trail(output) > _trail(source):
        spots.append((len(output) - _trail(output), "trail"))
    spots += [
        (m.end(), "bare")
        for m in _EMPTY_TAGS_RE.finditer(output)
        if m.group() + "</" + m.group(1) + ">" not in source
    ]
    if not spots:
        return []
    spots.sort()
    src_words = WORD_RE.findall(source)
    out_words = [(m.start(), m.group()) for m in WORD_RE.finditer(output)]
    exact = len(src_words) == len(out_words) + len(spots)
    gaps: list[Gap] = []
    for n, (spot, kind) in enumerate(spots):
        before = sum(1 for start, _ in out_words if start < spot)
        if exact:
            word: str | None = src_words[before + n]
        else:
            word = _unmatched(src_words, [w for _, w in out_words], before + n)
        gaps.append(Gap(spot, word, kind))
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
        parts.append(put_word(gap.kind, word))
        pos = gap.offset + (0 if gap.kind == "bare" else 1)
    parts.append(output[pos:])
    return "".join(parts)


def put_word(kind: str, word: str | None) -> str:
    """What replaces a gap of this kind: the word with the blank it needs, or nothing."""
    if not word:
        return ""
    return {"lead": word + " ", "bare": word}.get(kind, " " + word)

"""Word differences between a memory match's source and a new segment, marked for reviewers.

The notation is the one of `git diff --word-diff=plain` and GNU wdiff: `[-words-]` are in the
memory's source only, `{+words+}` in the new segment only. Unchanged stretches longer than
a few words are shortened to `…` (they are in the segment the reviewer is looking at).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from transflow.mt.memory import ws_normalize

DELETED = ("[-", "-]")
INSERTED = ("{+", "+}")
ELLIPSIS = "…"
#: words of unchanged text kept on each side of a difference
CONTEXT = 4

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")
_WORD_RE = re.compile(r"\w")


def mark_differences(memory_source: str, segment: str, context: int = CONTEXT) -> str:
    """`memory_source` on one line, with what `segment` has instead marked in wdiff notation.

    >>> mark_differences("It will be sunny and warm.", "It will be cold and rainy.")
    'It will be [-sunny-]{+cold+} and [-warm-]{+rainy+}.'
    """
    old = _TOKEN_RE.findall(ws_normalize(memory_source))
    new = _TOKEN_RE.findall(ws_normalize(segment))
    parts: list[tuple[list[str], list[str]] | list[str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(old[i1:i2])
        elif parts and isinstance(parts[-1], tuple):
            parts[-1][0].extend(old[i1:i2])
            parts[-1][1].extend(new[j1:j2])
        else:
            parts.append((old[i1:i2], new[j1:j2]))
    if not any(isinstance(part, tuple) for part in parts):
        return "".join(old)
    _join_changes_across_spaces(parts)
    out: list[str] = []
    last = len(parts) - 1
    for index, part in enumerate(parts):
        if isinstance(part, tuple):
            out.append(_change(*part))
        else:
            out.append(_shorten(part, context, head=index > 0, tail=index < last))
    return "".join(out)


def _join_changes_across_spaces(parts: list) -> None:
    """Make one change of two changes separated by nothing but a space."""
    index = 1
    while index < len(parts) - 1:
        here = parts[index]
        before, after = parts[index - 1], parts[index + 1]
        if (
            not isinstance(here, tuple)
            and isinstance(before, tuple)
            and isinstance(after, tuple)
            and all(token.isspace() for token in here)
        ):
            parts[index - 1 : index + 2] = [
                (_glue(before[0], after[0]), _glue(before[1], after[1]))
            ]
        else:
            index += 1


def _glue(one: list[str], two: list[str]) -> list[str]:
    """Two runs of changed tokens as one, a space between them when both have words."""
    return [*one, " ", *two] if one and two else one + two


def _change(deleted: list[str], inserted: list[str]) -> str:
    """One change in wdiff notation; spaces at its edges stay outside the marks."""
    lead = trail = ""
    if (not deleted or deleted[0].isspace()) and (not inserted or inserted[0].isspace()):
        lead = " "
        deleted, inserted = _drop_first_space(deleted), _drop_first_space(inserted)
    if (not deleted or deleted[-1].isspace()) and (not inserted or inserted[-1].isspace()):
        trail = " "
        deleted, inserted = _drop_last_space(deleted), _drop_last_space(inserted)
    text = lead
    if deleted:
        text += DELETED[0] + "".join(deleted) + DELETED[1]
    if inserted:
        text += INSERTED[0] + "".join(inserted) + INSERTED[1]
    return text + trail


def _drop_first_space(tokens: list[str]) -> list[str]:
    return tokens[1:] if tokens and tokens[0].isspace() else tokens


def _drop_last_space(tokens: list[str]) -> list[str]:
    return tokens[:-1] if tokens and tokens[-1].isspace() else tokens


def _shorten(tokens: list[str], context: int, head: bool, tail: bool) -> str:
    """Unchanged text: at most `context` words after the change before it (`head`) and before
    the change after it (`tail`); what lies between becomes an ellipsis."""
    words = [i for i, token in enumerate(tokens) if _WORD_RE.match(token)]
    keep = (context if head else 0) + (context if tail else 0)
    if len(words) <= keep + 1:
        return "".join(tokens)
    start = "".join(tokens[: words[context]]).rstrip() if head else ""
    end = "".join(tokens[words[-context] :]).lstrip() if tail and context else ""
    if head and tail:
        return f"{start} {ELLIPSIS} {end}"
    if head:
        return f"{start} {ELLIPSIS}"
    return f"{ELLIPSIS} {end}"

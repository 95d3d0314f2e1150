"""Apertium replies made into drafts: known respellings, dropped words put back, single spaces.

For each segment: the words Apertium did not know get the first respelling a target lexicon
knows (`transflow.mt.respell`); a source word Apertium dropped (`transflow.mt.gaps`) is translated
alone, else respelled when the lexicon knows the respelling, else kept as written, and is listed
in the draft's `dropped_words`; then the post-edit rules run and no double space is left.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from transflow.mt.base import Draft
from transflow.mt.gaps import WORD_RE, Gap, find_gaps, put_word
from transflow.mt.orthography import post_edit
from transflow.mt.respell import Lexicons, choose

#: one decoded Apertium reply: (piece, is_unknown_word) pieces and the unknown words
Decoded = tuple[list[tuple[str, bool]], list[str]]
#: translates single words through the engine; one Decoded per word
Alone = Callable[[list[str]], list[Decoded]]

_LETTER = re.compile(r"[^\W\d_]")
_DOUBLE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")

# Items of a segment being rebuilt: ("text", str), ("unknown", (word, is_name)), ("gap", index).
Item = tuple[str, object]


def _items(pieces: list[tuple[str, bool]], gaps: list[Gap]) -> list[Item]:
    """The pieces as items, the plain ones split at the gaps (whose blank, if any, is dropped)."""
    items: list[Item] = []
    pos = 0
    seen_word = False
    gap_at = {g.offset: n for n, g in enumerate(gaps)}
    placed: set[int] = set()
    for text, unknown in pieces:
        if unknown:
            is_name = seen_word and text[:1].isupper() and not text.isupper()
            items.append(("unknown", (text, is_name)))
        else:
            start = 0
            for off in sorted(o for o in gap_at if pos <= o < pos + len(text)):
                k = off - pos
                n = gap_at[off]
                items.append(("text", text[start:k]))
                items.append(("gap", n))
                placed.add(n)
                start = k + (0 if gaps[n].kind == "bare" else 1)
            items.append(("text", text[start:]))
        seen_word = seen_word or bool(WORD_RE.search(text))
        pos += len(text)
    items.extend(("gap", n) for n in range(len(gaps)) if n not in placed)  # at the very end
    return items


def _recase(model: str, word: str) -> str:
    if model[:1].isupper() and word[:1].islower():
        return word[:1].upper() + word[1:]
    return word


def _repairs(words: list[str], alone: Alone) -> dict[str, str | None]:
    """Each dropped word translated alone; None where Apertium drops or does not know it too."""
    out: dict[str, str | None] = {}
    if not words:
        return out
    for word, (pieces, unknown) in zip(words, alone(words), strict=True):
        text = "".join(p for p, _ in pieces).strip()
        good = text and _LETTER.search(text) and not unknown and "  " not in text
        out[word] = _recase(word, text) if good else None
    return out


def _unedit_kept(text: str, kept: list[str]) -> str:
    """Undo the post-edit's у -> ў on source words kept as written (they are not Belarusian)."""
    for word in kept:
        if word[:1] in "уУ":
            short = ("ў" if word[0] == "у" else "Ў") + word[1:]
            text = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", word, text)
    return text


def finish_drafts(
    sources: Sequence[str],
    decoded: Sequence[Decoded],
    src: str,
    tgt: str,
    lexicons: Lexicons,
    alone: Alone,
    disabled: Collection[str] = (),
    engine: str = "apertium",
) -> list[Draft]:
    """Drafts of the segments `sources` from their decoded Apertium replies."""
    segs: list[tuple[list[Item], list[str | None], list[str]]] = []
    for source, (pieces, unknown) in zip(sources, decoded, strict=True):
        gaps = find_gaps(source, "".join(p for p, _ in pieces))
        items = _items(pieces, gaps)
        segs.append((items, gaps, unknown))
    dropped = list(dict.fromkeys(g.word for _, gaps, _ in segs for g in gaps if g.word))
    repaired = _repairs(dropped, alone)
    keys = [item[1] for items, _, _ in segs for item in items if item[0] == "unknown"]
    keys += [(w, False) for w, r in repaired.items() if r is None]
    spelled = choose(keys, src, tgt, lexicons, disabled) if keys else {}
    drafts = []
    for source, (items, gaps, unknown) in zip(sources, segs, strict=True):
        out: list[str] = []
        kept: list[str] = []  # source words left as written
        for kind, value in items:
            if kind == "text":
                out.append(value)  # type: ignore[arg-type]
            elif kind == "unknown":
                out.append(spelled[value])  # type: ignore[index]
                if spelled[value] == value[0]:  # type: ignore[index]
                    kept.append(value[0])  # type: ignore[index]
            else:
                gap = gaps[value]  # type: ignore[index]
                word = gap.word
                put = (repaired.get(word) or spelled[(word, False)]) if word else None
                if word and put == word:
                    kept.append(word)
                out.append(put_word(gap.kind, put))
        text = _unedit_kept(post_edit("".join(out), src, tgt, disabled), kept)
        if "  " not in source:
            text = _DOUBLE.sub(" ", text)
        lead = source[: len(source) - len(source.lstrip())]
        trail = source[len(source.rstrip()) :]
        drafts.append(
            Draft(
                text=lead + text.strip() + trail,
                engine=engine,
                unknown_words=list(dict.fromkeys(unknown)),
                dropped_words=[w for w in dict.fromkeys(g.word for g in gaps) if w],
            )
        )
    return drafts

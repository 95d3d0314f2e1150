"""Apertium replies made into drafts: known respellings, dropped words put back, single spaces.

For each segment: the words Apertium did not know are looked up in the supplementary dictionary
(`transflow.mt.supplement`: they are then translated, named in the draft's note and no longer
unknown); the others get the first respelling a target lexicon knows (`transflow.mt.respell`);
a source word Apertium dropped (`transflow.mt.gaps`) is translated
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
from transflow.mt.supplement import Supplement

#: one decoded Apertium reply: (piece, is_unknown_word) pieces and the unknown words
Decoded = tuple[list[tuple[str, bool]], list[str]]
#: translates single words through the engine; one Decoded per word
Alone = Callable[[list[str]], list[Decoded]]

_LETTER = re.compile(r"[^\W\d_]")
_DOUBLE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")

# Items of a segment being rebuilt: ("text", str), ("unknown", (word, is_name)), ("gap", index),
# ("copy", word): a source word in the output, unmarked (translated only when the target's
# lexicon does not know it).
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


_APOSTROPHE_END = re.compile(r"\w+['’ʼ]$")
#: words Apertium may pass on unmarked although it did not translate them (short participles)
_COPY_RE = re.compile(r"(?<![\w'’ʼ-])[а-яёіўА-ЯЁІЎ][а-яёіў]{2,}(?![\w'’ʼ-])")


def _join_apostrophes(source: str, pieces: list[tuple[str, bool]], unknown: list[str]) -> Decoded:
    """An unknown word cut at an apostrophe (з'явілася: "з" translated, "явілася" unknown)
    made whole again: the source word replaces both parts and is the unknown word."""
    if not any(u for _, u in pieces) or not any(c in source for c in "'’ʼ"):
        return pieces, unknown
    out: list[tuple[str, bool]] = []
    unknown = list(unknown)
    for text, is_unknown in pieces:
        head = _APOSTROPHE_END.search(out[-1][0]) if is_unknown and out and not out[-1][1] else None
        if head is not None:
            m = re.search(rf"(?<!\w)\w+['’ʼ]{re.escape(text)}(?!\w)", source)
            if m is not None:
                prev = out[-1][0][: head.start()]
                out[-1] = (prev, False)
                if not prev:
                    out.pop()
                unknown = [m.group() if u == text else u for u in unknown]
                out.append((m.group(), True))
                continue
        out.append((text, is_unknown))
    return out, unknown


def _copied_words(items: list[Item], source: str) -> list[Item]:
    """Plain text items split so that source words (of three letters or more, not all capitals)
    found as written in the output become ("copy", word) items (to be checked against the
    target lexicon)."""
    words = set(_COPY_RE.findall(source))
    if not words:
        return items
    out: list[Item] = []
    for kind, value in items:
        if kind != "text" or not any(w in value for w in words):  # type: ignore[operator]
            out.append((kind, value))
            continue
        pos = 0
        for m in _COPY_RE.finditer(value):  # type: ignore[arg-type]
            if m.group() in words:
                out.append(("text", value[pos : m.start()]))  # type: ignore[index]
                out.append(("copy", m.group()))
                pos = m.end()
        out.append(("text", value[pos:]))  # type: ignore[index]
    return out


class DraftMaker:
    """Makes drafts from decoded replies as they arrive, in batches of BATCH replies.

    A segment without a gap is finished at once (one lexicon lookup per batch for the new words),
    so this work overlaps Apertium's; a segment with a gap waits for `finish`, which translates
    the dropped words alone (the pipeline is free again by then).
    """

    BATCH = 64

    def __init__(
        self,
        sources: Sequence[str],
        src: str,
        tgt: str,
        lexicons: Lexicons,
        disabled: Collection[str] = (),
        engine: str = "apertium",
        supplement: Supplement | None = None,
    ) -> None:
        self.sources, self.src, self.tgt = sources, src, tgt
        self.lexicons, self.disabled, self.engine = lexicons, disabled, engine
        self.supplement = supplement
        self.results: list[Draft | None] = [None] * len(sources)
        self.spelled: dict[tuple[str, bool], str] = {}
        self.supplied: set[str] = set()  # words the supplement translated
        self.copied_known: set[str] = set()  # source words in the output, known to the target
        self.copied_unknown: set[str] = set()  # ... and unknown to it: not translated
        self._buffer: list[tuple[int, list[Item], list[Gap], list[str]]] = []
        self._waiting: list[tuple[int, list[Item], list[Gap], list[str]]] = []

    def add(self, k: int, decoded: Decoded) -> None:
        """Take the decoded reply of segment k."""
        source = self.sources[k]
        pieces, unknown = _join_apostrophes(source, *decoded)
        gaps = find_gaps(source, "".join(p for p, _ in pieces))
        items = _copied_words(_items(pieces, gaps), source)
        seg = (k, items, gaps, unknown)
        (self._waiting if gaps else self._buffer).append(seg)
        if len(self._buffer) >= self.BATCH:
            self._flush()

    def _spell(self, keys: list[tuple[str, bool]]) -> None:
        todo = [key for key in dict.fromkeys(keys) if key not in self.spelled]
        if not todo:
            return
        unchecked: dict[tuple[str, bool], str] = {}
        if self.supplement is not None:
            found = self.supplement.lookup([w for w, _ in todo], self.src, self.tgt, self.lexicons)
            for key in todo:
                if key[0] in found:
                    form, checked = found[key[0]]
                    if checked:
                        self.spelled[key] = form
                        self.supplied.add(key[0])
                    else:
                        unchecked[key] = form
            todo = [key for key in todo if key not in self.spelled]
        if todo:
            self.spelled.update(choose(todo, self.src, self.tgt, self.lexicons, self.disabled))
        for key, form in unchecked.items():
            # a supplement form the lexicon cannot judge yields to a respelling it knows; it
            # wins over a word kept as written and over a transliterated name
            if key[1] or self.spelled[key] == key[0]:
                self.spelled[key] = form
                self.supplied.add(key[0])

    def _flush(self, repaired: dict[str, str | None] | None = None) -> None:
        segs, self._buffer = self._buffer, []
        copies = {v for _, items, _, _ in segs for kind, v in items if kind == "copy"}
        copies -= self.copied_known | self.copied_unknown  # type: ignore[operator]
        if copies:  # source words Apertium passed on unmarked: is the target's lexicon with them?
            bad = self.lexicons.unknown(self.tgt, copies)
            if bad is not None:
                self.copied_unknown |= bad  # type: ignore[arg-type]
                self.copied_known |= copies - bad  # type: ignore[operator]
            else:
                self.copied_known |= copies  # type: ignore[arg-type]
        keys = [v for _, items, _, _ in segs for kind, v in items if kind == "unknown"]
        keys += [
            (v, False)
            for _, items, _, _ in segs
            for kind, v in items
            if kind == "copy" and v in self.copied_unknown
        ]
        self._spell(keys)  # type: ignore[arg-type]
        for k, items, gaps, unknown in segs:
            self.results[k] = self._compose(k, items, gaps, unknown, repaired or {})

    def finish(self, alone: Alone) -> list[Draft]:
        """The drafts of every segment, the ones with dropped words repaired first."""
        self._flush()
        waiting, self._waiting = self._waiting, []
        dropped = list(dict.fromkeys(g.word for _, _, gaps, _ in waiting for g in gaps if g.word))
        repaired = _repairs(dropped, alone)
        self._spell([(w, False) for w, r in repaired.items() if r is None])
        self._buffer = waiting
        self._flush(repaired)
        return self.results  # type: ignore[return-value]

    def _compose(
        self,
        k: int,
        items: list[Item],
        gaps: list[Gap],
        unknown: list[str],
        repaired: dict[str, str | None],
    ) -> Draft:
        source, spelled = self.sources[k], self.spelled
        out: list[str] = []
        kept: list[str] = []  # source words left as written
        supplied: list[str] = []  # source words the supplement translated
        unknown = list(unknown)
        for kind, value in items:
            if kind == "text":
                out.append(value)  # type: ignore[arg-type]
            elif kind == "copy":
                if value not in self.copied_unknown:
                    out.append(value)  # type: ignore[arg-type]
                    continue
                unknown.append(value)  # type: ignore[arg-type]
                put = spelled[(value, False)]  # type: ignore[index]
                out.append(put)
                if value in self.supplied:
                    supplied.append(value)  # type: ignore[arg-type]
                elif put == value:
                    kept.append(value)  # type: ignore[arg-type]
            elif kind == "unknown":
                out.append(spelled[value])  # type: ignore[index]
                if value[0] in self.supplied:  # type: ignore[index]
                    supplied.append(value[0])  # type: ignore[index]
                elif spelled[value] == value[0]:  # type: ignore[index]
                    kept.append(value[0])  # type: ignore[index]
            else:
                gap = gaps[value]  # type: ignore[index]
                word = gap.word
                put = (repaired.get(word) or spelled[(word, False)]) if word else None
                if word and not repaired.get(word) and word in self.supplied:
                    supplied.append(word)
                elif word and put == word:
                    kept.append(word)
                out.append(put_word(gap.kind, put))
        text = _unedit_kept(post_edit("".join(out), self.src, self.tgt, self.disabled), kept)
        if "  " not in source:
            text = _DOUBLE.sub(" ", text)
        lead = source[: len(source) - len(source.lstrip())]
        trail = source[len(source.rstrip()) :]
        return Draft(
            text=lead + text.strip() + trail,
            engine=self.engine,
            unknown_words=[w for w in dict.fromkeys(unknown) if w not in self.supplied],
            note="supplement: " + ", ".join(dict.fromkeys(supplied)) if supplied else "",
            dropped_words=[w for w in dict.fromkeys(g.word for g in gaps) if w],
        )


def finish_drafts(
    sources: Sequence[str],
    decoded: Sequence[Decoded],
    src: str,
    tgt: str,
    lexicons: Lexicons,
    alone: Alone,
    disabled: Collection[str] = (),
    engine: str = "apertium",
    supplement: Supplement | None = None,
) -> list[Draft]:
    """Drafts of the segments `sources` from their decoded Apertium replies."""
    maker = DraftMaker(sources, src, tgt, lexicons, disabled, engine, supplement)
    for k, reply in enumerate(decoded):
        maker.add(k, reply)
    return maker.finish(alone)

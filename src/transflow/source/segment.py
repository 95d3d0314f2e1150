"""Sentence segmentation of block texts (with placeholders) for be, ru and en; lossless.

`split(text, lang)` returns the sentences and the separators around them so that
`join(*split(text, lang)) == text` for any string. The candidate boundaries come from razdel's
rule machinery (its splitter and rules), with our own abbreviation tables per language (Belarusian
and English ones razdel lacks). It runs on the text with placeholders masked out, then fix-ups veto
boundaries inside placeholder pairs (``<a1>..</a1>``) and inside quotations that continue their
sentence (``«..», — сказал он``), and move a boundary over closing placeholders. When in doubt we
do not split: a long segment costs a translator little, a sentence cut in two costs meaning.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from razdel.rule import JOIN
from razdel.segmenters.sentenize import (
    DELIMITER,
    SentSplit,
    close_bracket,
    close_quote,
    dash_right,
    delimiter_right,
    empty_side,
    initials_left,
    is_sokr,
    list_item,
    lower_right,
    no_space_prefix,
)
from razdel.segmenters.sokr import HEAD_PAIR_SOKRS, HEAD_SOKRS, PAIR_SOKRS, SOKRS

from transflow.source.markup import strip_placeholders
from transflow.source.model import Block

__all__ = ["split", "join", "split_block", "sentences", "count_words"]


def _words(*lines: str) -> frozenset[str]:
    return frozenset(w for line in lines for w in line.split())


def _pairs(*items: str) -> frozenset[tuple[str, str]]:
    return frozenset(tuple(item.split()) for item in items)  # type: ignore[misc]


# Abbreviations: HEAD ones never end a sentence (a name or number follows); TAIL ones end a
# sentence only when an upper-case word follows ("5 млн руб. Урад..." splits).
_BE_HEAD = _words(
    "вул пр-т прасп пл пер зав нам праф акад св с в в-ка г гар п пас аг каап ст арт",
    "напр гл табл мал рыс тэл вёск р-н раён р-на вобл м кн",
)
_BE_TAIL = _words("гг тыс млн млрд трлн руб кап даляр дал кг км см мм га шт гадз хв сек ін інш")
_BE_PAIR_HEAD = _pairs("т зв", "г зн")
_BE_PAIR_TAIL = _pairs("г д", "н э", "і інш", "да н")
_RU_HEAD = _words("ген зам нач пр-т пр-кт просп д-р г-н г-жа им св ст р-н р-на обл")
_RU_TAIL = _words("трлн тыс млн млрд руб коп долл дол кг км шт мин сек час др пр")
_EN_HEAD = _words(
    "mr mrs ms mx dr prof st gen col lt sgt capt cmdr adm gov sen rep pres rev hon sr jr",
    "vs no nos vol fig art sec ch pp approx dept est mt ft ave blvd rd",
    "jan feb mar apr jun jul aug sep sept oct nov dec",
)
_EN_TAIL = _words("etc inc ltd co corp bros plc al")
_EN_PAIR_HEAD = _pairs("e g", "i e", "u n")
_EN_PAIR_TAIL = _pairs("a m", "p m", "u s", "u k", "e u")


class _Lang:
    """Abbreviation tables of one language."""

    def __init__(self, head, tail, pair_head, pair_tail):
        self.head = frozenset(head)
        self.all = frozenset(head) | frozenset(tail)
        self.pair_head = frozenset(pair_head)
        self.pairs = frozenset(pair_head) | frozenset(pair_tail)


_LANGS = {
    "ru": _Lang(
        HEAD_SOKRS | _RU_HEAD, SOKRS | _RU_TAIL, HEAD_PAIR_SOKRS, PAIR_SOKRS - HEAD_PAIR_SOKRS
    ),
    "be": _Lang(
        HEAD_SOKRS | _BE_HEAD | _RU_HEAD,
        SOKRS | _BE_TAIL,
        HEAD_PAIR_SOKRS | _BE_PAIR_HEAD,
        (PAIR_SOKRS - HEAD_PAIR_SOKRS) | _BE_PAIR_TAIL,
    ),
    "en": _Lang(_EN_HEAD, _EN_TAIL, _EN_PAIR_HEAD, _EN_PAIR_TAIL),
}
_LEFT_ABBR_RE = re.compile(r"([^\W\d]+(?:-[^\W\d]+)?)\s*$")


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isalpha() and word.isupper()


def _sokr_rule(lang: _Lang) -> Callable:
    def sokr_left(split):
        if split.delimiter != ".":
            return None
        right = split.right_token or ""
        pair = split.left_pair_sokr
        if pair:
            key = (pair[0].lower(), pair[1].lower())
            if key in lang.pair_head:
                return JOIN
            if key in lang.pairs:
                return JOIN if is_sokr(right) else None
        m = _LEFT_ABBR_RE.search(split.left)
        word = m.group(1).lower() if m else ""
        if word in lang.head:
            return JOIN
        if word in lang.all and (is_sokr(right) or _acronym(right)):
            return JOIN  # "5 млн руб. в год", "3 млрд долл. США"
        return None

    return sokr_left


def _rules(lang: _Lang) -> list[Callable]:
    return [
        empty_side,
        no_space_prefix,
        lower_right,
        delimiter_right,
        _sokr_rule(lang),
        initials_left,
        list_item,
        close_quote,
        close_bracket,
        dash_right,
    ]


_RULES = {code: _rules(lang) for code, lang in _LANGS.items()}
_DELIM_RE = re.compile(DELIMITER)
_WINDOW = 10
_TAG_OR_ESC_RE = re.compile(r"\\[\\<]|<(/?)([A-Za-z][A-Za-z0-9]*)(/?)>")
_CLOSING_TAGS_RE = re.compile(r"(?:</[A-Za-z][A-Za-z0-9]*>)+")
_WORD_RE = re.compile(r"\w+(?:[-'’.,]\w+)*")


def _mask(text: str) -> tuple[str, list[int], list[int]]:
    """Remove placeholder tokens (code -> "0"); return masked text and the offset map."""
    if "<" not in text:
        return text, [], []
    out: list[str] = []
    qs: list[int] = []
    cum: list[int] = []
    pos = masked = removed = 0
    for m in _TAG_OR_ESC_RE.finditer(text):
        if m.group(0)[0] == "\\":
            continue
        out.append(text[pos : m.start()])
        masked += m.start() - pos
        token = m.group(0)
        if m.group(3) and not m.group(1):
            removed += len(token) - 1
            out.append("0")
            qs.append(masked)
            cum.append(removed)
            masked += 1
        else:
            removed += len(token)
            qs.append(masked)
            cum.append(removed)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), qs, cum


def _candidates(masked: str, rules: Sequence[Callable]) -> list[int]:
    """Boundary offsets (end of a sentence) in the masked text."""
    bounds: list[int] = []
    last = 0
    for m in _DELIM_RE.finditer(masked):
        start, stop = m.span()
        if stop >= len(masked) or not masked[stop].isspace():
            continue  # razdel's empty_side / no_space_prefix would join: skip the costly split
        left = masked[max(0, start - _WINDOW) : start]
        sp = SentSplit(left, m.group(1), masked[stop : stop + _WINDOW], masked[last:start])
        for rule in rules:
            action = rule(sp)
            if action:
                break
        else:
            action = None
        if action != JOIN:
            bounds.append(stop)
            last = stop
    return bounds


def _pairs_in(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of matched placeholder pairs in the original text."""
    out = []
    stack: list[tuple[str, int]] = []
    for m in _TAG_OR_ESC_RE.finditer(text):
        if m.group(0)[0] == "\\" or m.group(3):
            continue
        if not m.group(1):
            stack.append((m.group(2), m.start()))
        else:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == m.group(2):
                    out.append((stack[k][1], m.end()))
                    del stack[k:]
                    break
    return out


_OPENERS = {"«": "»", "„": "“", "“": "”", '"': '"'}
_QUOTE_CHARS_RE = re.compile('[«»„“”"]')
_CONTINUES_RE = re.compile(r"\s*(?:</?[A-Za-z][A-Za-z0-9]*>)*\s*([^\W\d_]|[,;:\-–—)])")


def _quotes_in(text: str) -> list[tuple[int, int]]:
    """Spans (open index, close index) of matched quotation marks."""
    if not any(q in text for q in _OPENERS):
        return []
    out = []
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_CHARS_RE.finditer(text):
        ch, i = m.group(0), m.start()
        if stack and ch == _OPENERS[stack[-1][0]]:
            out.append((stack.pop()[1], i))
        elif ch in _OPENERS:
            stack.append((ch, i))
    return out


def _continues(text: str, close: int) -> bool:
    """True when the text after a closing quote continues the same sentence."""
    m = _CONTINUES_RE.match(text, close + 1)
    if not m:
        return False
    ch = m.group(1)
    return not ch.isalpha() or ch.islower()


def _boundaries(text: str, lang: str) -> list[int]:
    """Sentence end offsets in the original text, after the fix-ups."""
    masked, qs, cum = _mask(text)
    bounds = _candidates(masked, _RULES.get(lang, _RULES["en"]))
    if not bounds:
        return []
    if qs:
        mapped = []
        for p in bounds:
            k = bisect_right(qs, p - 1) - 1
            orig = p + (cum[k] if k >= 0 else 0)
            m = _CLOSING_TAGS_RE.match(text, orig)
            mapped.append(m.end() if m else orig)
        bounds = mapped
        for start, end in _pairs_in(text):
            bounds = [b for b in bounds if not start < b < end]
    quotes = _quotes_in(text)
    if quotes:
        for start, close in quotes:
            inner = [b for b in bounds if start < b <= close]
            if not inner:
                continue
            before = [b for b in bounds if b <= start]
            head = text[before[-1] if before else 0 : start]
            mid_sentence = bool(strip_placeholders(head).strip())
            if mid_sentence or _continues(text, close):
                bounds = [b for b in bounds if not start < b <= close]
    return bounds


def split(text: str, lang: str) -> tuple[list[str], list[str]]:
    """Split text into sentences and the separators around them (len(separators) = n + 1)."""
    sents: list[str] = []
    seps: list[str] = []
    sep = ""
    pos = 0
    for end in [*_boundaries(text, lang), len(text)]:
        chunk = text[pos:end]
        pos = end
        core = chunk.strip()
        if not core:
            sep += chunk
            continue
        lead = len(chunk) - len(chunk.lstrip())
        seps.append(sep + chunk[:lead])
        sents.append(core)
        sep = chunk[lead + len(core) :]
    seps.append(sep)
    return sents, seps


def join(sentences: Sequence[str], separators: Sequence[str]) -> str:
    """Inverse of split: interleave separators and sentences."""
    if len(separators) != len(sentences) + 1:
        raise ValueError("join() needs exactly one more separator than sentences")
    out = [separators[0]]
    for sent, sep in zip(sentences, separators[1:], strict=True):
        out.append(sent)
        out.append(sep)
    return "".join(out)


def sentences(text: str, lang: str) -> list[str]:
    """Just the sentences of a text."""
    return split(text, lang)[0]


def split_block(block: Block, lang: str) -> list[str]:
    """The sentences of a block's text (headings and list items split too, when long)."""
    return split(block.text, lang)[0]


def count_words(text: str) -> int:
    """Number of words in a text, placeholders not counted (code spans count as none)."""
    return len(_WORD_RE.findall(strip_placeholders(text)))

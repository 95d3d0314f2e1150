"""Translation memory: approved segments, exact and fuzzy lookup, and the "memory" MT engine."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from transflow.mt.base import Draft, Engine, register
from transflow.po.catalog import Catalog

_SPACE_RE = re.compile(r"\s+")
_NONWORD_RE = re.compile(r"[\W_]+")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "ё": "е", "Ё": "Е"})
# Lower-case Cyrillic (U+0430-U+045F) moved to U+0080-U+00AF, code points that never survive
# in a key (controls and symbols): one-byte strings make rapidfuzz several times faster.
_COMPACT = {cp: 0x80 + cp - 0x430 for cp in range(0x430, 0x460)}

#: index tokens are word prefixes of this many characters (tolerates ru/be case endings)
_PREFIX = 5
#: candidate selection: postings of the rarest query tokens are merged up to this many units
_BUDGET_SHARE = 0.05
_BUDGET_MIN = 2000
#: ... but always those of the (up to) this many rarest tokens
_MIN_TOKENS = 3


def ws_normalize(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, stripped: the key of exact matches."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fuzzy_key(text: str) -> str:
    """The text fuzzy scores compare: case-folded, ё=е, punctuation and spacing as one space.

    Cyrillic letters are stored as one-byte code points (see _COMPACT) for speed.
    """
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).casefold()
    return _NONWORD_RE.sub(" ", text).strip().translate(_COMPACT)


def _tokens(key: str) -> set[str]:
    """Index tokens of a fuzzy key: the distinct word prefixes."""
    return {word[:_PREFIX] for word in key.split(" ") if word}


#: folders of a transflow project: an absolute path is cut back to the last one it names
_PROJECT_FOLDERS = ("locales", "tm")
_ABSOLUTE_RE = re.compile(r"^(?:[A-Za-z]:[\\/]|[\\/~]|[A-Za-z][A-Za-z0-9+.-]*://)")
_LINE_RE = re.compile(r":\d+$")
_DIGITS_RE = re.compile(r"\d+")
#: longest declared origin kept in a provenance comment
_MAX_DECLARED = 120


@dataclass(frozen=True)
class Unit:
    """One translation unit: a source segment and its approved translation.

    `origin` is where the unit lives in this project, relative to its root
    (`locales/be/LC_MESSAGES/a1.po:12`, `tm/agency.tmx:14`). `declared` is the origin the unit
    brought from elsewhere (a TMX unit's x-origin or tuid), never a path of another machine.
    `derived` marks a pair used against its stored direction (the reverse of an approved entry,
    or a TMX unit read from target to source): an original pair always wins over a derived one.
    """

    src_lang: str
    tgt_lang: str
    source: str
    target: str
    origin: str = ""
    declared: str = ""
    derived: bool = False


@dataclass(frozen=True)
class Match:
    """A memory match for a query: the stored source, its translation and a 0-100 score."""

    source: str
    target: str
    score: float
    origin: str = ""
    declared: str = ""


def safe_origin(text: str) -> str:
    """An origin fit for a committed file: one line, and no path of the machine that wrote it.

    An absolute path (or one climbing out with `..`) is cut back to the last project folder it
    names (`/home/x/news/locales/be/LC_MESSAGES/a.po:7` -> `locales/be/LC_MESSAGES/a.po:7`),
    else to its file name.
    """
    text = ws_normalize(text).replace("\\", "/")
    parts = text.split("/")
    if _ABSOLUTE_RE.match(text) or ".." in parts:
        cut = max((i for i, part in enumerate(parts[:-1]) if part in _PROJECT_FOLDERS), default=-1)
        text = "/".join(parts[cut:]) if cut >= 0 else parts[-1]
    if len(text) > _MAX_DECLARED:
        text = text[: _MAX_DECLARED - 1] + "…"
    return text


def provenance(origin: str, declared: str = "") -> str:
    """How a provenance comment names a unit: its file and its own declared origin, if any.

    The line number is left out: it moves whenever that file is edited.
    `tm/agency.tmx:14` + `locales/be/LC_MESSAGES/x.po:7` ->
    `tm/agency.tmx (unit origin: locales/be/LC_MESSAGES/x.po:7)`.
    """
    where = _LINE_RE.sub("", origin)
    if declared:
        where = f"{where} (unit origin: {declared})" if where else f"unit origin: {declared}"
    return where


def same_numbers(one: str, other: str) -> bool:
    """True when both texts hold the same digit sequences in the same order."""
    return _DIGITS_RE.findall(one) == _DIGITS_RE.findall(other)


@dataclass
class _PairStore:
    """The units of one language pair with their exact and fuzzy indexes."""

    units: list[Unit] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # fuzzy_key(source) per unit
    by_pair: dict[tuple[str, str], int] = field(default_factory=dict)  # (source, target) -> index
    exact: dict[str, int] = field(default_factory=dict)  # ws_normalize(source) -> latest index
    postings: dict[str, list[int]] = field(default_factory=dict)  # token -> unit indexes

    def add(self, unit: Unit) -> None:
        """Add a unit; an identical source/target pair replaces the older one (new origin).

        A derived unit never replaces nor shadows an original one (see Unit).
        """
        norm = ws_normalize(unit.source)
        pair_key = (norm, unit.target)
        if pair_key in self.by_pair:
            index = self.by_pair[pair_key]
            if unit.derived and not self.units[index].derived:
                return
            self.units[index] = unit
        else:
            index = len(self.units)
            self.by_pair[pair_key] = index
            self.units.append(unit)
            key = fuzzy_key(unit.source)
            self.keys.append(key)
            for token in _tokens(key):
                self.postings.setdefault(token, []).append(index)
        current = self.exact.get(norm)
        if current is None or not unit.derived or self.units[current].derived:
            self.exact[norm] = index

    def candidates(self, key: str) -> list[int] | None:
        """Units sharing one of the query's rarer word prefixes; None means "scan all".

        Tokens are taken rarest first while their postings fit a budget (at least the
        `_MIN_TOKENS` rarest present ones), so common words never make a query scan everything.
        """
        budget = max(_BUDGET_MIN, int(len(self.units) * _BUDGET_SHARE))
        postings = sorted((p for p in (self.postings.get(t) for t in _tokens(key)) if p), key=len)
        if not postings:
            # no word of a longer query is known: nothing can reach a useful score
            return None if key.count(" ") < 2 else []
        found: set[int] = set()
        for rank, posting in enumerate(postings):
            if rank >= _MIN_TOKENS and len(found) + len(posting) > budget:
                break
            found.update(posting)
        if len(found) > len(self.units) // 2:
            return None
        return list(found)


class TranslationMemory:
    """Approved translations per language pair, with exact and fast fuzzy lookup."""

    def __init__(self) -> None:
        self._stores: dict[tuple[str, str], _PairStore] = {}

    def add(
        self,
        src: str,
        tgt: str,
        source: str,
        target: str,
        origin: str = "",
        *,
        declared: str = "",
        derived: bool = False,
    ) -> None:
        """Store one unit; blank sources or targets are ignored."""
        if not source.strip() or not target.strip():
            return
        store = self._stores.setdefault((src, tgt), _PairStore())
        store.add(Unit(src, tgt, source, target, origin, declared, derived))

    def add_unit(self, unit: Unit) -> None:
        """Store a Unit (see add)."""
        if unit.source.strip() and unit.target.strip():
            self._stores.setdefault((unit.src_lang, unit.tgt_lang), _PairStore()).add(unit)

    def add_both_ways(self, unit: Unit) -> None:
        """Store a unit and, derived from it, its reverse (target -> source)."""
        self.add_unit(unit)
        self.add_unit(
            Unit(
                unit.tgt_lang,
                unit.src_lang,
                unit.target,
                unit.source,
                unit.origin,
                unit.declared,
                derived=True,
            )
        )

    def __len__(self) -> int:
        return sum(len(store.units) for store in self._stores.values())

    def pairs(self) -> list[tuple[str, str]]:
        """The language pairs that hold units, sorted."""
        return sorted(pair for pair, store in self._stores.items() if store.units)

    def units(self, src: str | None = None, tgt: str | None = None) -> Iterator[Unit]:
        """Every unit (optionally of one source and/or target language), in insertion order."""
        for (s, t), store in self._stores.items():
            if (src is None or s == src) and (tgt is None or t == tgt):
                yield from store.units

    def exact(self, text: str, src: str, tgt: str) -> str | None:
        """The translation of a source equal to text (up to spacing), newest first; else None."""
        unit = self.exact_unit(text, src, tgt)
        return unit.target if unit else None

    def exact_unit(self, text: str, src: str, tgt: str) -> Unit | None:
        """Like exact, returning the whole unit (with its origin)."""
        store = self._stores.get((src, tgt))
        if store is None:
            return None
        index = store.exact.get(ws_normalize(text))
        return None if index is None else store.units[index]

    def fuzzy(
        self, text: str, src: str, tgt: str, threshold: float = 75.0, limit: int = 3
    ) -> list[Match]:
        """Up to `limit` stored units whose source resembles text, best first (score 0-100).

        Scores compare case-folded text with punctuation and spacing reduced, so such
        differences cost little; a match that differs from text only in them scores 99, not 100.
        """
        store = self._stores.get((src, tgt))
        if store is None or not store.units or limit <= 0:
            return []
        key = fuzzy_key(text)
        if not key:
            return []
        indexes = store.candidates(key)
        keys = store.keys
        if indexes is None:
            indexes = range(len(keys))
        # the Indel ratio cannot reach the threshold when the lengths differ too much
        share = min(max(threshold, 0.0), 100.0) / 200.0
        low = len(key) * share / (1.0 - share) - 1
        high = len(key) * (1.0 - share) / share + 1 if share > 0 else float("inf")
        picked = [i for i in indexes if low <= len(keys[i]) <= high]
        from rapidfuzz import fuzz, process  # noqa: PLC0415 (5 ms: only when a memory has units)

        found = process.extract(
            key,
            [keys[i] for i in picked],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=threshold,
            limit=limit * 3,
        )
        query = ws_normalize(text)
        matches: list[Match] = []
        for _choice, score, position in found:
            unit = store.units[picked[position]]
            if score >= 100.0 and ws_normalize(unit.source) != query:
                score = 99.0
            matches.append(
                Match(unit.source, unit.target, round(float(score), 2), unit.origin, unit.declared)
            )
        matches.sort(key=lambda m: (-m.score, m.source, m.target))
        return matches[:limit]

    @classmethod
    def from_catalogs(
        cls, items: Iterable[tuple[str, str, Catalog]], both_ways: bool = False
    ) -> TranslationMemory:
        """Build a memory from (src_lang, tgt_lang, catalog): approved, live entries only.

        With both_ways every entry also serves the reverse direction (as a derived unit).
        """
        memory = cls()
        for src, tgt, catalog in items:
            memory.add_catalog(src, tgt, catalog, both_ways)
        return memory

    def add_catalog(self, src: str, tgt: str, catalog: Catalog, both_ways: bool = False) -> int:
        """Add the approved, non-obsolete, singular entries of a catalog; returns how many.

        Origins name the catalog by its `path` as set (make it relative to the project root).
        """
        added = 0
        for message in catalog.messages:
            if message.obsolete or not message.msgid or message.msgid_plural is not None:
                continue
            if not message.approved or not message.msgstr.strip():
                continue
            origin = f"{catalog.path}:{message.lineno}" if catalog.path else ""
            unit = Unit(src, tgt, message.msgid, message.msgstr, origin)
            if both_ways:
                self.add_both_ways(unit)
            else:
                self.add_unit(unit)
            added += 1
        return added


@register("memory")
class MemoryEngine(Engine):
    """An engine that serves exact translation-memory matches and offers fuzzy suggestions.

    It serves every pair unless `pairs` restricts it; a pair without units just yields None.

    With trust_exact the chain may take exact matches as approved; the drafts then carry the
    note "trusted exact memory match".
    """

    name = "memory"
    #: the chain gives this engine the catalog's own text, not glossary-protected text
    wants_raw_text = True

    def __init__(
        self,
        memory: TranslationMemory | None = None,
        trust_exact: bool = False,
        threshold: float = 75.0,
        pairs: Iterable[tuple[str, str]] | None = None,
    ):
        self.memory = memory if memory is not None else TranslationMemory()
        self.trust_exact = trust_exact
        self.threshold = threshold
        self.pairs = frozenset(pairs) if pairs is not None else None

    def translate_batch(self, texts: Sequence[str], src: str, tgt: str) -> list[str | None]:
        """The exact memory translation of every text ("" stays ""), None where it has none."""
        self.check_pair(src, tgt)
        return [self.memory.exact(text, src, tgt) if text else text for text in texts]

    def translate_drafts(self, texts: Sequence[str], src: str, tgt: str) -> list[Draft | None]:
        """Drafts (score 100, engine "memory", origin in the note) for exact matches only."""
        self.check_pair(src, tgt)
        drafts: list[Draft | None] = []
        for text in texts:
            if not text:
                drafts.append(Draft(text=text, engine=self.name, score=100.0))
                continue
            unit = self.memory.exact_unit(text, src, tgt) if text else None
            if unit is None:
                drafts.append(None)
                continue
            note = "trusted exact memory match" if self.trust_exact else "exact memory match"
            where = provenance(unit.origin, unit.declared)
            if where:
                note += f" from {where}"
            drafts.append(Draft(text=unit.target, engine=self.name, score=100.0, note=note))
        return drafts

    def suggestions(
        self, texts: Sequence[str], src: str, tgt: str, limit: int = 3
    ) -> list[list[Match]]:
        """Fuzzy matches (>= the engine threshold, 75 by default) for every text."""
        return [
            self.memory.fuzzy(text, src, tgt, threshold=self.threshold, limit=limit)
            for text in texts
        ]

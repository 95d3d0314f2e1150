"""Fill untranslated PO entries through the engine chains as fuzzy drafts (the translate work)."""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from transflow.errors import CatalogError, EngineError, TransflowError
from transflow.mt.base import Draft
from transflow.mt.memory import Match, provenance, same_numbers, ws_normalize
from transflow.mt.tmdiff import mark_differences
from transflow.po.catalog import Catalog, Message
from transflow.po.pofile import format_po, parse_po_bytes
from transflow.po.sniff import has_empty_msgstr
from transflow.source.segment import count_words

T = TypeVar("T")

#: translator-comment prefixes that transflow owns (replaced on every run)
MT_PREFIXES = ("mt:", "mt-unknown:", "mt-dropped:", "tm:")
CHUNK_SEGMENTS = 2000
#: the first chunk is small: the engines get work while the next catalogs are read
FIRST_CHUNK_SEGMENTS = 200
#: memory matches looked at per segment (the best with the source's numbers becomes a draft)
FUZZY_CANDIDATES = 3


@dataclass
class Job:
    """One catalog to fill: its path and language pair."""

    path: Path
    src: str
    tgt: str


@dataclass
class TranslateSummary:
    """What a translate run did, for the run summary."""

    catalogs_written: list[Path] = field(default_factory=list)
    segments: Counter = field(default_factory=Counter)  # engine -> segments
    words: Counter = field(default_factory=Counter)  # engine -> source words
    unknown_words: Counter = field(default_factory=Counter)
    pending: dict[str, list[str]] = field(default_factory=dict)  # reason -> "path:line" items
    problems: list[str] = field(default_factory=list)
    malformed: list[CatalogError] = field(default_factory=list)
    cache_hits: int = 0
    cache_misses: int = 0
    seconds: float = 0.0

    @property
    def pending_count(self) -> int:
        """How many entries are still untranslated, whatever the reason."""
        return sum(len(v) for v in self.pending.values())


def needs_work(message: Message, retranslate_fuzzy: bool) -> bool:
    """True when translate would fill this entry."""
    if message.obsolete or message.msgid_plural is not None:
        return False
    if not message.msgstr:
        return True
    return retranslate_fuzzy and message.fuzzy


def _apply(message: Message, draft: Draft, src: str, tgt: str, trusted: bool) -> None:
    message.msgstr = draft.text
    comments = [c for c in message.translator_comments if not c.startswith(MT_PREFIXES)]
    origin = f"mt: {draft.engine} ({src}->{tgt})"
    if draft.score is not None:
        origin += f", match {draft.score:.0f}%"
    if draft.note:
        origin += f"; {draft.note}"
    comments.append(origin)
    if draft.unknown_words:
        comments.append("mt-unknown: " + ", ".join(dict.fromkeys(draft.unknown_words)))
    if draft.dropped_words:
        comments.append("mt-dropped: " + ", ".join(dict.fromkeys(draft.dropped_words)))
    if draft.memory_match:
        comments.append(f"tm: {draft.memory_match}")
    message.translator_comments = comments
    if trusted:
        message.flags = [f for f in message.flags if f != "fuzzy"]
    elif "fuzzy" not in message.flags:
        message.flags = ["fuzzy", *message.flags]


def fill_catalog(
    catalog: Catalog,
    drafts: dict[str, Draft],
    src: str,
    tgt: str,
    *,
    retranslate_fuzzy: bool = False,
    trusted_engines: Sequence[str] = (),
) -> int:
    """Put drafts into the entries that need work; returns how many entries changed."""
    changed = 0
    for message in catalog.messages:
        if not needs_work(message, retranslate_fuzzy):
            continue
        draft = drafts.get(message.msgid)
        if draft is None:
            continue
        trusted = draft.engine in trusted_engines and (draft.score is None or draft.score >= 100)
        _apply(message, draft, src, tgt, trusted)
        changed += 1
    return changed


def save_merged(
    path: Path, original: bytes, catalog: Catalog, redo: Callable[[Catalog], int]
) -> bool:
    """Write `catalog` unless the file changed on disk meanwhile; then re-apply on the new file.

    A translator may save the PO file while we translate: their save wins, and the drafts are
    put into what they saved (only where entries still need work).
    """
    from transflow.fsutil import atomic_write

    for _ in range(5):
        current = path.read_bytes() if path.exists() else b""
        if current == original:
            text = format_po(catalog)
            if text.encode("utf-8") == current:
                return False
            atomic_write(path, text)
            return True
        original = current
        try:
            catalog = parse_po_bytes(current, path)
        except CatalogError as exc:
            raise CatalogError(
                f"saved meanwhile with an error: {exc.message}", path, exc.line
            ) from None
        if redo(catalog) == 0:
            return False
    raise TransflowError("the file keeps changing while transflow writes it; try again", path)


@dataclass
class _Options:
    """What every chunk of a run shares."""

    memory: object | None
    retranslate_fuzzy: bool
    trusted_engines: Sequence[str]
    progress: Callable[[int], None] | None
    on_saved: Callable[[Path], None] | None
    failures: Callable[[], dict[str, str]] | None


def translate_jobs(
    jobs: Sequence[Job],
    chain_factory: Callable[[str, str], object | None],
    *,
    memory: object | None = None,
    retranslate_fuzzy: bool = False,
    trusted_engines: Sequence[str] = (),
    progress: Callable[[int], None] | None = None,
    on_saved: Callable[[Path], None] | None = None,
    failures: Callable[[], dict[str, str]] | None = None,
) -> TranslateSummary:
    """Translate every job's untranslated entries, batching all segments of a language pair.

    `chain_factory(src, tgt)` returns a chain with `translate(texts, src, tgt) -> list[Draft|None]`
    and a `problems` list, or None when the pair has no engine. Each catalog is saved as soon as
    its chunk is translated, so an interruption loses at most the chunk in flight. `failures()`
    maps texts an engine gave up on to the reason.
    """
    started = time.perf_counter()
    summary = TranslateSummary()
    options = _Options(memory, retranslate_fuzzy, trusted_engines, progress, on_saved, failures)
    by_pair: dict[tuple[str, str], list[Job]] = defaultdict(list)
    for job in jobs:
        by_pair[(job.src, job.tgt)].append(job)
    for (src, tgt), pair_jobs in sorted(by_pair.items()):
        chain = chain_factory(src, tgt)
        if chain is not None and hasattr(chain, "prepare"):
            chain.prepare(src, tgt)  # engines start while the first catalogs are read
        # a chunk's catalogs are filled and saved in a thread while the next chunk is translated
        with ThreadPoolExecutor(1, thread_name_prefix="tf-save") as saver:
            saving = None
            for chunk in _read_ahead(_chunks(pair_jobs, retranslate_fuzzy, summary)):
                save = _translate_chunk(chunk, chain, src, tgt, options, summary)
                if saving is not None:
                    saving.result()
                saving = saver.submit(save)
            if saving is not None:
                saving.result()
        if chain is not None:
            summary.problems.extend(
                p for p in getattr(chain, "problems", []) if p not in summary.problems
            )
    summary.seconds = time.perf_counter() - started
    return summary


def _read_ahead(items: Iterator[T]) -> Iterator[T]:
    """Yield the items of `items`, producing the next one in a thread meanwhile.

    Reading and parsing the next chunk's catalogs then overlaps the engines' work on this one
    (Apertium runs in other processes; the main thread mostly waits for it).
    """
    box: queue.Queue[tuple[str, object]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def put(entry: tuple[str, object]) -> None:
        while not stop.is_set():
            try:
                box.put(entry, timeout=0.2)
                return
            except queue.Full:
                continue

    def produce() -> None:
        try:
            for item in items:
                put(("item", item))
                if stop.is_set():
                    return
            put(("end", None))
        except BaseException as exc:  # handed to the consumer, raised there
            put(("error", exc))

    thread = threading.Thread(target=produce, daemon=True, name="tf-read-ahead")
    thread.start()
    try:
        while True:
            kind, value = box.get()
            if kind == "end":
                break
            if kind == "error":
                raise value  # type: ignore[misc]
            yield value  # type: ignore[misc]
    finally:
        stop.set()  # the consumer stopped (or failed): let the producer end
        thread.join()


def _chunks(jobs: list[Job], retranslate_fuzzy: bool, summary: TranslateSummary):
    """Read catalogs and yield lists of (job, raw bytes, catalog) holding ~CHUNK_SEGMENTS segments.

    A malformed catalog is reported in the summary and skipped; the others are translated.
    """
    chunk: list[tuple[Job, bytes, Catalog]] = []
    size = 0
    limit = FIRST_CHUNK_SEGMENTS
    for job in jobs:
        raw = job.path.read_bytes()
        try:
            catalog = parse_po_bytes(raw, job.path)
        except CatalogError as exc:
            summary.malformed.append(exc)
            continue
        todo = sum(1 for m in catalog.messages if needs_work(m, retranslate_fuzzy))
        if not todo:
            continue
        chunk.append((job, raw, catalog))
        size += todo
        if size >= limit:
            yield chunk
            chunk, size, limit = [], 0, CHUNK_SEGMENTS
    if chunk:
        yield chunk


def _translate_chunk(
    chunk, chain, src: str, tgt: str, options: _Options, summary
) -> Callable[[], None]:
    """Translate a chunk of catalogs in one batch; returns what fills and saves them."""
    refill = options.retranslate_fuzzy
    texts = list(
        dict.fromkeys(m.msgid for _, _, cat in chunk for m in cat.messages if needs_work(m, refill))
    )
    drafts: dict[str, Draft] = {}
    reason = f"no engine configured for {src}->{tgt}"
    if chain is not None:
        try:
            results = chain.translate(texts, src, tgt, titles=_titles(chunk, refill))
            drafts = {t: d for t, d in zip(texts, results, strict=True) if d is not None}
            reason = f"no engine of the {src}->{tgt} chain could translate it"
        except EngineError as exc:
            reason = f"engine failure: {exc}"
            summary.problems.append(str(exc))
    failed = options.failures() if options.failures is not None else {}
    why_left = {text: f"engine failure: {why}" for text, why in failed.items()}
    if options.memory is not None:
        left = _offer_fuzzy_matches(texts, drafts, options.memory, src, tgt)
        why_left = {**left, **why_left}

    def redo(cat: Catalog) -> int:
        return fill_catalog(
            cat,
            drafts,
            src,
            tgt,
            retranslate_fuzzy=refill,
            trusted_engines=options.trusted_engines,
        )

    return lambda: _save_chunk(chunk, drafts, why_left, reason, redo, options, summary)


def _save_chunk(chunk, drafts, why_left, reason, redo, options: _Options, summary) -> None:
    """Fill every catalog of a chunk with its drafts, save it, and count what was done."""
    refill = options.retranslate_fuzzy
    for job, raw, catalog in chunk:
        for message in catalog.messages:
            if not needs_work(message, refill):
                continue
            draft = drafts.get(message.msgid)
            if draft is None:
                why = why_left.get(message.msgid, reason)
                summary.pending.setdefault(why, []).append(f"{job.path}:{message.lineno}")
                continue
            summary.segments[draft.engine] += 1
            summary.words[draft.engine] += count_words(message.msgid)
            summary.unknown_words.update(draft.unknown_words)
        try:
            saved = bool(redo(catalog)) and save_merged(job.path, raw, catalog, redo)
        except CatalogError as exc:  # a translator saved a broken file meanwhile: leave it alone
            summary.malformed.append(exc)
            saved = False
        if saved:
            summary.catalogs_written.append(job.path)
            if options.on_saved:
                options.on_saved(job.path)
        if options.progress:
            options.progress(1)


def _titles(chunk, refill: bool) -> dict[str, str]:
    """Each text to translate -> the title of its article (the catalog's entry marked title)."""
    titles: dict[str, str] = {}
    for _, _, catalog in chunk:
        title = next(
            (
                m.msgid
                for m in catalog.messages
                if not m.obsolete and m.msgid and "title" in m.extracted_comments
            ),
            "",
        )
        if title:
            for message in catalog.messages:
                if needs_work(message, refill):
                    titles.setdefault(message.msgid, title)
    return titles


def _offer_fuzzy_matches(texts, drafts, memory, src, tgt) -> dict[str, str]:
    """Memory matches of 75% or more for the translator, shown as a `tm:` comment.

    A text no engine served gets the best match with the same numbers as its fuzzy draft (a
    match with other numbers would say something else); a text an engine served gets the best
    match (below 100%) in its comment, with its translation, so the reviewer can compare.
    Returns why texts were left without a draft though the memory has matches.
    """
    left: dict[str, str] = {}
    for text in texts:
        if not text.strip():
            continue
        draft = drafts.get(text)
        if draft is not None and draft.engine in ("memory", "copy"):
            continue
        matches = memory.fuzzy(text, src, tgt, limit=FUZZY_CANDIDATES)
        if not matches:
            continue
        if draft is None:
            usable = next((m for m in matches if same_numbers(m.source, text)), None)
            if usable is None:
                left[text] = "the memory's matches have other numbers than the source"
                continue
            drafts[text] = Draft(
                text=usable.target,
                engine="memory",
                score=usable.score,
                note=f"fuzzy memory match from {provenance(usable.origin, usable.declared)}",
                memory_match=memory_comment(usable, text, shown_as_draft=True),
            )
        elif matches[0].score < 100:
            draft.memory_match = memory_comment(matches[0], text, shown_as_draft=False)
    return left


def memory_comment(match: Match, text: str, shown_as_draft: bool) -> str:
    """The `tm:` comment of a memory match: score, source with the differences from `text` marked.

    Unless the match is the draft itself, its translation and origin follow.
    """
    line = f'{match.score:.0f}% "{mark_differences(match.source, text)}"'
    if not shown_as_draft:
        line += f' -> "{ws_normalize(match.target)}"'
        if not same_numbers(match.source, text):
            line += " (other numbers)"
        where = provenance(match.origin, match.declared)
        if where:
            line += f"; from {where}"
    return line


def catalog_needs_work(path: Path, retranslate_fuzzy: bool) -> bool:
    """True when the catalog has an entry translate would fill (a malformed one counts: the
    translate step reports it)."""
    try:
        data = path.read_bytes()
    except OSError:
        return True
    if not retranslate_fuzzy and has_empty_msgstr(data):
        return True  # an untranslated entry: the translate step parses the file anyway
    try:
        catalog = parse_po_bytes(data, path)
    except CatalogError:
        return True
    return any(needs_work(m, retranslate_fuzzy) for m in catalog.messages)

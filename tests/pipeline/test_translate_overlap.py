"""translate's read-ahead: the next chunk is produced in a thread, in order, errors passed on."""

from __future__ import annotations

import threading

import pytest

from transflow.pipeline import fill
from transflow.pipeline.fill import _read_ahead


def test_items_come_in_order_and_from_another_thread() -> None:
    producers: set[str] = set()

    def items():
        for i in range(5):
            producers.add(threading.current_thread().name)
            yield i

    assert list(_read_ahead(items())) == [0, 1, 2, 3, 4]
    assert producers == {"tf-read-ahead"}


def test_an_error_of_the_producer_reaches_the_consumer() -> None:
    def items():
        yield 1
        raise ValueError("broken catalog")

    got = []
    with pytest.raises(ValueError, match="broken catalog"):
        for item in _read_ahead(items()):
            got.append(item)
    assert got == [1]


def test_a_consumer_that_stops_early_ends_the_producer() -> None:
    def items():
        yield from range(1000)

    for item in _read_ahead(items()):
        if item == 2:
            break
    assert not any(t.name == "tf-read-ahead" for t in threading.enumerate())


def test_the_first_chunk_is_small_and_the_others_full(tmp_path, monkeypatch) -> None:
    # engines get their first batch after a few catalogs, not after a full chunk's worth
    monkeypatch.setattr(fill, "FIRST_CHUNK_SEGMENTS", 3)
    monkeypatch.setattr(fill, "CHUNK_SEGMENTS", 8)
    jobs = []
    for n in range(10):
        path = tmp_path / f"a{n}.po"
        entries = "".join(f'msgid "Сказ {n}.{k}"\nmsgstr ""\n\n' for k in range(2))
        header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        path.write_text(header + entries, encoding="utf-8")
        jobs.append(fill.Job(path, "ru", "be"))
    sizes = [len(chunk) for chunk in fill._chunks(jobs, False, fill.TranslateSummary())]
    assert sizes == [2, 4, 4]  # catalogs of 2 entries: 4 >= 3 entries, then 8 >= 8

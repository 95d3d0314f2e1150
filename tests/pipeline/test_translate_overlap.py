"""translate's read-ahead: the next chunk is produced in a thread, in order, errors passed on."""

from __future__ import annotations

import threading

import pytest

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

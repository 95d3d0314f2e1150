"""Tests of the word differences shown for fuzzy memory matches."""

from __future__ import annotations

import re

import pytest

from transflow.mt.tmdiff import mark_differences


@pytest.mark.parametrize(
    ("memory", "segment", "marked"),
    [
        (
            "Tomorrow it will be sunny and warm.",
            "Tomorrow it will be cold and rainy.",
            "Tomorrow it will be [-sunny-]{+cold+} and [-warm-]{+rainy+}.",
        ),
        ("A very big bridge.", "A big bridge.", "A [-very-] big bridge."),
        (
            "A big bridge.",
            "A very big bridge over the river.",
            "A {+very+} big bridge {+over the river+}.",
        ),
        (
            "Урожай превысил один миллион тонн.",
            "Урожай превысил два миллиона тонн.",
            "Урожай превысил [-один миллион-]{+два миллиона+} тонн.",
        ),
        ("Рост 5,5%.", "Рост 5,6%.", "Рост 5,[-5-]{+6+}%."),
        ("Same  text\nhere.", "Same text here.", "Same text here."),
        ("Мост у Гродне.", "Мост у гродне.", "Мост у [-Гродне-]{+гродне+}."),
    ],
)
def test_differences_are_marked(memory: str, segment: str, marked: str) -> None:
    assert mark_differences(memory, segment) == marked


def test_long_unchanged_stretches_are_shortened() -> None:
    memory = (
        "On Monday the national weather service said that tomorrow in Minsk and the region "
        "it will be sunny and warm, with light winds from the south in the afternoon."
    )
    segment = memory.replace("sunny and warm", "cold and rainy")
    marked = mark_differences(memory, segment)
    assert marked == (
        "… region it will be [-sunny-]{+cold+} and [-warm-]{+rainy+}, with light winds from …"
    )
    assert "\n" not in marked


def test_the_memory_source_can_be_read_back() -> None:
    """Unchanged text plus the deletions give back the memory's source (without shortening)."""
    memory = "В Гродно 9 марта открыли новый мост через Неман, сообщил горисполком."
    segment = "В Гродно 10 марта открыли мост через реку Неман, сообщили в горисполкоме."
    marked = mark_differences(memory, segment, context=100)
    old = re.sub(r"\{\+.*?\+\}", "", marked)
    old = re.sub(r"\[-(.*?)-\]", r"\1", old)
    new = re.sub(r"\[-.*?-\]", "", marked)
    new = re.sub(r"\{\+(.*?)\+\}", r"\1", new)
    assert " ".join(old.split()) == memory
    assert " ".join(new.split()) == segment

"""Fixtures shared by the MT tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from transflow.mt.apertium import ApertiumEngine


@pytest.fixture(scope="module")
def apertium() -> Iterator[ApertiumEngine]:
    """A real Apertium engine (drafts adapted, the packaged supplement), one per test module."""
    with ApertiumEngine() as eng:
        yield eng

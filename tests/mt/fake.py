"""A deterministic engine for tests (a test double, registered by no product code).

Configurations in the tests name it as `type = "tests.mt.fake:FakeEngine"`.
"""

from __future__ import annotations

from collections.abc import Sequence

from transflow.mt.base import Engine

FAKE_TYPE = "tests.mt.fake:FakeEngine"


class FakeEngine(Engine):
    """A deterministic engine for tests: tags each text with the target language."""

    name = "fake"

    def __init__(self, pairs: set[tuple[str, str]] | None = None, fail_on: str | None = None):
        self.pairs = frozenset(pairs) if pairs is not None else None
        self.fail_on = fail_on
        self.calls: list[list[str]] = []

    def translate_batch(self, texts: Sequence[str], src: str, tgt: str) -> list[str | None]:
        """Return `[tgt] text` for every text; None for texts containing `fail_on`."""
        self.check_pair(src, tgt)
        self.calls.append(list(texts))
        return [
            None if (self.fail_on and self.fail_on in t) else f"[{tgt}] {t}" if t else t
            for t in texts
        ]

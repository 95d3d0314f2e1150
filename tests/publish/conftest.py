"""Fixtures of the publishing tests: a small project rendered once per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publish.helpers import (
    BRIDGE,
    BRIDGE_BE,
    BRIDGE_EN,
    GARDEN,
    GARDEN_RU,
    fill,
    make_project,
    render,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two articles: river-bridge (ru; be and en approved), school-garden (be; ru approved)."""
    root = make_project(
        tmp_path_factory.mktemp("site"), {"river-bridge": BRIDGE, "school-garden": GARDEN}
    )
    assert fill(root, "be", "river-bridge", BRIDGE_BE) == []
    assert fill(root, "en", "river-bridge", BRIDGE_EN) == []
    assert fill(root, "ru", "school-garden", GARDEN_RU) == []
    report = render(root)
    assert not report.problems
    return root

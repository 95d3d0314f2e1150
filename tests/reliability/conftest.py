"""Fixtures of the reliability tests: the bundled project without its glossary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def fake_project(fake_project: Path) -> Path:
    """The shared fake-engine project minus the glossary (terms are not the subject here)."""
    shutil.rmtree(fake_project / "glossary", ignore_errors=True)
    return fake_project

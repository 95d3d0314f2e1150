"""Shared fixtures: a throw-away copy of the bundled project."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from tests.paths import REPO_ROOT

#: Property tests are deterministic (the same examples on every run, CI included): a failure
#: is reproducible, and a run never passes or fails by the luck of its seed. `make fuzz` and
#: HYPOTHESIS_PROFILE=explore search with random seeds.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO = REPO_ROOT


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A copy of the bundled project (config, articles, glossary; no catalogs)."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "transflow.toml", root / "transflow.toml")
    shutil.copytree(REPO / "source_articles", root / "source_articles")
    if (REPO / "glossary").is_dir():
        shutil.copytree(REPO / "glossary", root / "glossary")
    return root


@pytest.fixture
def fake_project(project_dir: Path) -> Path:
    """The bundled project with every chain set to the deterministic fake engine."""
    pairs = ["ru-be", "be-ru", "en-be", "en-ru", "be-en", "ru-en"]
    text = (project_dir / "transflow.toml").read_text("utf-8")
    head = text.split("[chains]")[0]
    chains = "".join(f'"{p}" = ["memory", "fake"]\n' for p in pairs)
    tail = (
        '[engines.memory]\ntype = "memory"\n\n[engines.fake]\ntype = "tests.mt.fake:FakeEngine"\n\n'
        "[publish]\nthreshold = 100\n"
    )
    (project_dir / "transflow.toml").write_text(head + "[chains]\n" + chains + "\n" + tail, "utf-8")
    return project_dir


def pytest_addoption(parser: pytest.Parser) -> None:
    """--fuzz-profile: how hard tests/fuzz tries (ci: fixed seed, bounded; long: make fuzz)."""
    parser.addoption(
        "--fuzz-profile",
        default=None,
        choices=["ci", "long"],
        help="hypothesis profile of tests/fuzz (default: $TRANSFLOW_FUZZ, else ci)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Pass the chosen fuzz profile to tests/fuzz (read when its modules are imported)."""
    chosen = config.getoption("--fuzz-profile")
    if chosen:
        os.environ["TRANSFLOW_FUZZ"] = chosen

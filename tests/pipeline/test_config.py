"""Tests of transflow.toml loading and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import REPO_ROOT
from transflow.errors import ConfigError
from transflow.pipeline.config import load_config


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "transflow.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_defaults_without_a_file(tmp_path):
    cfg = load_config(tmp_path)
    assert cfg.languages == ["be", "ru", "en"]
    assert cfg.chain_for("ru", "be") == ["memory", "apertium"]
    assert cfg.source_dir == tmp_path.resolve() / "source_articles"
    assert cfg.publish.threshold_for("be") == 100.0


def test_the_bundled_configuration_loads():
    cfg = load_config(REPO_ROOT)
    assert set(cfg.languages) == {"be", "ru", "en"}
    assert cfg.glossary is not None and cfg.glossary.name == "terms.csv"
    assert cfg.publish.lacinka is True


def test_thresholds_per_language(tmp_path):
    cfg = load_config(write(tmp_path, "[publish]\nthreshold = 90\n[publish.thresholds]\nen = 50\n"))
    assert cfg.publish.threshold_for("en") == 50.0
    assert cfg.publish.threshold_for("be") == 90.0


@pytest.mark.parametrize(
    ("text", "needle", "line"),
    [
        ("[project]\nlanguages = ['be', 'xx']\n", "unsupported language 'xx'", 2),
        ("[project]\nlangauges = ['be']\n", "unknown key 'langauges'", 2),
        ("[chains]\n\"ru_be\" = ['apertium']\n", "bad language pair", 2),
        ("[chains]\n\"ru-be\" = ['nosuch']\n", "no [engines.nosuch] table", 2),
        ("[publish]\nthreshold = 140\n", "percentage", 2),
        ("[project]\nlanguages = [\n", "invalid TOML", None),
    ],
)
def test_bad_configuration_names_the_line(tmp_path, text, needle, line):
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    assert needle in str(info.value)
    assert info.value.path.endswith("transflow.toml")
    if line is not None:
        assert info.value.line == line

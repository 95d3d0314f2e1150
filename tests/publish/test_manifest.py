"""Tests for the manifest schema (schemas/manifest.schema.json) and transflow.publish.manifest."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tests.paths import REPO_ROOT
from transflow.errors import TransflowError
from transflow.publish.manifest import (
    ManifestError,
    load_manifest,
    load_manifest_schema,
    validate_manifest,
)

ROOT = REPO_ROOT
SHA = "ab" * 32


REV, OLD = "0123456789abcdef", "fedcba9876543210"


def good() -> dict:
    output = {"path": "be/spring-fair.html", "sha256": SHA, "size": 2048}
    return {
        "schema": 2,
        "generated_from": "source_articles",
        "generated": "2021-03-09T12:00:00Z",
        "articles": [
            {
                "slug": "spring-fair",
                "source_lang": "ru",
                "date": "2021-03-09",
                "status": "active",
                "languages": {
                    "ru": {
                        "status": "published",
                        "coverage": 1,
                        "source_revision": REV,
                        "translation_of": REV,
                        "outdated": False,
                        "published": "2021-03-09",
                        "updated": "2021-03-09",
                        "outputs": {"html": {**output, "path": "ru/spring-fair.html"}},
                    },
                    "be": {
                        "status": "outdated",
                        "coverage": 1,
                        "catalog_coverage": 0.4,
                        "source_revision": REV,
                        "translation_of": OLD,
                        "outdated": True,
                        "title": "Вясновы кірмаш",
                        "outputs": {
                            "html": output,
                            "json": {
                                **output,
                                "path": "be/spring-fair.json",
                                "updated": "2021-03-10T08:00:00+03:00",
                            },
                        },
                    },
                    "be-Latn": {"status": "pending", "coverage": 0, "source_revision": REV},
                },
            },
            {
                "slug": "old-story",
                "source_lang": "be",
                "date": "2020-01-01",
                "status": "withdrawn",
                "withdrawn_at": "2021-01-01T00:00:00Z",
                "languages": {
                    "be": {
                        "status": "withdrawn",
                        "coverage": 0,
                        "source_revision": OLD,
                        "withdrawn_at": "2021-01-01T00:00:00Z",
                    }
                },
            },
        ],
    }


def test_package_copy_is_identical_to_canonical_schema() -> None:
    canonical = (ROOT / "schemas" / "manifest.schema.json").read_bytes()
    packaged = (ROOT / "src" / "transflow" / "publish" / "manifest.schema.json").read_bytes()
    assert packaged == canonical


def test_schema_is_draft_2020_12_and_loads_from_package() -> None:
    schema = load_manifest_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["schema", "generated_from", "articles"]


def test_valid_manifest_passes() -> None:
    assert validate_manifest(good()) is None
    assert validate_manifest({"schema": 2, "generated_from": "x", "articles": []}) is None


def mutate(path: list, value: object) -> dict:
    data = copy.deepcopy(good())
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


LANG = ["articles", 0, "languages", "be"]
RU = ["articles", 0, "languages", "ru"]
OUT = [*LANG, "outputs", "html"]


@pytest.mark.parametrize(
    ("path", "value", "pointer"),
    [
        (["schema"], 1, "/schema"),
        (["articles", 0, "status"], "gone", "/articles/0/status"),
        ([*RU, "source_revision"], "xyz", "/articles/0/languages/ru/source_revision"),
        ([*RU, "source_revision"], KeyError, "/articles/0/languages/ru"),
        ([*RU, "outdated"], "no", "/articles/0/languages/ru/outdated"),
        (["articles", 1, "withdrawn_at"], "soon", "/articles/1/withdrawn_at"),
        (["generated_from"], KeyError, "/"),
        (["extra"], True, "/"),
        (["articles", 0, "slug"], "Spring Fair", "/articles/0/slug"),
        (["articles", 0, "slug"], "../etc", "/articles/0/slug"),
        (["articles", 0, "source_lang"], "de", "/articles/0/source_lang"),
        (["articles", 0, "date"], "9 March 2021", "/articles/0/date"),
        (["articles", 0, "date"], "2021-02-30", "/articles/0/date"),
        (
            ["articles", 0, "languages", "uk"],
            {"status": "pending", "coverage": 0, "source_revision": REV},
            "/articles/0/languages",
        ),
        ([*LANG, "status"], "draft", "/articles/0/languages/be/status"),
        ([*LANG, "coverage"], 1.5, "/articles/0/languages/be/coverage"),
        ([*LANG, "coverage"], -0.1, "/articles/0/languages/be/coverage"),
        (
            [*LANG, "outputs", "pdf"],
            {"path": "be/a.pdf", "sha256": SHA, "size": 1},
            "/articles/0/languages/be/outputs",
        ),
        ([*LANG, "updated"], "yesterday", "/articles/0/languages/be/updated"),
        ([*OUT, "path"], "/etc/passwd", "/articles/0/languages/be/outputs/html/path"),
        ([*OUT, "path"], "be/../../secret.html", "/articles/0/languages/be/outputs/html/path"),
        ([*OUT, "path"], "be\\x.html", "/articles/0/languages/be/outputs/html/path"),
        ([*OUT, "sha256"], "AB" * 32, "/articles/0/languages/be/outputs/html/sha256"),
        ([*OUT, "sha256"], "ab" * 31, "/articles/0/languages/be/outputs/html/sha256"),
        ([*OUT, "size"], 1.5, "/articles/0/languages/be/outputs/html/size"),
        ([*OUT, "size"], -1, "/articles/0/languages/be/outputs/html/size"),
        ([*OUT, "url"], "http://x", "/articles/0/languages/be/outputs/html"),
    ],
)
def test_invalid_manifests_are_rejected(path: list, value: object, pointer: str) -> None:
    with pytest.raises(ManifestError) as info:
        validate_manifest(mutate(path, value), "dist/manifest.json")
    assert f"manifest {pointer}:" in str(info.value)
    assert str(info.value).startswith("dist/manifest.json: ")
    assert isinstance(info.value, TransflowError)


def test_load_manifest_reads_and_validates(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(good()), encoding="utf-8")
    assert load_manifest(path)["articles"][0]["slug"] == "spring-fair"


def test_load_manifest_bad_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text('{\n  "schema": 1,\n  "articles": [,]\n}\n', encoding="utf-8")
    with pytest.raises(ManifestError) as info:
        load_manifest(path)
    assert info.value.line == 3
    assert info.value.path == str(path)


def test_load_manifest_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="cannot read manifest"):
        load_manifest(tmp_path / "nope.json")

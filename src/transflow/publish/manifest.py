"""`dist/manifest.json`: its data from the render step's results, and its schema (validation)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from transflow.errors import TransflowError

SCHEMA_RESOURCE = "manifest.schema.json"


class ManifestError(TransflowError):
    """dist/manifest.json is unreadable or does not follow the manifest schema."""

    exit_code = 2


@cache
def load_manifest_schema() -> dict[str, Any]:
    """The manifest JSON Schema (draft 2020-12) shipped in transflow/publish/."""
    text = resources.files("transflow.publish").joinpath(SCHEMA_RESOURCE).read_text("utf-8")
    return json.loads(text)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        load_manifest_schema(), format_checker=jsonschema.FormatChecker()
    )


def _pointer(path: Any) -> str:
    return "/" + "/".join(str(part) for part in path) if path else "/"


def validate_manifest(data: Any, path: str | Path | None = None) -> None:
    """Raise ManifestError (naming the JSON pointer of the first problem) unless `data` is valid."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ManifestError(
            f"manifest {_pointer(first.absolute_path)}: {first.message}{more}", path
        )


def load_manifest(path: str | Path) -> dict[str, Any]:
    """Read and validate a manifest.json; ManifestError names the file (and line for bad JSON)."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"cannot read manifest: {exc}", path) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"invalid JSON: {exc.msg}", path, exc.lineno) from None
    validate_manifest(data, path)
    return data


#: the fields of a language's publishing info that the manifest shows (the rest is internal)
MANIFEST_FIELDS = (
    "status",
    "coverage",
    "catalog_coverage",
    "title",
    "source_revision",
    "translation_of",
    "outdated",
    "published",
    "updated",
    "withdrawn_at",
    "outputs",
)


@dataclass
class ArticleInfo:
    """One article as the render step left it: its facts and, per language, what it shows."""

    slug: str
    source_lang: str
    date: str
    languages: dict[str, dict]
    withdrawn_at: str | None = None  # set for a withdrawn article (a tombstone)


def build_manifest(articles: list[ArticleInfo], generated_from: str) -> dict[str, Any]:
    """The manifest data (schema 2): sorted by slug, only the public fields."""
    out = []
    for article in sorted(articles, key=lambda a: a.slug):
        entry: dict[str, Any] = {
            "slug": article.slug,
            "source_lang": article.source_lang,
            "date": article.date,
            "status": "withdrawn" if article.withdrawn_at else "active",
            "languages": {
                lang: {k: info[k] for k in MANIFEST_FIELDS if k in info}
                for lang, info in sorted(article.languages.items())
            },
        }
        if article.withdrawn_at:
            entry["withdrawn_at"] = article.withdrawn_at
        out.append(entry)
    return {"schema": 2, "generated_from": generated_from, "articles": out}


def format_manifest(data: dict[str, Any]) -> str:
    """The manifest as written: stable key order, two-space indent."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

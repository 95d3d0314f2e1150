"""The manifest: an article's public entry, and the schema every manifest document follows."""

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
    """A manifest document (root, shard or changes page) is unreadable or breaks the schema."""

    exit_code = 2


@cache
def load_manifest_schema() -> dict[str, Any]:
    """The manifest documents' JSON Schema (draft 2020-12) shipped in transflow/publish/."""
    text = resources.files("transflow.publish").joinpath(SCHEMA_RESOURCE).read_text("utf-8")
    return json.loads(text)


#: which part of the schema a document follows, told by a key only that kind has
KINDS = (("shards", "root"), ("page", "changes_page"), ("since", "changes_answer"))


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = load_manifest_schema()
    part = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"}
    return jsonschema.Draft202012Validator(part, format_checker=jsonschema.FormatChecker())


def _pointer(path: Any) -> str:
    return "/" + "/".join(str(part) for part in path) if path else "/"


def document_kind(data: Any) -> str:
    """root, shard, changes_page or changes_answer: the kind of manifest document `data` is."""
    if isinstance(data, dict):
        for key, kind in KINDS:
            if key in data:
                return kind
    return "shard"


def validate_manifest(data: Any, path: str | Path | None = None) -> None:
    """Raise ManifestError (naming the JSON pointer of the first problem) unless `data` is a
    valid manifest document (root, shard, changes page or /changes answer)."""
    validator = _validator(document_kind(data))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
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


def manifest_entry(article: ArticleInfo) -> dict[str, Any]:
    """An article as a manifest shard lists it: only the public fields."""
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
    return entry


def format_manifest(data: dict[str, Any]) -> str:
    """The manifest as written: stable key order, two-space indent."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

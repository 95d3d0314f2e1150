"""The `dist/manifest.json` schema: load it from the package and validate manifests against it."""

from __future__ import annotations

import json
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
    """The manifest JSON Schema (draft 2020-12) shipped in transflow/data/."""
    text = resources.files("transflow").joinpath("data", SCHEMA_RESOURCE).read_text("utf-8")
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

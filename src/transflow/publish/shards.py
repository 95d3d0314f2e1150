"""The sharded manifest: `dist/manifest.json` is a small root listing one shard per month of
article date (`dist/manifest/<YYYY-MM>.json`) with its SHA-256, so a portal that polls the root
re-fetches only the shards whose digest changed. Readers of the whole list use `read_articles`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from transflow.fsutil import sha256_bytes

MANIFEST = "manifest.json"
SHARD_DIR = "manifest"
MANIFEST_SCHEMA = 3


def month_of(date: str) -> str:
    """The shard (YYYY-MM) of an article dated `date` (ISO)."""
    return date[:7]


def shard_path(month: str) -> str:
    """Where the shard of `month` lives, relative to dist/."""
    return f"{SHARD_DIR}/{month}.json"


def format_json(data: dict[str, Any]) -> str:
    """A manifest document as written: stable key order, two-space indent."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def shard_text(month: str, entries: list[dict[str, Any]]) -> str:
    """The text of the shard of `month`: entries sorted by slug, one article a line."""
    ordered = sorted(entries, key=lambda e: e["slug"])
    lines = ",\n".join(json.dumps(e, ensure_ascii=False, sort_keys=True) for e in ordered)
    body = f"[\n{lines}\n]" if ordered else "[]"
    return f'{{"articles": {body},\n"month": "{month}",\n"schema": {MANIFEST_SCHEMA}}}\n'


def shard_info(month: str, text: str, count: int) -> dict[str, Any]:
    """The root's line for a shard: its path, digest, size and number of articles."""
    raw = text.encode("utf-8")
    return {
        "month": month,
        "path": shard_path(month),
        "sha256": sha256_bytes(raw),
        "size": len(raw),
        "articles": count,
    }


def root_text(generated_from: str, shards: list[dict[str, Any]], changes: dict[str, Any]) -> str:
    """The text of the root manifest (shards sorted by month)."""
    data = {
        "schema": MANIFEST_SCHEMA,
        "generated_from": generated_from,
        "shards": sorted(shards, key=lambda s: s["month"]),
        "changes": changes,
    }
    return format_json(data)


def read_articles(dist: Path) -> list[dict[str, Any]]:
    """Every article of every shard listed by dist/manifest.json, sorted by slug."""
    root = json.loads((dist / MANIFEST).read_text("utf-8"))
    out: list[dict[str, Any]] = []
    for shard in root.get("shards", []):
        data = json.loads((dist / shard["path"]).read_text("utf-8"))
        out.extend(data.get("articles", []))
    return sorted(out, key=lambda a: a["slug"])


class ArticleLookup:
    """Find an article's manifest entry by slug, reading the shards again only when the root
    manifest changed (for `serve`)."""

    def __init__(self, dist: Path):
        self.dist = dist
        self._key: tuple[int, int] | None = None
        self._by_slug: dict[str, dict[str, Any]] = {}

    def get(self, slug: str) -> dict[str, Any]:
        """The entry of `slug` ({} when unknown or the manifest is unreadable)."""
        try:
            st = (self.dist / MANIFEST).stat()
            key = (st.st_mtime_ns, st.st_size)
            if key != self._key:
                self._by_slug = {a["slug"]: a for a in read_articles(self.dist)}
                self._key = key
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}
        found = self._by_slug.get(slug, {})
        return found if isinstance(found, dict) else {}

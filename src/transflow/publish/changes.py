"""The changes feed: every change of what a portal sees of an article in one language gets a
sequence number.

The sequence lives in the publish record, `published/changes.log` (committed with the rest of
`published/`): one JSON line per change, appended when the status or the page digest of an
article-language differs from its last line. A clean build finds nothing to append, so the
sequence (and `dist/changes/<n>.json`, pages of `PAGE` changes) is reproduced from the repository.
`serve` answers `GET /changes?since=<seq>` from those pages.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from transflow.errors import SourceError
from transflow.publish.manifest import ArticleInfo

LOG = "changes.log"
CHANGES_DIR = "changes"
PAGE = 1000  # changes per page of dist/changes/
VISIBLE = ("published", "outdated", "withdrawn")
FIELDS = ("seq", "slug", "lang", "status", "digest", "time")

State = tuple[str, str | None]  # status, digest of the page served (None when withdrawn)


def states_of(article: ArticleInfo) -> dict[str, tuple[str, str | None, str]]:
    """Per language a portal can see: (status, page digest, time of the change)."""
    out = {}
    for lang, info in sorted(article.languages.items()):
        status = info.get("status")
        if status not in VISIBLE:
            continue
        if status == "withdrawn":
            digest = None
            time = info.get("withdrawn_at") or article.withdrawn_at or article.date
        else:
            outputs = info.get("outputs", {})
            page = outputs.get("html") or outputs.get("json") or {}
            digest = page.get("sha256")
            time = info.get("updated") or info.get("published") or article.date
        out[lang] = (status, digest, time)
    return out


def read_log(path: Path, first: int = 1) -> list[dict[str, Any]]:
    """Every complete line of the log from sequence number `first` on (a torn last line, left by
    a crash, is ignored); the lines before it are counted, not read."""
    return parse_lines(log_lines(path)[first - 1 :], first, path)


def log_lines(path: Path) -> list[bytes]:
    """The complete lines of the log, unparsed (a torn last line, left by a crash, is ignored)."""
    try:
        return path.read_bytes().split(b"\n")[:-1]
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise SourceError(f"cannot read the changes log: {exc}", path) from None


def parse_lines(lines: list[bytes], first: int, path: Path) -> list[dict[str, Any]]:
    """Parse log lines that start at sequence number `first`, checking their numbers."""
    out = []
    for number, line in enumerate(lines, first):
        try:
            item = json.loads(line)
            if item["seq"] != number:
                raise ValueError(f"sequence number {item['seq']} on line {number}")
        except (ValueError, KeyError, TypeError) as exc:  # UnicodeDecodeError is a ValueError
            raise SourceError(f"not a changes log line: {exc}", path, number) from None
        out.append(item)
    return out


def last_states(log: list[dict[str, Any]]) -> dict[tuple[str, str], State]:
    """The last logged (status, digest) of every article-language."""
    return {(c["slug"], c["lang"]): (c["status"], c["digest"]) for c in log}


def diff(articles: list[ArticleInfo], last: dict[tuple[str, str], State]) -> list[dict[str, Any]]:
    """The changes (without sequence numbers) of `articles` against the last logged states,
    in slug and language order."""
    out = []
    for article in sorted(articles, key=lambda a: a.slug):
        for lang, (status, digest, time) in states_of(article).items():
            if last.get((article.slug, lang)) != (status, digest):
                out.append(
                    {
                        "slug": article.slug,
                        "lang": lang,
                        "status": status,
                        "digest": digest,
                        "time": time,
                    }
                )
    return out


def append(path: Path, first_seq: int, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Number the changes from `first_seq` and append them to the log (fsync'd); return them."""
    numbered = [{"seq": first_seq + i, **c} for i, c in enumerate(changes)]
    if not numbered:
        return numbered
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size:
            handle.seek(size - 1)
            if handle.read(1) != b"\n":  # a torn line from a crash: cut it off
                handle.seek(0)
                data = handle.read()
                handle.truncate(data.rfind(b"\n") + 1)
        handle.seek(0, os.SEEK_END)
        lines = "".join(json.dumps(c, ensure_ascii=False, sort_keys=True) + "\n" for c in numbered)
        handle.write(lines.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    return numbered


def page_of(seq: int) -> int:
    """The page of dist/changes/ that holds `seq` (seq 1 is on page 0)."""
    return (seq - 1) // PAGE


def page_path(page: int) -> str:
    """A page's path relative to dist/."""
    return f"{CHANGES_DIR}/{page}.json"


def page_text(page: int, log: list[dict[str, Any]], first: int = 1) -> str:
    """The text of one page of the changes feed (`log` starts at sequence number `first`)."""
    start = page * PAGE - (first - 1)
    items = [{k: c[k] for k in FIELDS} for c in log[start : start + PAGE]]
    data = {
        "schema": 3,
        "page": page,
        "changes": items,
        "next": items[-1]["seq"] if items else page * PAGE,
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def summary(last_seq: int) -> dict[str, Any]:
    """The root manifest's description of the changes feed."""
    return {
        "last": last_seq,
        "page_size": PAGE,
        "pages": page_of(last_seq) + 1 if last_seq else 0,
        "path": f"{CHANGES_DIR}/{{page}}.json",
    }


def changes_since(dist: Path, since: int, limit: int = PAGE) -> dict[str, Any]:
    """The changes after `since` (at most `limit`), read from dist/changes/, and the next seq."""
    out: list[dict[str, Any]] = []
    page = page_of(since + 1)
    while len(out) < limit:
        try:
            data = json.loads((dist / page_path(page)).read_text("utf-8"))
        except FileNotFoundError:
            break
        items = [c for c in data.get("changes", []) if c["seq"] > since]
        out.extend(items[: limit - len(out)])
        if len(data.get("changes", [])) < PAGE:
            break
        page += 1
    return {"schema": 3, "since": since, "changes": out, "next": out[-1]["seq"] if out else since}

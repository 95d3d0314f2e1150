"""What `serve` adds for portals that poll: `GET /changes?since=<seq>` and the URL shapes of the
manifest shards, the changes pages and the monthly archive."""

from __future__ import annotations

import json
import re
from pathlib import Path

from starlette.responses import Response

from transflow.publish.changes import PAGE, changes_since

#: /manifest/<YYYY-MM>.json and /changes/<n>.json
SHARD_RE = re.compile(r"/(?:manifest/[0-9]{4}-[0-9]{2}|changes/[0-9]{1,9})\.json")
#: /<lang>/archive/<YYYY-MM>[-<n>].html
ARCHIVE_RE = re.compile(
    r"/(?P<lang>be|ru|en|be-Latn)/(?P<name>archive/[0-9]{4}-[0-9]{2}(?:-[0-9]{1,6})?\.html)"
)


def changes_response(dist: Path, since: str | None, limit: str | None = None) -> Response:
    """The changes after `since` (default 0) as JSON, at most `limit` (default and most: one
    page); 400 when a parameter is not a whole number."""
    try:
        after = int(since) if since is not None else 0
        most = int(limit) if limit is not None else PAGE
        if after < 0 or not 1 <= most <= PAGE or len(since or "") > 12:
            raise ValueError
    except ValueError:
        return Response(
            f"since and limit must be whole numbers (0 or more; limit 1 to {PAGE})\n",
            status_code=400,
            media_type="text/plain",
        )
    body = json.dumps(changes_since(dist, after, most), ensure_ascii=False, sort_keys=True)
    return Response(
        body + "\n",
        media_type="application/json",
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )

"""`transflow serve`: the read-only HTTP endpoint the portal pulls dist/ from.

Only a fixed set of URL shapes is served (everything else is 404), so no request can name a file
outside dist/: ``/manifest.json``, ``/<lang>/<slug>.html|.json``, ``/<lang>/index.html``,
``/<lang>/feed.atom`` and ``/articles/<slug>`` (the language chosen from ``Accept-Language``).
Responses carry a strong ETag (SHA-256 of the content), Last-Modified, Cache-Control and
``X-Content-Type-Options: nosniff``; conditional requests get 304.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from transflow.errors import TransflowError

#: Languages that are only served when a client asks for them by name.
EXPLICIT_ONLY = frozenset({"be-Latn"})

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".atom": "application/atom+xml; charset=utf-8",
}

#: Fixed pages (manifest, indexes, feeds) change with every build: always revalidate.
CACHE_FIXED = "no-cache"
#: Article files: a short freshness window, then revalidation with the ETag.
CACHE_ARTICLE = "public, max-age=300, must-revalidate"

_LANG = r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?"
_SLUG = r"[a-z0-9-]+"
_FILE_RE = re.compile(rf"/(?P<lang>{_LANG})/(?P<name>{_SLUG}\.(?:html|json)|feed\.atom)")
_ARTICLE_RE = re.compile(rf"/articles/(?P<slug>{_SLUG})")
_BAD_RAW = re.compile(rb"%(?:2f|5c|00)|\\|\x00", re.IGNORECASE)
_RANGE_RE = re.compile(r"^(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$")


@dataclass(frozen=True)
class LangRange:
    """One entry of an Accept-Language header."""

    tag: str
    q: float


def parse_accept_language(header: str) -> list[LangRange]:
    """Parse Accept-Language into ranges sorted by q (stable); malformed entries are skipped."""
    ranges: list[LangRange] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        tag = fields[0]
        if not tag or not _RANGE_RE.match(tag):
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = -1.0
        if 0.0 <= q <= 1.0:
            ranges.append(LangRange(tag, q))
    return sorted(ranges, key=lambda r: -r.q)


def _lookup(tag: str, available: dict[str, str]) -> str | None:
    """RFC 4647 lookup of one range against available tags (keys lower-cased)."""
    parts = tag.lower().split("-")
    while parts:
        key = "-".join(parts)
        if key in available:
            return available[key]
        parts.pop()
    return None


def negotiate_language(
    header: str | None, available: list[str], source_lang: str | None = None
) -> str | None:
    """Pick the language to serve from Accept-Language, `available` tags and the source language.

    Explicit-only tags (be-Latn) are chosen only when requested by name (``be-Latn``), never for
    ``be`` or ``*``. Without a match: the source language, then the other tags (those refused
    with q=0 last).
    """
    if not available:
        return None
    by_key = {tag.lower(): tag for tag in available}
    ranges = parse_accept_language(header or "")
    refused = {match for r in ranges if r.q == 0 and (match := _lookup(r.tag, by_key)) is not None}
    general = {k: v for k, v in by_key.items() if v not in EXPLICIT_ONLY}
    for r in ranges:
        if r.q == 0:
            continue
        if r.tag == "*":
            ordered = ([source_lang] if source_lang else []) + sorted(general.values())
            for tag in ordered:
                if tag in general.values() and tag not in refused:
                    return tag
            continue
        explicit = any(r.tag.lower().startswith(t.lower()) for t in EXPLICIT_ONLY)
        match = _lookup(r.tag, by_key if explicit else general)
        if match is not None and match not in refused:
            return match
    source = [source_lang] if source_lang in general.values() else []
    fallbacks = source + sorted(general.values()) + sorted(by_key.values())
    return next((tag for tag in fallbacks if tag not in refused), fallbacks[0])


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return etag in tags


class DistServer:
    """Serves the files of one dist/ folder; `app` is the Starlette application."""

    def __init__(self, dist_dir: str | Path):
        root = Path(dist_dir)
        if not root.is_dir():
            raise TransflowError("dist folder does not exist (run `transflow build` first)", root)
        self.root = root.resolve()

    def _contained(self, relative: str) -> Path | None:
        """The file under dist/ for `relative`, or None if missing or resolving outside dist/."""
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate

    def _article(self, slug: str) -> dict:
        """The article's entry in manifest.json ({} when unknown or unreadable)."""
        manifest = self._contained("manifest.json")
        if manifest is None:
            return {}
        try:
            data = json.loads(manifest.read_text("utf-8"))
            for article in data.get("articles", []):
                if isinstance(article, dict) and article.get("slug") == slug:
                    return article
        except (OSError, ValueError, AttributeError):
            return {}
        return {}

    def _source_lang(self, slug: str) -> str | None:
        """The article's source language from manifest.json (None when unknown)."""
        lang = self._article(slug).get("source_lang")
        return lang if isinstance(lang, str) else None

    def _withdrawn(self, slug: str, lang: str | None = None) -> bool:
        """True when the manifest keeps a tombstone for the article (or for this language)."""
        article = self._article(slug)
        if article.get("status") == "withdrawn":
            return True
        info = article.get("languages", {}).get(lang) if lang else None
        return isinstance(info, dict) and info.get("status") == "withdrawn"

    def _languages_of(self, slug: str) -> list[str]:
        """Languages with a dist/<lang>/<slug>.html."""
        langs = []
        for child in sorted(self.root.iterdir()):
            if re.fullmatch(_LANG, child.name) and self._contained(f"{child.name}/{slug}.html"):
                langs.append(child.name)
        return langs

    def _file_response(
        self, request: Request, path: Path, cache: str, extra: dict[str, str]
    ) -> Response:
        content = path.read_bytes()
        stat = path.stat()
        etag = '"' + hashlib.sha256(content).hexdigest() + '"'
        headers = {
            "ETag": etag,
            "Last-Modified": email.utils.formatdate(stat.st_mtime, usegmt=True),
            "Cache-Control": cache,
            "X-Content-Type-Options": "nosniff",
            **extra,
        }
        if self._not_modified(request, etag, int(stat.st_mtime)):
            return Response(status_code=304, headers=headers)
        media = CONTENT_TYPES[path.suffix]
        if request.method == "HEAD":
            headers["Content-Length"] = str(len(content))
            headers["Content-Type"] = media
            return Response(b"", headers=headers)
        return Response(content, headers={**headers, "Content-Type": media})

    @staticmethod
    def _not_modified(request: Request, etag: str, mtime: int) -> bool:
        inm = request.headers.get("if-none-match")
        if inm is not None:
            return _etag_matches(inm, etag)
        ims = request.headers.get("if-modified-since")
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims)
            except (TypeError, ValueError, IndexError):
                return False
            if since is not None and since.tzinfo is not None:
                return mtime <= int(since.timestamp())
        return False

    async def endpoint(self, request: Request) -> Response:
        """Handle GET/HEAD for every URL: known shapes are served, the rest is 404."""
        raw = request.scope.get("raw_path") or request.url.path.encode()
        path = request.url.path
        if _BAD_RAW.search(raw.split(b"?", 1)[0]):
            return _not_found()
        if path == "/manifest.json":
            target = self._contained("manifest.json")
            return self._serve(request, target, CACHE_FIXED, {})
        if m := _FILE_RE.fullmatch(path):
            name = m["name"]
            fixed = name in ("index.html", "feed.atom")
            target = self._contained(f"{m['lang']}/{name}")
            if target is None and not fixed and self._withdrawn(name.rsplit(".", 1)[0], m["lang"]):
                return _gone()
            extra = {"Content-Language": m["lang"]}
            return self._serve(request, target, CACHE_FIXED if fixed else CACHE_ARTICLE, extra)
        if m := _ARTICLE_RE.fullmatch(path):
            slug = m["slug"]
            lang = negotiate_language(
                request.headers.get("accept-language"),
                self._languages_of(slug),
                self._source_lang(slug),
            )
            if lang is None:
                if self._withdrawn(slug):
                    return _gone()
                return _not_found({"Vary": "Accept-Language"})
            extra = {
                "Content-Language": lang,
                "Vary": "Accept-Language",
                "Content-Location": f"/{lang}/{slug}.html",
            }
            target = self._contained(f"{lang}/{slug}.html")
            return self._serve(request, target, CACHE_ARTICLE, extra)
        return _not_found()

    def _serve(
        self, request: Request, target: Path | None, cache: str, extra: dict[str, str]
    ) -> Response:
        if target is None:
            return _not_found()
        return self._file_response(request, target, cache, extra)


def _not_found(headers: dict[str, str] | None = None) -> Response:
    return Response("Not Found\n", status_code=404, media_type="text/plain", headers=headers)


def _gone() -> Response:
    """410 for the URLs of a withdrawn article: the portal should take its copy down too."""
    return Response("Gone: this article was withdrawn\n", status_code=410, media_type="text/plain")


def create_app(dist_dir: str | Path) -> Starlette:
    """The Starlette application serving `dist_dir` (GET and HEAD only; other methods get 405)."""
    server = DistServer(dist_dir)
    routes = [Route("/{path:path}", server.endpoint, methods=["GET", "HEAD"])]
    app = Starlette(routes=routes)
    app.state.server = server
    return app


def run(dist_dir: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `dist_dir` with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(
        create_app(dist_dir), host=host, port=port, log_level="warning", server_header=False
    )

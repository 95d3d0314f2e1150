"""`transflow serve`: the read-only HTTP endpoint the portal pulls dist/ from.

Only a fixed set of URL shapes is served (everything else is 404), so no request can name a file
outside dist/: ``/manifest.json``, ``/manifest/<YYYY-MM>.json``, ``/changes/<n>.json``,
``/changes?since=<seq>``, ``/<lang>/<slug>.html|.json``, ``/<lang>/index.html`` (also as
``/<lang>/``), ``/<lang>/archive/<YYYY-MM>[-<n>].html``, ``/<lang>/feed.atom``,
``/media/<sha256>.<ext>`` (pictures) and ``/articles/<slug>`` (the language chosen from
``Accept-Language``; the JSON rendering when ``Accept`` prefers ``application/json``). ``/``
redirects to the index of the language ``Accept-Language`` prefers. For editors, the review
dashboard is at ``/review/`` and the drafts at ``/preview/<lang>/...`` (both ``noindex``).
Responses carry a strong ETag (SHA-256 of the content), Last-Modified, Cache-Control and
``X-Content-Type-Options: nosniff``; conditional requests get 304.
"""

from __future__ import annotations

import email.utils
import errno
import hashlib
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from transflow.errors import ServeError, TransflowError
from transflow.publish.media import IMAGE_TYPES, MEDIA_DIR
from transflow.publish.poll import ARCHIVE_RE, SHARD_RE, changes_response
from transflow.publish.shards import ArticleLookup

#: Languages that are only served when a client asks for them by name.
EXPLICIT_ONLY = frozenset({"be-Latn"})

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".atom": "application/atom+xml; charset=utf-8",
    **IMAGE_TYPES,
}

#: Fixed pages (manifest, indexes, feeds) change with every build: always revalidate.
CACHE_FIXED = "no-cache"
#: Article files: a short freshness window, then revalidation with the ETag.
CACHE_ARTICLE = "public, max-age=300, must-revalidate"

_LANG = r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?"
_SLUG = r"[a-z0-9-]{1,100}"  # slugs are at most 100 characters (article.validate_meta)
_FILE_RE = re.compile(
    rf"/(?P<draft>preview/)?(?P<lang>{_LANG})/(?P<name>{_SLUG}\.(?:html|json)|feed\.atom)?"
)
_DIR_RE = re.compile(rf"/(?:preview/)?{_LANG}|/review")
_ARTICLE_RE = re.compile(rf"/articles/(?P<slug>{_SLUG})")
_MEDIA_RE = re.compile(
    rf"/(?P<draft>preview/)?(?P<name>{MEDIA_DIR}/[0-9a-f]{{64}}\.(?:"
    + "|".join(sorted(t.lstrip(".") for t in IMAGE_TYPES))
    + "))"
)
#: Pictures are named by their digest: they never change, so caches may keep them.
CACHE_MEDIA = "public, max-age=31536000, immutable"
_REVIEW_RE = re.compile(rf"/review/(?P<name>index\.html|{_LANG}\.html)?")
#: Headers of the editors' pages (drafts, dashboard): never cached, never indexed.
EDITORS_ONLY = {"X-Robots-Tag": "noindex", "Cache-Control": "no-store"}
_BAD_RAW = re.compile(rb"%(?:2f|5c|00)|\\|\x00", re.IGNORECASE)
_RANGE_RE = re.compile(r"^(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$")


@dataclass(frozen=True)
class LangRange:
    """One entry of an Accept-Language header."""

    tag: str
    q: float


def parse_accept_language(header: str) -> list[LangRange]:
    """Parse Accept-Language into ranges sorted by q (stable); malformed entries are skipped."""
    ranges = [
        LangRange(tag, q)
        for tag, q in _weighted(header, bad_q=-1.0)
        if tag and _RANGE_RE.match(tag) and 0.0 <= q <= 1.0
    ]
    return sorted(ranges, key=lambda r: -r.q)


def _weighted(header: str, bad_q: float) -> list[tuple[str, float]]:
    """The items of an Accept-style header with their q values (1 when none is given,
    `bad_q` when it is not a number)."""
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = bad_q
        out.append((fields[0], q))
    return out


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


def prefers_json(accept: str | None) -> bool:
    """True when an Accept header ranks application/json above text/html."""
    if not accept:
        return False
    quality: dict[str, float] = {}
    for kind, q in _weighted(accept, bad_q=0.0):
        quality[kind.lower()] = max(q, quality.get(kind.lower(), 0.0))

    def rank(media: str) -> float:
        kind = media.split("/")[0]
        for key in (media, f"{kind}/*", "*/*"):
            if key in quality:
                return quality[key]
        return 0.0

    return rank("application/json") > rank("text/html")


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
        self._lookup = ArticleLookup(self.root)

    def _contained(self, relative: str) -> Path | None:
        """The file under dist/ for `relative`, or None if missing or resolving outside dist/."""
        try:
            candidate = (self.root / relative).resolve()
            if not candidate.is_relative_to(self.root) or not candidate.is_file():
                return None
        except (OSError, ValueError):  # a name too long for the file system, a NUL
            return None
        return candidate

    def _manifest_entry(self, slug: str) -> dict:
        """The article's entry in the manifest shards ({} when unknown or unreadable)."""
        return self._lookup.get(slug)

    def _source_lang(self, slug: str) -> str | None:
        """The article's source language from manifest.json (None when unknown)."""
        lang = self._manifest_entry(slug).get("source_lang")
        return lang if isinstance(lang, str) else None

    def _withdrawn(self, slug: str, lang: str | None = None) -> bool:
        """True when the manifest keeps a tombstone for the article (or for this language)."""
        article = self._manifest_entry(slug)
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
        try:
            content = path.read_bytes()
            stat = path.stat()
        except OSError:  # removed or replaced by a build since it was found
            return _not_found()
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
        if path == "/manifest.json" or SHARD_RE.fullmatch(path):
            target = self._contained(path.lstrip("/"))
            return self._serve(request, target, CACHE_FIXED, {})
        if path == "/changes":
            query = request.query_params
            return changes_response(self.root, query.get("since"), query.get("limit"))
        if m := ARCHIVE_RE.fullmatch(path):
            target = self._contained(f"{m['lang']}/{m['name']}")
            return self._serve(request, target, CACHE_FIXED, {"Content-Language": m["lang"]})
        if path == "/":
            return self._home(request)
        if _DIR_RE.fullmatch(path):
            if self._contained(f"{path[1:]}/index.html") is None:
                return _not_found()
            return _redirect(path + "/", {})
        if m := _REVIEW_RE.fullmatch(path):
            target = self._contained(f"review/{m['name'] or 'index.html'}")
            return self._serve(request, target, CACHE_FIXED, EDITORS_ONLY)
        if m := _FILE_RE.fullmatch(path):
            name = m["name"] or "index.html"
            fixed = name in ("index.html", "feed.atom")
            folder = f"preview/{m['lang']}" if m["draft"] else m["lang"]
            target = self._contained(f"{folder}/{name}")
            # the preview has no index pages of its own: its "news" link leads to the real one
            published_index = self._contained(f"{m['lang']}/index.html")
            if target is None and m["draft"] and name == "index.html" and published_index:
                return _redirect(f"/{m['lang']}/", {})
            slug = name.rsplit(".", 1)[0]
            if target is None and not fixed and not m["draft"] and self._withdrawn(slug, m["lang"]):
                return _gone()
            extra = {"Content-Language": m["lang"], **(EDITORS_ONLY if m["draft"] else {})}
            return self._serve(request, target, CACHE_FIXED if fixed else CACHE_ARTICLE, extra)
        if m := _ARTICLE_RE.fullmatch(path):
            return self._article(request, m["slug"])
        if m := _MEDIA_RE.fullmatch(path):
            target = self._contained(f"{m['draft'] or ''}{m['name']}")
            return self._serve(request, target, CACHE_MEDIA, {})
        return _not_found()

    def _home(self, request: Request) -> Response:
        """Redirect / to the index of the language the client prefers."""
        langs = [
            child.name
            for child in sorted(self.root.iterdir())
            if re.fullmatch(_LANG, child.name) and self._contained(f"{child.name}/index.html")
        ]
        lang = negotiate_language(request.headers.get("accept-language"), langs)
        if lang is None:
            return _not_found()
        return _redirect(f"/{lang}/", {"Vary": "Accept-Language", "Cache-Control": CACHE_FIXED})

    def _article(self, request: Request, slug: str) -> Response:
        """/articles/<slug>: the language from Accept-Language, HTML or JSON from Accept."""
        vary = {"Vary": "Accept, Accept-Language"}
        lang = negotiate_language(
            request.headers.get("accept-language"),
            self._languages_of(slug),
            self._source_lang(slug),
        )
        if lang is None:
            return _gone() if self._withdrawn(slug) else _not_found(vary)
        kind = "json" if prefers_json(request.headers.get("accept")) else "html"
        extra = {
            "Content-Language": lang,
            **vary,
            "Content-Location": f"/{lang}/{slug}.{kind}",
        }
        target = self._contained(f"{lang}/{slug}.{kind}")
        return self._serve(request, target, CACHE_ARTICLE, extra)

    def _serve(
        self, request: Request, target: Path | None, cache: str, extra: dict[str, str]
    ) -> Response:
        if target is None:
            return _not_found()
        return self._file_response(request, target, cache, extra)


def _redirect(location: str, headers: dict[str, str]) -> Response:
    return Response(status_code=302, headers={"Location": location, **headers})


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


class AccessLog:
    """ASGI middleware: one line per request, in the combined log format, to `write`."""

    def __init__(self, app: Callable, write: Callable[[str], None]):
        self.app = app
        self.write = write

    async def __call__(self, scope, receive, send) -> None:
        """Pass the request on, note the status and body size, then write the line."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        seen = {"status": 0, "size": 0}

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body":
                seen["size"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            self.write(access_line(scope, seen["status"] or 500, seen["size"]))


def access_line(scope: dict, status: int, size: int, now: float | None = None) -> str:
    """`host - - [date] "METHOD target HTTP/x" status size "referer" "user-agent"`."""
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
    client = (scope.get("client") or ("-", 0))[0]
    raw = scope.get("raw_path") or scope["path"].encode()
    query = scope.get("query_string") or b""
    target = (raw + (b"?" + query if query else b"")).decode("latin-1")
    when = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now))
    request = f"{scope['method']} {target} HTTP/{scope.get('http_version', '1.1')}"
    return (
        f'{client} - - [{when}] "{_quoted(request)}" {status} {size or "-"} '
        f'"{_quoted(headers.get("referer", "-"))}" "{_quoted(headers.get("user-agent", "-"))}"'
    )


def _quoted(text: str) -> str:
    """Text safe inside a log line's double quotes (no quotes, no control characters)."""
    return "".join(f"\\x{ord(c):02x}" if c == '"' or ord(c) < 32 or c == "\\" else c for c in text)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port; a clear ServeError when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} on {host} is already in use (another server is running there): "
                "stop it, or pass --port with a free port"
            ) from None
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def run(
    dist_dir: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    on_start: Callable[[str], None] | None = None,
    on_request: Callable[[str], None] | None = None,
) -> None:
    """Serve `dist_dir` with uvicorn until interrupted.

    `on_start` gets the URL once the port is bound; `on_request` one access-log line per request.
    """
    import uvicorn

    app = create_app(dist_dir)
    sock = bind(host, port)
    bound = sock.getsockname()[1]
    if on_start:
        shown = f"[{host}]" if ":" in host else host
        on_start(f"http://{shown}:{bound}/")
    config = uvicorn.Config(
        AccessLog(app, on_request) if on_request else app,
        log_level="warning",
        access_log=False,
        server_header=False,
        lifespan="off",
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()

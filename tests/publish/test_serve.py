"""Tests for transflow.publish.serve: a real uvicorn server on 127.0.0.1 and a real HTTP client."""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.browser import serve_app
from transflow.errors import TransflowError
from transflow.publish.serve import create_app, negotiate_language, parse_accept_language, run

SECRET = "TOP-SECRET-7f3a9c"
MTIME = 1615280400  # 2021-03-09 09:00:00 UTC

PAGES = {
    "manifest.json": json.dumps(
        {
            "schema": 3,
            "generated_from": "tests",
            "shards": [
                {"month": "2020-01", "path": "manifest/2020-01.json"},
                {"month": "2021-03", "path": "manifest/2021-03.json"},
            ],
        }
    ),
    "manifest/2021-03.json": json.dumps(
        {
            "schema": 3,
            "month": "2021-03",
            "articles": [
                {"slug": "spring-fair", "source_lang": "ru", "date": "2021-03-09", "languages": {}},
                {
                    "slug": "river-bridge",
                    "source_lang": "be",
                    "date": "2021-03-10",
                    "languages": {"be": {"status": "withdrawn"}},
                },
            ],
        }
    ),
    "manifest/2020-01.json": json.dumps(
        {
            "schema": 3,
            "month": "2020-01",
            "articles": [
                {
                    "slug": "old-story",
                    "source_lang": "ru",
                    "date": "2020-01-01",
                    "status": "withdrawn",
                    "languages": {},
                },
            ],
        }
    ),
    "be/spring-fair.html": "<p>Вясновы кірмаш адкрыўся ў парку.</p>",
    "ru/spring-fair.html": "<p>Весенняя ярмарка открылась в парке.</p>",
    "en/spring-fair.html": "<p>The spring fair opened in the park.</p>",
    "be-Latn/spring-fair.html": "<p>Viasnovy kirmaš adkryŭsia ŭ parku.</p>",
    "be/spring-fair.json": '{"title": "Вясновы кірмаш"}',
    "be/index.html": "<ul><li>Вясновы кірмаш</li></ul>",
    "be/feed.atom": '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"/>',
    "en/river-bridge.html": "<p>The new bridge over the river is ready.</p>",
    "ru/river-bridge.html": "<p>Новый мост через реку готов.</p>",
    "be-Latn/only-latin.html": "<p>Tolki łacinkaj.</p>",
}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("site")
    (base / "secret.html").write_text(SECRET, encoding="utf-8")
    (base / "secret.json").write_text(SECRET, encoding="utf-8")
    root = base / "dist"
    for rel, text in PAGES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.utime(path, (MTIME, MTIME))
    (root / "be" / "leak.html").symlink_to(base / "secret.html")
    (root / "en" / "leak.json").symlink_to(base / "secret.json")
    (root / "ru" / "alias.html").symlink_to(root / "ru" / "spring-fair.html")
    (root / "en" / "tmp").mkdir()
    return root


@pytest.fixture(scope="module")
def base_url(dist: Path) -> Iterator[str]:
    with serve_app(create_app(dist)) as url:
        yield url


@pytest.fixture(scope="module")
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as http:
        yield http


def sha(text: str) -> str:
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest() + '"'


def raw_get(base_url: str, target: bytes, method: bytes = b"GET") -> tuple[int, bytes]:
    """Send a request line exactly as given (no client-side normalisation); status and body."""
    port = int(base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            method + b" " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else 0
    return status, data.partition(b"\r\n\r\n")[2]


@pytest.mark.parametrize(
    ("path", "ctype", "cache"),
    [
        ("/manifest.json", "application/json", "no-cache"),
        (
            "/be/spring-fair.html",
            "text/html; charset=utf-8",
            "public, max-age=300, must-revalidate",
        ),
        ("/be/spring-fair.json", "application/json", "public, max-age=300, must-revalidate"),
        ("/be/index.html", "text/html; charset=utf-8", "no-cache"),
        ("/be/feed.atom", "application/atom+xml; charset=utf-8", "no-cache"),
        (
            "/be-Latn/spring-fair.html",
            "text/html; charset=utf-8",
            "public, max-age=300, must-revalidate",
        ),
    ],
)
def test_files_are_served_with_headers(
    client: httpx.Client, path: str, ctype: str, cache: str
) -> None:
    resp = client.get(path)
    assert resp.status_code == 200
    assert resp.text == PAGES[path.lstrip("/")]
    assert resp.headers["content-type"] == ctype
    assert resp.headers["cache-control"] == cache
    assert resp.headers["etag"] == sha(PAGES[path.lstrip("/")])
    assert resp.headers["last-modified"] == "Tue, 09 Mar 2021 09:00:00 GMT"
    assert resp.headers["x-content-type-options"] == "nosniff"


def test_content_language_on_language_files(client: httpx.Client) -> None:
    assert client.get("/be-Latn/spring-fair.html").headers["content-language"] == "be-Latn"
    assert client.get("/ru/spring-fair.html").headers["content-language"] == "ru"


def test_if_none_match(client: httpx.Client) -> None:
    etag = sha(PAGES["be/spring-fair.html"])
    for header in (etag, f"W/{etag}", f'"nope", {etag}', "*"):
        resp = client.get("/be/spring-fair.html", headers={"If-None-Match": header})
        assert resp.status_code == 304, header
        assert resp.content == b""
        assert resp.headers["etag"] == etag
    assert (
        client.get("/be/spring-fair.html", headers={"If-None-Match": '"other"'}).status_code == 200
    )


def test_if_modified_since(client: httpx.Client) -> None:
    later = email.utils.formatdate(MTIME + 60, usegmt=True)
    same = email.utils.formatdate(MTIME, usegmt=True)
    earlier = email.utils.formatdate(MTIME - 60, usegmt=True)
    get = client.get
    assert get("/manifest.json", headers={"If-Modified-Since": later}).status_code == 304
    assert get("/manifest.json", headers={"If-Modified-Since": same}).status_code == 304
    assert get("/manifest.json", headers={"If-Modified-Since": earlier}).status_code == 200
    assert get("/manifest.json", headers={"If-Modified-Since": "garbage"}).status_code == 200
    # If-None-Match wins over If-Modified-Since
    both = {"If-Modified-Since": later, "If-None-Match": '"other"'}
    assert get("/manifest.json", headers=both).status_code == 200


def test_head(client: httpx.Client) -> None:
    get = client.get("/be/spring-fair.html")
    head = client.head("/be/spring-fair.html")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-type"] == "text/html; charset=utf-8"
    assert (
        client.head("/articles/spring-fair", headers={"Accept-Language": "en"}).headers[
            "content-language"
        ]
        == "en"
    )
    assert client.head("/nothing.html").status_code == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_are_405(client: httpx.Client, method: str) -> None:
    resp = client.request(method, "/be/spring-fair.html")
    assert resp.status_code == 405
    assert "GET" in resp.headers["allow"]


@pytest.mark.parametrize(
    "path",
    [
        "/de/",
        "/de",
        "/ru/",
        "/review/",
        "/preview/be/spring-fair.html",
        "/be/missing.html",
        "/be/spring-fair.txt",
        "/be/spring-fair",
        "/de/spring-fair.html",
        "/EN/spring-fair.html",
        "/be/Spring-Fair.html",
        "/articles/missing",
        "/articles/",
        "/articles/spring-fair/extra",
        "/en/tmp",
        "/secret.html",
        "/manifest.json/",
        "/be/leak.html",
        "/en/leak.json",
    ],
)
def test_unknown_is_404(client: httpx.Client, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 404
    assert SECRET not in resp.text


def test_symlink_inside_dist_to_inside_file_is_served(client: httpx.Client) -> None:
    resp = client.get("/ru/alias.html")
    assert resp.status_code == 200
    assert resp.text == PAGES["ru/spring-fair.html"]


TRAVERSALS = [
    b"/be/../secret.html",
    b"/be/../../secret.html",
    b"/../secret.html",
    b"/be/%2e%2e/secret.html",
    b"/be/%2E%2E/%2E%2E/secret.html",
    b"/be%2f..%2fsecret.html",
    b"/be/..%2fsecret.html",
    b"/be/..%5csecret.html",
    b"/be\\..\\secret.html",
    b"/articles/..%2f..%2fsecret",
    b"/articles/%2e%2e",
    b"/be/spring-fair.html%00.json",
    b"/be/spring-fair%00.html",
    b"//secret.html",
    b"/%2fetc%2fpasswd",
    b"/etc/passwd",
    b"http://127.0.0.1/../secret.html",
    b"/be/./../secret.html",
    b"/be%2fspring-fair.html",
    b"/en/leak.json",
    b"/be/leak.html",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_path_outside_dist(base_url: str, target: bytes) -> None:
    status, body = raw_get(base_url, target)
    assert status in (400, 404), (target, status)
    assert SECRET.encode() not in body
    assert b"root:" not in body


def test_traversal_with_head(base_url: str) -> None:
    status, body = raw_get(base_url, b"/be/%2e%2e/secret.html", b"HEAD")
    assert status == 404


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("be", "be"),
        ("ru", "ru"),
        ("en-GB,en;q=0.8", "en"),
        ("be-BY", "be"),
        ("de, en;q=0.5", "en"),
        ("ru;q=0.2, en;q=0.9, be;q=0.5", "en"),
        ("be-Latn", "be-Latn"),
        ("BE-LATN", "be-Latn"),
        ("be-Latn-BY, be;q=0.5", "be-Latn"),
        ("de", "ru"),  # fallback: the source language
        ("", "ru"),
        ("*", "ru"),
        ("ru;q=0, *", "be"),
        ("ru;q=0", "be"),  # the source language is refused: the next available one
        ("en;q=garbage, be", "be"),
        ("!!!, en", "en"),
    ],
)
def test_negotiation_over_http(client: httpx.Client, header: str, expected: str) -> None:
    resp = client.get("/articles/spring-fair", headers={"Accept-Language": header})
    assert resp.status_code == 200
    assert resp.headers["content-language"] == expected
    assert resp.headers["vary"] == "Accept, Accept-Language"
    assert resp.headers["content-location"] == f"/{expected}/spring-fair.html"
    assert resp.text == PAGES[f"{expected}/spring-fair.html"]


def test_negotiated_etag_differs_per_language(client: httpx.Client) -> None:
    be = client.get("/articles/spring-fair", headers={"Accept-Language": "be"})
    ru = client.get("/articles/spring-fair", headers={"Accept-Language": "ru"})
    assert be.headers["etag"] != ru.headers["etag"]
    again = client.get(
        "/articles/spring-fair",
        headers={"Accept-Language": "be", "If-None-Match": be.headers["etag"]},
    )
    assert again.status_code == 304
    assert again.headers["vary"] == "Accept, Accept-Language"


def test_fallback_source_language_absent(client: httpx.Client) -> None:
    # river-bridge is a be article with no be output: falls back to any available language
    resp = client.get("/articles/river-bridge", headers={"Accept-Language": "be"})
    assert resp.headers["content-language"] in ("en", "ru")
    # be-Latn is the only language: served even though not asked for by name
    only = client.get("/articles/only-latin", headers={"Accept-Language": "be"})
    assert only.status_code == 200
    assert only.headers["content-language"] == "be-Latn"


def test_negotiate_language_unit() -> None:
    assert negotiate_language("be", ["be-Latn", "ru"], "ru") == "ru"
    assert negotiate_language("be", ["be", "be-Latn"], None) == "be"
    assert negotiate_language("sr-Latn", ["be-Latn", "en"], None) == "en"
    assert negotiate_language("en", [], "en") is None
    assert negotiate_language(None, ["ru", "en"], None) == "en"
    assert negotiate_language("ru;q=0, en;q=0", ["ru", "en"], "ru") == "ru"


def test_parse_accept_language_orders_by_q() -> None:
    ranges = parse_accept_language("ru;q=0.3, en, be;q=0.7, x;q=2, ;q=1")
    assert [(r.tag, r.q) for r in ranges] == [("en", 1.0), ("be", 0.7), ("ru", 0.3)]


def test_missing_dist_is_a_transflow_error(tmp_path: Path) -> None:
    with pytest.raises(TransflowError, match="dist folder does not exist"):
        create_app(tmp_path / "nope")
    with pytest.raises(TransflowError):
        run(tmp_path / "nope", "127.0.0.1", 0)


@pytest.mark.parametrize(
    "path",
    ["/articles/old-story", "/ru/old-story.html", "/en/old-story.json", "/be/river-bridge.html"],
)
def test_withdrawn_articles_and_languages_are_410_gone(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 410
    assert "withdrawn" in response.text


def test_a_language_never_published_is_still_404(client: httpx.Client) -> None:
    assert client.get("/be/no-such-story.html").status_code == 404
    assert client.get("/en/river-bridge.html").status_code == 200

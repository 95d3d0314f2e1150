"""`transflow serve` over a rendered site: every link works, index pages at / and /<lang>/, JSON by
Accept, the preview tree, one start-up line and an access-log line per request, a taken port."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from tests.browser import serve_app
from tests.publish.helpers import render
from transflow.cli import main
from transflow.errors import ServeError
from transflow.publish.serve import AccessLog, bind, create_app, prefers_json


class Links(HTMLParser):
    """Every href and src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def crawl(client: httpx.Client, start: str) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Follow every same-site link from `start`: status per URL, and the broken (page, link)."""
    seen: dict[str, int] = {}
    broken: list[tuple[str, str]] = []
    todo = [(start, start)]
    while todo:
        page, url = todo.pop()
        url = url.split("#", 1)[0]
        if url in seen:
            if seen[url] != 200:
                broken.append((page, url))
            continue
        response = client.get(url, follow_redirects=True)
        seen[url] = response.status_code
        if response.status_code != 200:
            broken.append((page, url))
            continue
        if response.headers["content-type"].startswith("text/html"):
            parser = Links()
            parser.feed(response.text)
            base = str(response.url)
            for link in parser.links:
                target = urljoin(base, link)
                if urlsplit(target).netloc == urlsplit(base).netloc:
                    todo.append((base, target))
    return seen, broken


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[httpx.Client]:
    assert not render(site, preview=True).problems
    with serve_app(create_app(site / "dist")) as url, httpx.Client(base_url=url) as client:
        yield client


def test_every_link_of_every_page_works_through_serve(served: httpx.Client) -> None:
    seen, broken = crawl(served, str(served.base_url) + "/")
    assert broken == []
    pages = [url for url in seen if url.endswith(".html") or url.endswith("/")]
    # the crawl reached the articles in every published language and the language indexes
    for path in ("/be/", "/ru/", "/en/", "/be/river-bridge.html", "/en/river-bridge.html"):
        assert any(urlsplit(url).path == path for url in pages), path


def test_serve_preview_serves_the_drafts_with_every_link_working(site: Path) -> None:
    assert main(["-C", str(site), "render", "--preview"]) == 0
    preview = site / "dist" / "preview"
    with serve_app(create_app(preview)) as url, httpx.Client() as client:
        seen, broken = crawl(client, url + "/")
        page = client.get(url + "/be/school-garden.html")
    assert broken == []
    assert page.status_code == 200
    assert page.content == (preview / "be" / "school-garden.html").read_bytes()
    # the drafts' own index pages: school-garden has no approved English, yet its draft is listed
    english = (preview / "en" / "index.html").read_text("utf-8")
    assert '<a href="school-garden.html">' in english
    assert any(u.endswith("/en/school-garden.html") for u in seen)


def test_root_redirects_to_the_preferred_language_index(served: httpx.Client) -> None:
    response = served.get("/", headers={"Accept-Language": "ru, en;q=0.5"})
    assert response.status_code == 302 and response.headers["location"] == "/ru/"
    assert "Accept-Language" in response.headers["vary"]
    index = served.get("/ru/")
    assert index.status_code == 200 and index.headers["content-language"] == "ru"
    assert index.content == served.get("/ru/index.html").content
    assert served.get("/en").headers["location"] == "/en/"


def test_accept_json_returns_the_json_rendering(served: httpx.Client) -> None:
    headers = {"Accept": "application/json", "Accept-Language": "en"}
    response = served.get("/articles/river-bridge", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json()["slug"] == "river-bridge" and response.json()["lang"] == "en"
    assert response.headers["content-location"] == "/en/river-bridge.json"
    assert "Accept" in response.headers["vary"]
    page = served.get("/articles/river-bridge", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/json", True),
        ("text/html, application/json;q=0.9", False),
        ("application/json, text/html;q=0.5", True),
        ("*/*", False),
        ("application/*", True),
        ("", False),
    ],
)
def test_prefers_json(accept: str, expected: bool) -> None:
    assert prefers_json(accept) is expected


def test_drafts_and_the_dashboard_are_marked_for_editors_only(served: httpx.Client) -> None:
    response = served.get("/preview/ru/school-garden.html")
    assert response.status_code == 200
    assert response.headers["x-robots-tag"] == "noindex"
    assert response.headers["cache-control"] == "no-store"


def test_access_log_line_per_request(site: Path) -> None:
    lines: list[str] = []
    app = AccessLog(create_app(site / "dist"), lines.append)
    with serve_app(app) as url, httpx.Client(base_url=url) as client:
        client.get("/be/river-bridge.html", headers={"User-Agent": 'probe "1"'})
        client.get("/nothing-here")
    assert len(lines) == 2
    pattern = (
        r"127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d \+0000\] "
        r'"GET /be/river-bridge\.html HTTP/1\.1" 200 \d+ "-" "probe \\x221\\x22"'
    )
    assert re.fullmatch(pattern, lines[0]), lines[0]
    assert ' "GET /nothing-here HTTP/1.1" 404 ' in lines[1]


def test_a_taken_port_is_a_clear_error_with_its_own_status(site: Path) -> None:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    port = holder.getsockname()[1]
    try:
        with pytest.raises(ServeError, match=f"port {port} on 127.0.0.1 is already in use"):
            bind("127.0.0.1", port)
        result = subprocess.run(
            [sys.executable, "-m", "transflow.cli", "-C", str(site), "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.close()
    assert result.returncode == 5 == ServeError.exit_code
    assert "already in use" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_prints_its_url_then_one_line_per_request(site: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "transflow.cli", "-C", str(site), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline()
        started = r"serving dist/ at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)\n"
        match = re.fullmatch(started, first)
        assert match, first
        response = httpx.get(match.group(1) + "en/", timeout=30)
        assert response.status_code == 200
        line = process.stdout.readline()
        assert '"GET /en/ HTTP/1.1" 200 ' in line
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.stderr.read() == ""

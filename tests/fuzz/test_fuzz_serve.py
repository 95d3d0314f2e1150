"""Fuzzing `serve`: any request path and headers, sent raw to a real server; never a 500."""

from __future__ import annotations

import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import event, given

from tests.browser import serve_app
from transflow.publish.serve import create_app

from .gen_requests import request_headers, request_method, request_path
from .harness import project, run_cli
from .profiles import fuzz_settings


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """A server on 127.0.0.1 over the dist/ of a built one-article project."""
    keep = Path(tempfile.mkdtemp(prefix="tf-fuzz-dist-"))
    try:
        with project() as root:
            assert run_cli("-C", str(root), "build").status == 0
            shutil.copytree(root / "dist", keep / "dist")
        with serve_app(create_app(keep / "dist")) as url:
            yield url
    finally:
        shutil.rmtree(keep, ignore_errors=True)


def raw_request(base_url: str, method: str, path: str, headers: dict[str, str]) -> int:
    """Send one HTTP/1.1 request byte for byte (no client-side clean-up); the status answered."""
    host, port = base_url.removeprefix("http://").split(":")
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items() if name != "Host"]
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        reply = b""
        while b"\r\n" not in reply:
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
    status_line = reply.split(b"\r\n", 1)[0].decode("latin-1")
    assert status_line.startswith("HTTP/1.1 "), status_line
    return int(status_line.split()[1])


@fuzz_settings(1000)
@given(method=request_method, path=request_path, headers=request_headers)
def test_serve_never_answers_500(
    base_url: str, method: str, path: str, headers: dict[str, str]
) -> None:
    status = raw_request(base_url, method, path, headers)
    event(f"status {status}")
    assert status < 500, (method, path, headers)


def test_the_fuzzed_server_serves_its_article(base_url: str) -> None:
    assert raw_request(base_url, "GET", "/ru/river-port.html", {}) == 200
    assert raw_request(base_url, "GET", "/articles/river-port", {"Accept-Language": "be"}) == 200

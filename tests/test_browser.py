"""Self-tests of tests/browser.py: the harness must see a script run and must not cry wolf."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

from tests.browser import (
    Chromium,
    dangerous_markup,
    dump_dom,
    screenshot,
    scripts_ran,
    serve_app,
)

PAYLOADS = [
    "<img src=x onerror=\"document.title='owned'\">",
    "<script>document.title = 'owned';</script>",
    "<svg onload=\"alert('owned')\"></svg>",
    '<a href="javascript:alert(\'owned\')" style="display:block;height:40px">read more</a>',
    '<a href=" JaVaScRiPt:void(0)" style="display:block;height:40px">more</a>',
    "<body onload=\"console.log('owned')\">",
    "<iframe srcdoc=\"&lt;script&gt;parent.document.title='x'&lt;/script&gt;\"></iframe>",
    "<details open ontoggle=\"document.title='owned'\"><summary>s</summary></details>",
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    with Chromium() as browser:
        yield browser


def page(tmp_path: Path, body: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(
        f'<!doctype html><html lang="be"><head><meta charset="utf-8"><title>t</title></head>'
        f"<body><p>Навіны дня.</p>{body}</body></html>",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("payload", PAYLOADS)
def test_running_payload_is_detected(chromium: Chromium, tmp_path: Path, payload: str) -> None:
    report = chromium.inspect(page(tmp_path, payload))
    assert report.ran, report
    assert report.dangerous, report


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_payload_is_not_detected(chromium: Chromium, tmp_path: Path, payload: str) -> None:
    report = chromium.inspect(page(tmp_path, f"<p>{html.escape(payload)}</p>"))
    assert not report.ran
    assert report.dangerous == []
    assert not chromium.scripts_ran(page(tmp_path, html.escape(payload), "bare.html"))


def test_clean_page_with_plain_link_and_missing_image(chromium: Chromium, tmp_path: Path) -> None:
    body = '<a href="https://example.invalid/">x</a><img src="missing.png" alt="">'
    report = chromium.inspect(page(tmp_path, body))
    assert not report.ran
    assert report.dangerous == []


def test_javascript_link_runs_only_when_clicked(chromium: Chromium, tmp_path: Path) -> None:
    path = page(tmp_path, PAYLOADS[3])
    unclicked = chromium.inspect(path, click=False)
    assert unclicked.ran is False
    assert dangerous_markup(path) == unclicked.dangerous != []
    clicked = chromium.inspect(path)
    assert clicked.dialogs == ["owned"]


def test_dialog_and_console_are_recorded(chromium: Chromium, tmp_path: Path) -> None:
    report = chromium.inspect(
        page(tmp_path, "<script>console.log('hello', 7); alert('hi');</script>")
    )
    assert report.dialogs == ["hi"]
    assert report.console == ["hello 7"]


def test_requests_outside_localhost_are_blocked(chromium: Chromium, tmp_path: Path) -> None:
    report = chromium.inspect(page(tmp_path, '<img src="http://203.0.113.9/pixel.png" alt="">'))
    assert report.blocked == ["http://203.0.113.9/pixel.png"]
    assert not report.ran


def test_dump_dom_sees_script_changes(tmp_path: Path) -> None:
    path = page(
        tmp_path,
        "<div id='t'></div><script>document.getElementById('t').textContent = 'ран'</script>",
    )
    dom = dump_dom(path)
    assert '<div id="t">ран</div>' in dom
    assert "Навіны дня." in dom


def test_served_page_over_http(chromium: Chromium) -> None:
    async def evil(request: object) -> HTMLResponse:
        return HTMLResponse("<p>x</p><img src=x onerror=\"document.title='owned'\">")

    async def clean(request: object) -> HTMLResponse:
        return HTMLResponse("<p>Чыстая старонка</p>")

    app = Starlette(routes=[Route("/evil", evil), Route("/clean", clean)])
    with serve_app(app) as url:
        assert scripts_ran(f"{url}/evil")
        assert not chromium.scripts_ran(f"{url}/clean")
        assert "Чыстая старонка" in chromium.dump_dom(f"{url}/clean")


def test_many_pages_in_one_browser_stay_separate(chromium: Chromium, tmp_path: Path) -> None:
    evil = page(tmp_path, PAYLOADS[1], "evil.html")
    clean = page(tmp_path, "<p>Добры дзень</p>", "clean.html")
    results = [chromium.scripts_ran(p) for p in (evil, clean, evil, clean)]
    assert results == [True, False, True, False]


def test_screenshot_writes_png(tmp_path: Path) -> None:
    png = screenshot(page(tmp_path, "<h1>Здымак</h1>"), tmp_path / "shot.png", size=(400, 300))
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert (width, height) == (400, 300)


def test_dump_dom_of_page_with_dialog_does_not_hang(chromium: Chromium, tmp_path: Path) -> None:
    path = page(tmp_path, "<script>alert('stop'); document.body.dataset.after = 'yes';</script>")
    dom = chromium.dump_dom(path)
    assert 'data-after="yes"' in dom

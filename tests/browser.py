"""Headless Chromium harness for tests: dump the DOM, take screenshots, detect running scripts.

Chromium is driven over the DevTools protocol (``--remote-debugging-pipe``: NUL-terminated JSON
on file descriptors 3 and 4, so no websocket library is needed). Virtual time makes every wait
deterministic, dialogs (alert/confirm/prompt) are answered so that no page can hang the harness,
and the browser may only reach file:// and 127.0.0.1 URLs (other requests are failed).

* `scripts_ran(page)`: whether any script of the page was compiled or ran: inline ``<script>``,
  event-handler attributes (``onerror=``...), ``javascript:`` links (which it clicks with real
  mouse events), dialogs and console calls. `inspect_page(page)` gives the details.
* `dangerous_markup(page)`: DOM features through which a script could run, even if none did.
* `dump_dom(page)`, `screenshot(page, png)`: the serialized DOM after load, a PNG of the viewport.
* `Chromium()`: one browser for many pages (a new tab each), about 10x faster than the one-off
  functions above. `serve_app(app)`: an ASGI app under uvicorn on a free 127.0.0.1 port.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--mute-audio",
    "--hide-scrollbars",
]
TIMEOUT = 60.0  # seconds of silence from the browser before a test fails instead of hanging

#: URL schemes and hosts the browser may load; everything else is failed (no network in tests).
_ALLOWED_PREFIXES = ("file://", "http://127.0.0.1", "about:", "data:")


def _url(target: str | Path) -> str:
    """A URL for a file path or URL string."""
    text = str(target)
    if "://" in text or text.startswith(("about:", "data:")):
        return text
    return Path(text).resolve().as_uri()


@dataclass
class PageReport:
    """What happened while a page was loaded (and its javascript: links clicked)."""

    scripts: list[str] = field(default_factory=list)  # urls of compiled page scripts
    dialogs: list[str] = field(default_factory=list)  # messages of alert/confirm/prompt
    console: list[str] = field(default_factory=list)  # console.* calls
    blocked: list[str] = field(default_factory=list)  # requests refused (outside 127.0.0.1)
    dangerous: list[str] = field(default_factory=list)  # see dangerous_markup()

    @property
    def ran(self) -> bool:
        """True when any script of the page was compiled or produced an effect."""
        return bool(self.scripts or self.dialogs or self.console)


class _Cdp:
    """A minimal DevTools-protocol client over Chromium's --remote-debugging-pipe."""

    def __init__(self, profile: str):
        to_browser_r, self._w = os.pipe()
        self._r, from_browser_w = os.pipe()

        def wire() -> None:  # runs in the child before exec: browser reads fd 3, writes fd 4
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"]
        self.proc = subprocess.Popen(
            [*cmd, "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=wire,  # noqa: PLW1509 - needed to place the pipe on fds 3 and 4
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buf = b""
        self._next_id = 0
        self.events: list[dict] = []

    def _read_message(self) -> dict:
        while b"\0" not in self._buf:
            if not select.select([self._r], [], [], TIMEOUT)[0]:
                self.proc.kill()
                raise RuntimeError(f"chromium sent nothing for {TIMEOUT} s")
            chunk = os.read(self._r, 65536)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        """Send a command; returns its id."""
        self._next_id += 1
        msg: dict = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        return self._next_id

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send a command and wait for its result (events meanwhile go to self.events)."""
        wanted = self.send(method, params, session)
        while True:
            msg = self._read_message()
            if msg.get("id") == wanted:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def next_event(self) -> dict:
        """The next queued or incoming event."""
        if self.events:
            return self.events.pop(0)
        while True:
            msg = self._read_message()
            if "method" in msg:
                return msg

    def close(self) -> None:
        """Close the browser and the pipes."""
        with contextlib.suppress(OSError):
            self.send("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._w)
        os.close(self._r)


_DANGEROUS_URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "data")


def _scan(node: dict, found: list[str]) -> None:
    name = node.get("nodeName", "").lower()
    attrs = node.get("attributes", [])
    for key, value in zip(attrs[::2], attrs[1::2], strict=False):
        low = key.lower()
        compact = "".join(ch for ch in value if ch > " ").lower()
        if low.startswith("on"):
            found.append(f"<{name} {key}>")
        elif low in _DANGEROUS_URL_ATTRS and compact.startswith(("javascript:", "vbscript:")):
            found.append(f"<{name} {key}={value!r}>")
        elif low == "srcdoc":
            found.append(f"<{name} srcdoc>")
    if name == "script":
        found.append("<script>")
    for child in node.get("children", []) + node.get("contentDocument", {}).get("children", []):
        _scan(child, found)


def _handle(event: dict, report: PageReport, cdp: _Cdp, session: str) -> None:
    if event.get("sessionId") != session:
        return  # another tab's (or the browser's) event
    method, params = event["method"], event.get("params", {})
    if method == "Debugger.scriptParsed":
        report.scripts.append(params.get("url") or "<inline>")
    elif method == "Page.javascriptDialogOpening":
        report.dialogs.append(params.get("message", ""))
        cdp.send("Page.handleJavaScriptDialog", {"accept": True}, session)
    elif method == "Runtime.consoleAPICalled":
        args = [str(a.get("value", a.get("description", ""))) for a in params.get("args", [])]
        report.console.append(" ".join(args))
    elif method == "Fetch.requestPaused":
        url = params["request"]["url"]
        if url.startswith(_ALLOWED_PREFIXES):
            cdp.send("Fetch.continueRequest", {"requestId": params["requestId"]}, session)
        else:
            report.blocked.append(url)
            cdp.send(
                "Fetch.failRequest",
                {"requestId": params["requestId"], "errorReason": "BlockedByClient"},
                session,
            )


def _wait_budget(cdp: _Cdp, session: str, report: PageReport, budget_ms: int) -> None:
    """Let the page run for `budget_ms` of virtual time, handling events meanwhile."""
    cdp.send(
        "Emulation.setVirtualTimePolicy",
        {"policy": "pauseIfNetworkFetchesPending", "budget": budget_ms},
        session,
    )
    while True:
        event = cdp.next_event()
        if event["method"] == "Emulation.virtualTimeBudgetExpired" and (
            event.get("sessionId") == session
        ):
            return
        _handle(event, report, cdp, session)


def _click_script_links(cdp: _Cdp, session: str) -> None:
    """Click (with real mouse events) every visible element whose href is a javascript: URL."""
    root = cdp.call("DOM.getDocument", {"depth": -1, "pierce": True}, session)["root"]
    nodes = cdp.call(
        "DOM.querySelectorAll",
        {"nodeId": root["nodeId"], "selector": "a[href], area[href]"},
        session,
    )["nodeIds"]
    for node_id in nodes:
        attrs = cdp.call("DOM.getAttributes", {"nodeId": node_id}, session)["attributes"]
        href = dict(zip(attrs[::2], attrs[1::2], strict=False)).get("href", "")
        if not "".join(ch for ch in href if ch > " ").lower().startswith("javascript:"):
            continue
        try:
            quad = cdp.call("DOM.getBoxModel", {"nodeId": node_id}, session)["model"]["content"]
        except RuntimeError:
            continue  # not rendered: cannot be clicked
        x, y = sum(quad[0::2]) / 4, sum(quad[1::2]) / 4
        for kind in ("mousePressed", "mouseReleased"):
            params = {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}
            cdp.call("Input.dispatchMouseEvent", params, session)


class Chromium:
    """One headless browser for many pages (each in a fresh tab); use as a context manager."""

    def __init__(self) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="tf-cdp-")
        self._cdp = _Cdp(self._profile.name)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the browser and remove its profile."""
        self._cdp.close()
        self._profile.cleanup()

    def inspect(self, page: str | Path, budget_ms: int = 1500, click: bool = True) -> PageReport:
        """Load `page` (file or 127.0.0.1 URL) in a new tab; report scripts, dialogs, markup."""
        cdp, report = self._cdp, PageReport()
        target = cdp.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = cdp.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        try:
            for domain in ("Page", "Runtime", "Debugger", "DOM"):
                cdp.call(f"{domain}.enable", {}, session)
            cdp.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}, session)
            cdp.events.clear()  # nothing from about:blank counts
            cdp.send("Page.navigate", {"url": _url(page)}, session)
            _wait_budget(cdp, session, report, budget_ms)
            if click:
                _click_script_links(cdp, session)
                _wait_budget(cdp, session, report, 200)
            root = cdp.call("DOM.getDocument", {"depth": -1, "pierce": True}, session)["root"]
            _scan(root, report.dangerous)
        finally:
            cdp.call("Target.closeTarget", {"targetId": target})
            cdp.events.clear()
        return report

    def scripts_ran(self, page: str | Path, budget_ms: int = 1500) -> bool:
        """True when loading `page` (and clicking its javascript: links) ran any script."""
        return self.inspect(page, budget_ms).ran

    def _open(self, page: str | Path, budget_ms: int, size: tuple[int, int] | None) -> tuple:
        cdp = self._cdp
        target = cdp.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = cdp.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        if size:
            metrics = {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False}
            cdp.call("Emulation.setDeviceMetricsOverride", metrics, session)
        cdp.call("Page.enable", {}, session)
        cdp.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}, session)
        cdp.send("Page.navigate", {"url": _url(page)}, session)
        _wait_budget(cdp, session, PageReport(), budget_ms)
        return target, session

    def dump_dom(self, page: str | Path, budget_ms: int = 1500) -> str:
        """The serialized DOM of `page` after `budget_ms` of virtual time (dialogs dismissed)."""
        target, session = self._open(page, budget_ms, None)
        try:
            root = self._cdp.call("DOM.getDocument", {"depth": 0}, session)["root"]
            node = {"nodeId": root["nodeId"]}
            return self._cdp.call("DOM.getOuterHTML", node, session)["outerHTML"]
        finally:
            self._cdp.call("Target.closeTarget", {"targetId": target})
            self._cdp.events.clear()

    def screenshot(
        self, page: str | Path, png_path: str | Path, size: tuple[int, int] = (1280, 900)
    ) -> Path:
        """Save a PNG of the viewport (`size` CSS pixels) of `page`; returns the path."""
        target, session = self._open(page, 1500, size)
        try:
            data = self._cdp.call("Page.captureScreenshot", {"format": "png"}, session)["data"]
        finally:
            self._cdp.call("Target.closeTarget", {"targetId": target})
            self._cdp.events.clear()
        png = Path(png_path)
        png.write_bytes(base64.b64decode(data))
        return png


def dump_dom(url_or_file: str | Path, budget_ms: int = 1500) -> str:
    """The serialized DOM of a page after load (a one-off browser; see Chromium.dump_dom)."""
    with Chromium() as browser:
        return browser.dump_dom(url_or_file, budget_ms)


def screenshot(url: str | Path, png_path: str | Path, size: tuple[int, int] = (1280, 900)) -> Path:
    """Save a PNG screenshot of `url` (or a file) at `png_path` (a one-off browser)."""
    with Chromium() as browser:
        return browser.screenshot(url, png_path, size)


def inspect_page(page: str | Path, budget_ms: int = 1500, click: bool = True) -> PageReport:
    """Load `page` in a one-off browser (see Chromium.inspect)."""
    with Chromium() as browser:
        return browser.inspect(page, budget_ms, click)


def scripts_ran(page: str | Path, budget_ms: int = 1500) -> bool:
    """True when loading `page` (and clicking its javascript: links) ran any script."""
    return inspect_page(page, budget_ms).ran


def dangerous_markup(page: str | Path) -> list[str]:
    """DOM features of `page` through which a script could run (on* attributes, javascript: URLs,
    <script>, srcdoc), whether or not one ran."""
    return inspect_page(page, click=False).dangerous


@contextlib.contextmanager
def serve_app(app: object) -> Iterator[str]:
    """Run an ASGI app with uvicorn on a free 127.0.0.1 port; yields its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # accepted connections inherit TCP_NODELAY; without it every response waits ~40 ms
    # (Nagle against delayed ACK), since uvicorn does not set it on sockets it is handed
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)  # connections queue in the kernel until uvicorn accepts: no start-up wait
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off", server_header=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()

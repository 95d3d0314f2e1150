"""What every look-alike server of the tests shares: a free port of 127.0.0.1, a background
thread, a request log, in-flight counting, scripted or computed faults after a latency."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


class LoopbackHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    owner: LoopbackServer


class LoopbackServer:
    """A look-alike server (use as a context manager); `handler` reads its state via `owner`."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], latency: float = 0.0):
        self.latency = latency
        self.script: deque[str] = deque()
        self.fault_for: Callable[[int, Any], str | None] | None = None
        self.log: list[dict] = []  # one entry per request
        self.stop = threading.Event()
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._httpd = LoopbackHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.owner = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:PORT (no trailing slash)."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def start(self) -> Self:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def record(self, entry: dict) -> int:
        """Log a request (with its arrival time); returns its index."""
        with self._lock:
            self.log.append({"t": time.monotonic(), **entry})
            return len(self.log) - 1

    def enter(self) -> None:
        """A request started (counts requests in flight)."""
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self) -> None:
        """A request's latency and fault are over."""
        with self._lock:
            self.in_flight -= 1

    def next_fault(self, index: int, what: Any) -> str | None:
        """The fault for this request (script first), after the configured latency."""
        if self.latency:
            self.stop.wait(self.latency)
        with self._lock:
            if self.script:
                return self.script.popleft()
        return self.fault_for(index, what) if self.fault_for else None

    def logged(self, key: str) -> list:
        """One field of every logged request, in arrival order."""
        with self._lock:
            return [e[key] for e in self.log]

    def close(self) -> None:
        """Stop serving and release the port."""
        self.stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

"""MT provider look-alikes on 127.0.0.1 with switchable faults, for tests and the benchmark.

One server answers the wire formats of LibreTranslate (POST /translate, GET /languages), Google's
web page (GET /m, what deep-translator's GoogleTranslator scrapes), MyMemory (GET /get), DeepL
(POST /v2/translate), Microsoft (…?api-version=3.0) and Yandex (POST /api/v1.5/tr.json/translate).
Its "translation" is the text tagged with the target language: "[ru] text".

Faults, applied to translation requests only: a `script` of faults used one per request, then
`fault_for(index, text)` (None: answer normally). A fault is one of "slow:SECONDS", "429",
"429:RETRY_AFTER", "500", "503:RETRY_AFTER", "malformed", "drop", "400:MESSAGE", "403".
"""

from __future__ import annotations

import contextlib
import html
import json
import socket
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from tests.mt.loopback import LoopbackHTTPServer, LoopbackServer

LANGS = ("be", "ru", "en", "uk")
MYMEMORY = {"be-BY": "be", "ru-RU": "ru", "en-GB": "en", "uk-UA": "uk"}
MS_NAMES = {"be": "Belarusian", "ru": "Russian", "en": "English", "uk": "Ukrainian"}


def fake_translate(text: str, tgt: str) -> str:
    """The servers' deterministic 'translation'."""
    return f"[{tgt}] {text}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once (no 40 ms delayed-ACK stall)
    server: LoopbackHTTPServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    # -- plumbing
    def _params(self) -> tuple[str, dict[str, str], bytes]:
        parts = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        return parts.path, params, body

    def _send(
        self,
        status: int,
        body: str | bytes,
        ctype: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype + "; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status: int, obj: object, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(obj, ensure_ascii=False), headers=headers)

    def do_GET(self) -> None:  # noqa: N802
        self._route("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._route("POST")

    # -- routing
    def _route(self, method: str) -> None:
        path, params, body = self._params()
        srv = self.server.owner
        if path == "/languages" and "api-version" in params:
            return self._json(200, {"translation": {c: {"name": n} for c, n in MS_NAMES.items()}})
        if path == "/languages":
            return self._json(
                200,
                [
                    {"code": c, "name": c, "targets": [t for t in srv.languages if t != c]}
                    for c in srv.languages
                ],
            )
        flavour, text, src, tgt, extra = self._parse(path, method, params, body)
        if flavour is None:
            return self._json(404, {"error": f"no route {method} {path}"})
        index = srv.note(path, text, src, tgt, extra)
        srv.enter()
        try:
            fault = srv.next_fault(index, text)
            if fault and self._fault(fault, flavour):
                return
        finally:
            srv.leave()
        if srv.api_key is not None and extra.get("key") != srv.api_key:
            return self._json(403, {"error": "Invalid API key"})
        if src not in srv.languages or tgt not in srv.languages:
            bad = src if src not in srv.languages else tgt
            return self._json(400, {"error": f"{bad} is not supported"})
        self._answer(flavour, fake_translate(text, tgt), tgt)

    def _parse(self, path: str, method: str, params: dict[str, str], body: bytes):
        try:
            if path == "/translate" and "api-version" in params:
                items = json.loads(body or b"[]")
                key = self.headers.get("Ocp-Apim-Subscription-Key")
                return (
                    "microsoft",
                    items[0]["text"],
                    params.get("from"),
                    params.get("to"),
                    {"key": key},
                )
            if path == "/translate" and method == "POST":
                data = json.loads(body or b"{}")
                return (
                    "libre",
                    data.get("q", ""),
                    data.get("source"),
                    data.get("target"),
                    {"key": data.get("api_key"), "format": data.get("format")},
                )
            if path == "/m":
                return "google", params.get("q", ""), params.get("sl"), params.get("tl"), {}
            if path == "/get":
                s, _, t = params.get("langpair", "|").partition("|")
                return (
                    "mymemory",
                    params.get("q", ""),
                    MYMEMORY.get(s, s),
                    MYMEMORY.get(t, t),
                    {"langpair": params.get("langpair")},
                )
            if path == "/v2/translate":
                data = json.loads(body or b"{}")
                auth = self.headers.get("Authorization", "")
                src = str(data.get("source_lang", "")).lower()
                tgt = str(data.get("target_lang", "")).lower().split("-")[0]
                return (
                    "deepl",
                    data["text"][0],
                    src,
                    tgt,
                    {
                        "key": auth.removeprefix("DeepL-Auth-Key "),
                        "target": data.get("target_lang"),
                    },
                )
            if path == "/api/v1.5/tr.json/translate":
                form = {k: v[-1] for k, v in parse_qs(body.decode("utf-8")).items()}
                s, _, t = form.get("lang", "-").partition("-")
                return "yandex", form.get("text", ""), s, t, {"key": form.get("key")}
        except (ValueError, KeyError, IndexError, TypeError):
            return "libre", "", None, None, {}
        return None, "", None, None, {}

    def _answer(self, flavour: str, out: str, tgt: str) -> None:
        if flavour == "google":
            page = (
                f'<html><body><div class="other">menu</div>'
                f'<div class="result-container">{html.escape(out)}</div></body></html>'
            )
            return self._send(200, page, "text/html")
        if flavour == "mymemory":
            return self._json(
                200, {"responseData": {"translatedText": out}, "responseStatus": 200, "matches": []}
            )
        if flavour == "deepl":
            return self._json(
                200, {"translations": [{"detected_source_language": "EN", "text": out}]}
            )
        if flavour == "microsoft":
            return self._json(200, [{"translations": [{"text": out, "to": tgt}]}])
        if flavour == "yandex":
            return self._json(200, {"code": 200, "lang": tgt, "text": [out]})
        return self._json(200, {"translatedText": out})

    def _fault(self, fault: str, flavour: str) -> bool:
        """Apply a fault; True when the request is answered (or dropped) by it."""
        kind, _, arg = fault.partition(":")
        if kind == "slow":
            self.server.owner.stop.wait(float(arg))
            return False
        if kind == "drop":
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return True
        if kind == "malformed":
            if flavour == "google":
                self._send(200, "<html><body><p>nothing here</p></body></html>", "text/html")
            else:
                self._send(200, '{"translatedText": ', "application/json")
            return True
        status = int(kind)
        headers = {"Retry-After": arg} if arg and status in (429, 503) else None
        message = (
            arg
            if status == 400
            else {429: "Too many requests", 403: "Invalid API key"}.get(status, "Internal error")
        )
        self._json(status, {"error": message}, headers=headers)
        return True


class FaultServer(LoopbackServer):
    """The look-alike server, started on a free port of 127.0.0.1 (use as a context manager)."""

    def __init__(
        self, latency: float = 0.0, languages: tuple[str, ...] = LANGS, api_key: str | None = None
    ):
        super().__init__(_Handler, latency)
        self.languages = tuple(languages)
        self.api_key = api_key

    def note(self, path: str, text: str, src: str | None, tgt: str | None, extra: dict) -> int:
        """Record a translation request; returns its index."""
        return self.record({"path": path, "text": text, "src": src, "tgt": tgt, **extra})

    def texts(self) -> list[str]:
        """Texts of every translation request, in arrival order."""
        return self.logged("text")

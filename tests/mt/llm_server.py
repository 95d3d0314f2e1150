"""A look-alike of an OpenAI-compatible chat-completions server on 127.0.0.1, with faults.

POST /v1/chat/completions answers like llama-server, vLLM or the OpenAI API: a chat completion
whose message content is a JSON array holding one "translation" per segment of the JSON array at
the end of the user message. The "model" reads the language pair from the system message
("from English (en) into Russian (ru)") and the glossary lines of the user message
(`- "Minsk" -> "Мінск"`), and translates deterministically: a few sentences from its phrasebook,
everything else transliterated into the target alphabet (with letters only that language
writes), placeholders and numbers kept, glossary terms put in their required form.

Faults, applied per request: a `script` of faults used one per request, then
`fault_for(index, segments)` (None: answer normally). A fault is one of "slow:SECONDS" (a stall),
"429", "429:RETRY_AFTER", "500", "503:RETRY_AFTER", "malformed" (the body is not JSON), "drop"
(the connection is closed), "prose" (the content is not a JSON array), "fenced" (a valid answer
in a Markdown code fence), "count" (one item missing), "placeholder" (placeholders dropped),
"language" (the answer is in another language), "copy" (the segments sent back),
"glossary" (glossary terms ignored), "400:MESSAGE".
This file imports nothing from the tests package, so bench/ can load it by path.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
from http.server import BaseHTTPRequestHandler

from tests.mt.loopback import LoopbackHTTPServer, LoopbackServer

CODES = {"Belarusian": "be", "Russian": "ru", "English": "en", "Ukrainian": "uk"}
_PAIR = re.compile(r"from (\w+) \((\w+)\) into (\w+) \((\w+)\)")
_TERM = re.compile(r'^- "(.+?)" -> "(.+?)"', re.M)
_TITLE = re.compile(r"^Article title: (.*)$", re.M)
_TAG = re.compile(r"(</?[A-Za-z][A-Za-z0-9_-]*\s*/?>)")

_LATIN = "abcdefghijklmnopqrstuvwxyz"
#: Latin letters -> the target alphabet, chosen so that each language's own letters show
_TO_CYRILLIC = {
    lang: dict(zip(_LATIN, letters.split(), strict=True))
    for lang, letters in {
        "be": "а б ц д э ф г х і й к л м н о п к р с т у в ў кс ы з",
        "ru": "а б ц д ё ф г х и й к л м н о п к р с т у в в кс ы з",
        "uk": "а б ц д є ф г х і й к л м н о п к р с т у в в кс и з",
    }.items()
}
_DIGRAPHS = {"be": {"th": "тх"}, "ru": {"th": "щ"}, "uk": {"th": "тг"}}
_LATIN_OF = "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i w ye yi"
_TO_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіўєї", _LATIN_OF.split(), strict=True))
_TO_LATIN["ъ"] = _TO_LATIN["ь"] = ""
_RU_TO_BE = {"и": "і", "щ": "шч", "ъ": "'", "И": "І", "Щ": "Шч"}
_BE_TO_RU = {"і": "и", "ў": "в", "'": "ъ", "І": "И", "Ў": "В"}

#: what the "model" knows by heart (written for these tests): English -> Russian, Belarusian
PHRASEBOOK = {
    "Farmers have started sowing barley.": {
        "ru": "Фермеры начали сев ячменя.",
        "be": "Фермеры пачалі сяўбу ячменю.",
    },
    "The weather on Saturday will be warm.": {
        "ru": "Погода в субботу будет тёплой.",
        "be": "Надвор'е ў суботу будзе цёплым.",
    },
}
#: the language a "language" fault answers in instead of the target
_WRONG = {"be": "ru", "ru": "be", "en": "ru", "uk": "ru"}


def _case(out: str, like: str) -> str:
    return out[:1].upper() + out[1:] if like[:1].isupper() else out


def _word(word: str, src: str, tgt: str) -> str:
    """One word in the target alphabet."""
    if tgt == "en":
        return _case("".join(_TO_LATIN.get(c.lower(), c.lower()) for c in word), word)
    if word.isascii():
        low = word.lower()
        for a, b in _DIGRAPHS[tgt].items():
            low = low.replace(a, b)
        table = _TO_CYRILLIC[tgt]
        return _case("".join(table.get(c, c) for c in low), word)
    if (src, tgt) == ("ru", "be") and word.lower() == "в":
        return _case("ў", word)
    swap = _RU_TO_BE if (src, tgt) == ("ru", "be") else _BE_TO_RU if tgt == "ru" else {}
    return "".join(swap.get(c, c) for c in word)


def fake_translate(text: str, src: str, tgt: str, terms: dict[str, str] | None = None) -> str:
    """The look-alike model's deterministic translation of one segment."""
    known = PHRASEBOOK.get(text, {}).get(tgt)
    if known:
        return known
    out = []
    for part in _TAG.split(text):
        if _TAG.fullmatch(part):
            out.append(part)
            continue
        held: list[str] = []
        for source, target in sorted((terms or {}).items(), key=lambda kv: -len(kv[0])):
            pattern = re.compile(rf"(?<!\w){re.escape(source)}(?!\w)")
            if pattern.search(part):
                held.append(target)
                part = pattern.sub(f"\0{len(held) - 1}\0", part)
        part = re.sub(r"[^\W\d_]+(?:'[^\W\d_]+)*", lambda m: _word(m.group(), src, tgt), part)
        out.append(re.sub(r"\0(\d+)\0", lambda m, held=held: held[int(m.group(1))], part))
    return "".join(out)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: LoopbackHTTPServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    def _send(self, status: int, body: str, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        kind = "invalid_request_error" if status < 500 else "server_error"
        self._send(status, json.dumps({"error": {"message": message, "type": kind}}), headers)

    def do_POST(self) -> None:  # noqa: N802
        srv = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.path.rstrip("/") != "/v1/chat/completions":
            return self._error(404, f"no route POST {self.path}")
        try:
            body = json.loads(raw)
            messages = {m["role"]: m["content"] for m in body["messages"]}
            system, user = messages["system"], messages["user"]
            start = user.rindex("\n[\n")
            segments = json.loads(user[start + 1 :])
        except (ValueError, KeyError, TypeError):
            return self._error(400, "cannot read the request")
        pair = _PAIR.search(system)
        src = pair.group(2) if pair else ""
        tgt = pair.group(4) if pair else ""
        terms = dict(_TERM.findall(user))
        title = _TITLE.search(user)
        index = srv.note(
            {
                "model": body.get("model"),
                "temperature": body.get("temperature"),
                "auth": self.headers.get("Authorization"),
                "src": src,
                "tgt": tgt,
                "title": title.group(1) if title else "",
                "terms": terms,
                "segments": segments,
                "system": system,
                "user": user,
            }
        )
        srv.enter()
        try:
            fault = srv.next_fault(index, segments)
        finally:
            srv.leave()
        if srv.api_key is not None and self.headers.get("Authorization") != f"Bearer {srv.api_key}":
            return self._error(401, "Incorrect API key provided")
        if body.get("model") not in srv.models:
            return self._error(404, f"The model `{body.get('model')}` does not exist")
        if not pair or src not in CODES.values() or tgt not in CODES.values():
            return self._error(400, "the system message names no language pair")
        if fault and self._fault(fault, segments, src, tgt, terms):
            return
        answer = [fake_translate(s, src, tgt, terms) for s in segments]
        self._complete(body.get("model"), json.dumps(answer, ensure_ascii=False))

    def _complete(self, model: object, content: str, finish: str = "stop") -> None:
        reply = {
            "id": "chatcmpl-look-alike",
            "object": "chat.completion",
            "created": 0,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": finish,
                }
            ],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        }
        self._send(200, json.dumps(reply, ensure_ascii=False))

    def _fault(
        self, fault: str, segments: list[str], src: str, tgt: str, terms: dict[str, str]
    ) -> bool:
        """Apply a fault; True when the request is answered (or dropped) by it."""
        kind, _, arg = fault.partition(":")
        model = self.server.owner.models[0]
        good = [fake_translate(s, src, tgt, terms) for s in segments]
        if kind == "slow":
            self.server.owner.stop.wait(float(arg))
            return False
        if kind == "drop":
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return True
        if kind == "malformed":
            self._send(200, '{"choices": [{"message": ')
        elif kind == "prose":
            self._complete(model, "Sure! Here are the translations you asked for.")
        elif kind == "fenced":
            self._complete(model, "```json\n" + json.dumps(good, ensure_ascii=False) + "\n```")
        elif kind == "count":
            self._complete(model, json.dumps(good[:-1], ensure_ascii=False))
        elif kind == "placeholder":
            self._complete(model, json.dumps([_TAG.sub("", g) for g in good], ensure_ascii=False))
        elif kind == "language":
            wrong = [fake_translate(s, src, _WRONG[tgt], terms) for s in segments]
            self._complete(model, json.dumps(wrong, ensure_ascii=False))
        elif kind == "copy":
            self._complete(model, json.dumps(segments, ensure_ascii=False))
        elif kind == "glossary":
            plain = [fake_translate(s, src, tgt) for s in segments]
            self._complete(model, json.dumps(plain, ensure_ascii=False))
        else:
            status = int(kind)
            headers = {"Retry-After": arg} if arg and status in (429, 503) else None
            message = arg if status == 400 else {429: "Rate limit reached"}.get(status, "Oops")
            self._error(status, message, headers)
        return True


class ChatServer(LoopbackServer):
    """The look-alike chat server, on a free port of 127.0.0.1 (use as a context manager)."""

    def __init__(
        self,
        latency: float = 0.0,
        models: tuple[str, ...] = ("look-alike-7b",),
        api_key: str | None = None,
    ):
        super().__init__(_Handler, latency)
        self.models = tuple(models)
        self.api_key = api_key

    def note(self, entry: dict) -> int:
        """Record a request; returns its index."""
        return self.record(entry)

    def batches(self) -> list[list[str]]:
        """The segments of every request, in arrival order."""
        return [list(s) for s in self.logged("segments")]

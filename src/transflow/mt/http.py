"""Resilience for every HTTP engine: timeouts, retries, rate limit, concurrency, splitting."""

from __future__ import annotations

import email.utils
import json
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from typing import Any, TypeVar

import requests
from requests.adapters import HTTPAdapter

from transflow.errors import EngineError, EngineUnavailable, UnsupportedPair
from transflow.mt.apertium import needs_mt
from transflow.mt.base import Draft, Engine
from transflow.mt.pieces import pieces_of

_T = TypeVar("_T")


class TransientError(EngineError):
    """A failure worth retrying: timeout, dropped connection, 429, 5xx or a malformed body."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class HttpPolicy:
    """How an HTTP engine talks to its provider (every field settable in [engines.NAME])."""

    connect_timeout: float = 5.0  # seconds to open a connection
    timeout: float = 30.0  # seconds to wait for the answer (read timeout)
    retries: int = 4  # attempts after the first one
    backoff: float = 0.5  # first pause before a retry, doubled each time (with jitter)
    backoff_max: float = 30.0  # longest computed pause
    retry_after_max: float = 120.0  # a longer Retry-After gives up instead of waiting
    rate: float | None = None  # requests per second at most (None: no limit)
    concurrency: int = 4  # requests in flight at once
    max_chars: int = 5000  # longer segments are split at sentence boundaries
    breaker: int = 5  # consecutive failed segments after which the provider counts as down
    down_for: float = 60.0  # seconds a provider counted as down is not asked again

    @classmethod
    def from_options(
        cls, options: dict[str, Any], defaults: dict[str, Any] | None = None
    ) -> HttpPolicy:
        """Take the policy keys out of `options` (mutated), over per-provider defaults."""
        values = dict(defaults or {})
        for f in fields(cls):
            if f.name in options:
                values[f.name] = options.pop(f.name)
        policy = cls(**values)
        policy.validate()
        return policy

    def validate(self) -> None:
        """Raise TypeError (turned into ConfigError by the factory) on impossible values."""
        for name in ("connect_timeout", "timeout", "backoff_max", "retry_after_max", "down_for"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                raise TypeError(f"{name} must be a positive number of seconds")
        if not isinstance(self.backoff, int | float) or self.backoff < 0:
            raise TypeError("backoff must be a number of seconds >= 0")
        for name in ("retries", "concurrency", "max_chars", "breaker"):
            value = getattr(self, name)
            minimum = 0 if name == "retries" else 1
            if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
                raise TypeError(f"{name} must be a positive integer")
        if self.rate is not None and (not isinstance(self.rate, int | float) or self.rate <= 0):
            raise TypeError("rate must be a positive number of requests per second")


class RateLimiter:
    """At most `rate` requests per second across threads, evenly spaced.

    A request is granted when its slot has come (1/rate after the previous one) and fewer than
    `rate` requests were granted in the last second; `acquire` returns the grant time, taken
    under the lock, so the recorded grant times provably respect the limit.
    """

    def __init__(
        self,
        rate: float | None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.interval = 1.0 / rate if rate else 0.0
        self.cap = max(1, int(rate)) if rate else 0
        # a little slack so that the provider, seeing network jitter, still counts <= rate
        self.period = self.cap / rate + 0.02 if rate else 0.0
        self.clock = clock
        self.sleep = sleep
        self._next = 0.0
        self._window: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Wait for a free slot; returns the time (clock) at which the request was granted."""
        while True:
            with self._lock:
                now = self.clock()
                if not self.cap:
                    return now
                while self._window and now - self._window[0] >= self.period:
                    self._window.popleft()
                wait = self._next - now
                if len(self._window) >= self.cap:
                    wait = max(wait, self._window[0] + self.period - now)
                if wait <= 0:
                    self._window.append(now)
                    self._next = max(self._next, now) + self.interval
                    return now
            self.sleep(wait)

    def hold(self, seconds: float) -> None:
        """No request starts within `seconds` from now (a Retry-After, for all threads)."""
        with self._lock:
            self._next = max(self._next, self.clock() + seconds)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date); None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def provider_message(resp: requests.Response, limit: int = 300) -> str:
    """The provider's own error text from a response body (JSON error fields or stripped text)."""
    text = resp.text or ""
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        for key in ("error", "message", "responseDetails", "detail", "explanation"):
            value = data.get(key)
            if isinstance(value, dict):
                value = value.get("message") or json.dumps(value, ensure_ascii=False)
            if value:
                return str(value)[:limit]
    plain = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", text)).strip()
    return plain[:limit] or resp.reason or ""


class HttpClient:
    """A requests Session with timeouts, rate limit and status codes mapped to typed errors."""

    def __init__(self, provider: str, policy: HttpPolicy, allowed: Sequence[str] = ()):
        self.provider = provider
        self.policy = policy
        self.allowed = tuple(allowed)  # URL prefixes this client may call (empty: any)
        self.limiter = RateLimiter(policy.rate)
        self.session = requests.Session()
        adapter = HTTPAdapter(
            pool_connections=2, pool_maxsize=max(policy.concurrency, 2), max_retries=0
        )
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.started: list[float] = []  # monotonic grant time of every request (rate checks)
        self._lock = threading.Lock()
        #: provider-specific mapping of an error response to an exception (None: default mapping)
        self.error_hook: Callable[[requests.Response, str], Exception | None] | None = None

    @property
    def requests_made(self) -> int:
        """How many HTTP requests this client sent."""
        return len(self.started)

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """One HTTP request; 2xx responses are returned, everything else raises a typed error."""
        if self.allowed and not url.startswith(self.allowed):
            raise EngineError(
                f"{self.provider}: refusing to call {url} (configured: {', '.join(self.allowed)})"
            )
        kwargs.pop("timeout", None)
        granted = self.limiter.acquire()
        with self._lock:
            self.started.append(granted)
        timeouts = (self.policy.connect_timeout, self.policy.timeout)
        try:
            resp = self.session.request(method, url, timeout=timeouts, **kwargs)
        except requests.ConnectTimeout:
            raise TransientError(
                f"{self.provider}: no connection within {self.policy.connect_timeout:g} s"
            ) from None
        except requests.Timeout:
            raise TransientError(
                f"{self.provider}: no answer within {self.policy.timeout:g} s"
            ) from None
        except requests.ConnectionError as exc:
            raise TransientError(f"{self.provider}: connection failed ({_short(exc)})") from None
        except requests.RequestException as exc:
            raise EngineError(f"{self.provider}: request failed ({_short(exc)})") from None
        if 200 <= resp.status_code < 300:
            return resp
        raise self.error_for(resp)

    def error_for(self, resp: requests.Response) -> Exception:
        """The typed error for a non-2xx response, carrying the provider's message."""
        status = resp.status_code
        message = provider_message(resp)
        if self.error_hook is not None:
            mapped = self.error_hook(resp, message)
            if mapped is not None:
                return mapped
        what = f"{self.provider}: HTTP {status}" + (f": {message}" if message else "")
        if status == 429 or status >= 500 or status == 408:
            wait = retry_after_seconds(resp.headers.get("Retry-After"))
            if wait is not None and status in (429, 503):
                self.limiter.hold(min(wait, self.policy.retry_after_max))
            return TransientError(what, retry_after=wait)
        if status in (401, 403):
            return EngineUnavailable(what + " (check the API key or the account)")
        return EngineError(what)

    def close(self) -> None:
        """Close pooled connections."""
        self.session.close()


def _short(exc: BaseException) -> str:
    text = str(exc)
    m = re.search(r"\(Caused by (\w+)", text)
    return m.group(1) if m else (type(exc).__name__ + (f": {text[:120]}" if text else ""))


def with_retries(
    call: Callable[[], _T],
    policy: HttpPolicy,
    sleep: Callable[[float], None] = time.sleep,
    rng: Callable[[], float] = random.random,
) -> _T:
    """Run `call`, retrying TransientError with exponential backoff and jitter or Retry-After."""
    last: TransientError | None = None
    for attempt in range(policy.retries + 1):
        try:
            return call()
        except TransientError as exc:
            last = exc
            if attempt == policy.retries:
                break
            if exc.retry_after is not None:
                if exc.retry_after > policy.retry_after_max:
                    raise EngineError(
                        f"{exc.message} (asks to wait {exc.retry_after:g} s, "
                        f"more than retry_after_max)"
                    ) from None
                delay = exc.retry_after
            else:
                delay = min(policy.backoff_max, policy.backoff * 2**attempt) * (0.5 + rng() / 2)
            sleep(delay)
    assert last is not None
    raise EngineError(f"{last.message} (gave up after {policy.retries + 1} attempts)")


class HttpEngine(Engine):
    """An engine that sends one request per segment piece through the resilience layer.

    Subclasses implement `request_one(text, src_code, tgt_code)` with `self.client`; segments
    are sent `policy.concurrency` at a time. A segment that still fails after the retries comes
    back as None (so the next engine of the chain can serve it) with its reason in `failures`;
    after `policy.breaker` failed segments in a row the provider counts as down for
    `policy.down_for` seconds and the rest of the batch is not sent.
    """

    name = "http"
    provider = "http"
    #: transflow code -> provider code, where they differ
    codes: dict[str, str] = {}
    #: defaults of the HttpPolicy for this provider
    policy_defaults: dict[str, Any] = {}

    def __init__(
        self, name: str | None = None, policy: HttpPolicy | None = None, allowed: Sequence[str] = ()
    ):
        if name:
            self.name = name
        self.policy = policy or HttpPolicy(**self.policy_defaults)
        self.client = HttpClient(self.name, self.policy, allowed)
        self.failures: dict[str, str] = {}  # segment text -> why it is not translated
        self.reports: list[str] = []  # one line per batch that left segments untranslated
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._fails_in_row = 0
        self._down_until = 0.0
        self._down_reason = ""

    def code(self, lang: str) -> str:
        """The provider's code for a transflow language code."""
        return self.codes.get(lang, lang)

    def target_code(self, lang: str) -> str:
        """The provider's code for a target language (the same as `code` unless overridden)."""
        return self.code(lang)

    def request_one(self, text: str, src: str, tgt: str) -> str:
        """Translate one piece (provider codes); raise TransientError to have it retried."""
        raise NotImplementedError

    def translate_batch(self, texts: Sequence[str], src: str, tgt: str) -> list[str | None]:
        """Translate every text; None where the provider failed (see `failures`)."""
        return [None if d is None else d.text for d in self.translate_drafts(texts, src, tgt)]

    def _split(
        self, texts: Sequence[str], src: str
    ) -> tuple[list[Draft | None], list[tuple[int, list[str], list[str]]]]:
        """Copies for the texts with nothing to translate, and for the others (index, pieces,
        separators): the pieces a request may carry, split at sentence boundaries."""
        results: list[Draft | None] = [None] * len(texts)
        jobs: list[tuple[int, list[str], list[str]]] = []
        for i, text in enumerate(texts):
            if not needs_mt(text):
                results[i] = Draft(text=text, engine="copy")
                continue
            pieces, seps = pieces_of(text.strip(), src, self.policy.max_chars)
            jobs.append((i, pieces, seps))
        return results, jobs

    def _executor(self) -> ThreadPoolExecutor:
        """The engine's pool of `concurrency` request threads (made on first use)."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(
                self.policy.concurrency, thread_name_prefix=f"tf-{self.name}"
            )
        return self._pool

    def translate_drafts(self, texts: Sequence[str], src: str, tgt: str) -> list[Draft | None]:
        """Translate every text concurrently, keeping surrounding whitespace."""
        self.check_pair(src, tgt)
        results, jobs = self._split(texts, src)
        if not jobs:
            return results
        s_code, t_code = self.code(src), self.target_code(tgt)
        flat = [(k, p) for k, (_, pieces, _) in enumerate(jobs) for p in range(len(pieces))]
        pool = self._executor()
        futures = [pool.submit(self._piece, jobs[k][1][p], s_code, t_code) for k, p in flat]
        outputs: dict[tuple[int, int], str] = {}
        errors: dict[int, str] = {}
        fatal: BaseException | None = None
        for (k, p), fut in zip(flat, futures, strict=True):
            try:
                outputs[(k, p)] = fut.result()
            except (UnsupportedPair, EngineUnavailable) as exc:
                fatal = fatal or exc
            except EngineError as exc:
                errors.setdefault(k, exc.message)
        if fatal is not None:
            raise fatal
        self._collect(texts, jobs, outputs, errors, results)
        return results

    def _collect(
        self,
        texts: Sequence[str],
        jobs: list[tuple[int, list[str], list[str]]],
        outputs: dict[tuple[int, int], str],
        errors: dict[int, str],
        results: list[Draft | None],
        engine: str | None = None,
    ) -> None:
        """Join translated pieces into drafts (named `engine`, by default the engine's name);
        note the reason of every segment left untranslated."""
        from transflow.source.segment import join

        for k, (i, pieces, seps) in enumerate(jobs):
            text = texts[i]
            if k in errors:
                self.failures[text] = errors[k]
                continue
            self.failures.pop(text, None)
            out = join([outputs[(k, p)].strip() for p in range(len(pieces))], seps)
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            results[i] = Draft(text=lead + out + trail, engine=engine or self.name)
        if errors:
            reasons = list(dict.fromkeys(errors.values()))
            self.reports.append(
                f"{self.name}: {len(errors)} segment(s) not translated: " + "; ".join(reasons[:3])
            )

    def _piece(self, text: str, src: str, tgt: str) -> str:
        """One piece with retries, minding the circuit breaker."""
        return self.guarded(lambda: self.request_one(text, src, tgt))

    def guarded(self, call: Callable[[], _T]) -> _T:
        """Run one request with retries, minding (and feeding) the circuit breaker."""
        with self._lock:
            if time.monotonic() < self._down_until:
                raise EngineError(f"{self.name} is down ({self._down_reason}); not asked")
        try:
            out = with_retries(call, self.policy)
        except (UnsupportedPair, EngineUnavailable):
            raise
        except EngineError as exc:
            with self._lock:
                self._fails_in_row += 1
                if self._fails_in_row >= self.policy.breaker:
                    self._down_until = time.monotonic() + self.policy.down_for
                    self._down_reason = exc.message
            raise
        with self._lock:
            self._fails_in_row = 0
        return out

    def close(self) -> None:
        """Stop the worker threads and close connections. Safe to call twice."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self.client.close()

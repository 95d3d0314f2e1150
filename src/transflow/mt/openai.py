"""An engine for OpenAI-compatible chat-completions servers (llama-server, vLLM, Ollama, LM Studio).

Segments go to the model in batches of `max_batch`, one article (title) per request, as a JSON
array; the answer must be a JSON array of as many strings. Every item is checked (placeholders,
language, not a copy, glossary terms) before it is trusted; rejected items are asked again one
by one, then left to the next engine of the chain with the reason. Requests go through the
shared resilience layer (timeouts, retries honouring Retry-After, rate limit, concurrency,
circuit breaker); the factory adds the MT cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import requests

from transflow.errors import EngineError, EngineUnavailable, UnsupportedPair
from transflow.mt.base import Context, Draft, register
from transflow.mt.http import HttpEngine, HttpPolicy, TransientError
from transflow.mt.llm_prompt import (
    LANGUAGE_NAMES,
    BadAnswer,
    Prompts,
    Term,
    batch_terms,
    parse_answer,
    problem,
)
from transflow.mt.providers import api_key

#: a translation (None when rejected) and the reason it was rejected
_Outcome = tuple[str | None, str]


class _Refused(EngineError):
    """The server refused this request (HTTP 400): smaller requests may still pass."""


def endpoint(url: str) -> str:
    """The chat-completions URL for a server's base URL (".../v1" and the full path accepted)."""
    base = url.rstrip("/")
    if base.endswith("/chat/completions"):
        return base
    if base.endswith("/v1"):
        return base + "/chat/completions"
    return base + "/v1/chat/completions"


@register("openai")
class OpenAIEngine(HttpEngine):
    """A chat model behind an OpenAI-compatible /v1/chat/completions endpoint."""

    provider = "openai"
    policy_defaults = {"timeout": 120.0, "retries": 3, "max_chars": 3000}
    #: the chain sends glossary terms as they are written (the prompt names their target forms)
    handles_glossary = True
    #: the chain passes titles and the glossary (Context)
    wants_context = True

    def __init__(
        self,
        name: str | None = None,
        url: str = "http://127.0.0.1:8080",
        model: str | None = None,
        api_key_env: str | None = None,
        max_batch: int = 16,
        temperature: float = 0.0,
        prompts: str | Path | None = None,
        languages: Sequence[str] = tuple(LANGUAGE_NAMES),
        **options: Any,
    ):
        policy = HttpPolicy.from_options(options, self.policy_defaults)
        if options:
            raise TypeError(f"unknown option(s) for openai: {', '.join(sorted(options))}")
        if not isinstance(model, str) or not model.strip():
            raise TypeError('model must name the served model, e.g. model = "qwen2.5-7b-instruct"')
        if not isinstance(max_batch, int) or isinstance(max_batch, bool) or max_batch < 1:
            raise TypeError("max_batch must be a positive integer")
        if (
            not isinstance(temperature, int | float)
            or isinstance(temperature, bool)
            or not 0 <= temperature <= 2
        ):
            raise TypeError("temperature must be a number from 0 to 2")
        if isinstance(languages, str) or not all(x in LANGUAGE_NAMES for x in languages):
            raise TypeError(f"languages must be a list of {', '.join(LANGUAGE_NAMES)}")
        self.model = model.strip()
        self.url = url
        self.endpoint = endpoint(url)
        self.max_batch = max_batch
        self.temperature = float(temperature)
        self.prompts = Prompts(prompts)
        self.pairs = frozenset((a, b) for a in languages for b in languages if a != b)
        label = name or "openai"
        self.key = api_key(api_key_env, label) if api_key_env else None
        super().__init__(label, policy, allowed=[self.endpoint])
        self.client.error_hook = self._error
        #: provenance of every draft
        self.provenance = f"openai:{self.model}"
        #: the prompt files change the output: the MT cache key includes their digest
        self.cache_salt = "#prompts:" + self.prompts.digest
        #: segments per call from the MT cache: enough to keep every slot busy
        self.cache_batch = max(64, 2 * max_batch * policy.concurrency)

    def _error(self, resp: requests.Response, message: str) -> Exception | None:
        what = f"{self.name}: HTTP {resp.status_code}" + (f": {message}" if message else "")
        if resp.status_code == 404 and "model" in message.lower():
            return EngineUnavailable(f"{what} (check `model`)")
        if resp.status_code == 400:
            return _Refused(what)
        return None

    def translate_drafts(
        self, texts: Sequence[str], src: str, tgt: str, context: Context | None = None
    ) -> list[Draft | None]:
        """Translate in batches per article, `concurrency` requests at a time."""
        self.check_pair(src, tgt)
        context = context or Context()
        results, jobs = self._split(texts, src)
        if not jobs:
            return results
        by_title: dict[str, list[tuple[int, int]]] = {}
        for k, (i, pieces, _) in enumerate(jobs):
            refs = by_title.setdefault(context.title(texts[i]), [])
            refs.extend((k, p) for p in range(len(pieces)))
        batches = [
            (title, refs[start : start + self.max_batch])
            for title, refs in by_title.items()
            for start in range(0, len(refs), self.max_batch)
        ]
        futures = [
            self._executor().submit(
                self._batch,
                [jobs[k][1][p] for k, p in refs],
                src,
                tgt,
                title,
                context.glossary,
            )
            for title, refs in batches
        ]
        outputs: dict[tuple[int, int], str] = {}
        errors: dict[int, str] = {}
        fatal: BaseException | None = None
        for (_, refs), fut in zip(batches, futures, strict=True):
            try:
                outcomes = fut.result()
            except (UnsupportedPair, EngineUnavailable) as exc:
                fatal = fatal or exc
                continue
            for (k, p), (out, why) in zip(refs, outcomes, strict=True):
                if out is None:
                    errors.setdefault(k, why)
                else:
                    outputs[(k, p)] = out
        if fatal is not None:
            raise fatal
        self._collect(texts, jobs, outputs, errors, results, engine=self.provenance)
        return results

    def _batch(
        self, pieces: list[str], src: str, tgt: str, title: str, glossary: Any
    ) -> list[_Outcome]:
        """Ask for a batch, check every item; rejected items are asked again one by one."""
        terms = batch_terms(glossary, pieces, src, tgt)
        try:
            answers = self._ask(pieces, src, tgt, title, terms)
        except (BadAnswer, _Refused) as exc:
            why = str(exc) if isinstance(exc, BadAnswer) else exc.message
            if len(pieces) == 1:
                return [(None, f"{self.name}: answer rejected: {why}")]
            return [self._batch([piece], src, tgt, title, glossary)[0] for piece in pieces]
        except (UnsupportedPair, EngineUnavailable):
            raise
        except EngineError as exc:
            return [(None, exc.message)] * len(pieces)
        outcomes: list[_Outcome] = []
        for piece, answer in zip(pieces, answers, strict=True):
            why = problem(piece, answer, src, tgt, glossary)
            if why is None:
                outcomes.append((answer, ""))
            elif len(pieces) == 1:
                outcomes.append((None, f"{self.name}: answer rejected: {why}"))
            else:
                outcomes.append(self._batch([piece], src, tgt, title, glossary)[0])
        return outcomes

    def _ask(
        self, pieces: list[str], src: str, tgt: str, title: str, terms: list[Term]
    ) -> list[str]:
        """One chat-completions request (with retries); the answer's array of translations."""
        body = {
            "model": self.model,
            "messages": self.prompts.messages(src, tgt, title, terms, pieces),
            "temperature": self.temperature,
            "stream": False,
        }
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}

        def call() -> str:
            resp = self.client.request("POST", self.endpoint, json=body, headers=headers)
            try:
                choice = resp.json()["choices"][0]
                content = choice["message"]["content"]
            except (ValueError, KeyError, IndexError, TypeError):
                raise TransientError(
                    f"{self.name}: malformed answer (not a chat completion): {resp.text[:80]!r}"
                ) from None
            if not isinstance(content, str):
                raise TransientError(f"{self.name}: malformed answer (no message content)")
            if choice.get("finish_reason") == "length" and len(pieces) > 1:
                raise BadAnswer("the answer was cut off (finish_reason: length)")
            return content

        return parse_answer(self.guarded(call), len(pieces))

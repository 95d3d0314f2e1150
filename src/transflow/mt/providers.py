"""Online MT providers: deep-translator wrappers held by our resilience layer, and our own clients.

Google, MyMemory, Microsoft and Yandex go through deep-translator 1.11.4, whose module-level
`requests` is replaced (once, on first use) by a shim: inside our worker threads every request
goes through our HttpClient (timeouts, rate limit, typed errors, URL rewrite to the configured
endpoint); outside them it behaves exactly like `requests`. LibreTranslate and DeepL use our own
small clients of the providers' documented HTTP APIs, because deep-translator's wrappers reject
`be` from a fixed list without asking the server (both) and DeepL's uses a retired auth method.
"""

from __future__ import annotations

import importlib
import json
import os
import threading
from collections.abc import Callable
from typing import Any

import requests

from transflow.errors import EngineError, EngineUnavailable, UnsupportedPair
from transflow.mt.base import register
from transflow.mt.http import HttpEngine, HttpPolicy, TransientError, with_retries

#: engine type -> how it is implemented (for docs and `transflow engines`-style listings)
IMPLEMENTATION = {
    "google": "deep-translator GoogleTranslator (web endpoint)",
    "mymemory": "deep-translator MyMemoryTranslator",
    "microsoft": "deep-translator MicrosoftTranslator",
    "yandex": "deep-translator YandexTranslator (API v1.5)",
    "libretranslate": "own client (deep-translator rejects be from a fixed list)",
    "deepl": "own client (deep-translator uses DeepL's retired auth and a fixed list)",
}


def api_key(env: str | None, provider: str, required: bool = True) -> str | None:
    """The API key from the environment variable `env`; EngineUnavailable if required and unset."""
    value = os.environ.get(env, "").strip() if env else ""
    if not value and required:
        where = f"set the environment variable {env}" if env else "set api_key_env"
        raise EngineUnavailable(f"{provider} needs an API key: {where}")
    return value or None


def _reject_unknown(options: dict[str, Any], provider: str) -> None:
    if options:
        raise TypeError(f"unknown option(s) for {provider}: {', '.join(sorted(options))}")


def _json(resp: requests.Response, provider: str) -> Any:
    try:
        return resp.json()
    except ValueError:
        raise TransientError(
            f"{provider}: malformed answer (not JSON): {resp.text[:80]!r}"
        ) from None


# --- deep-translator, held by our client --------------------------------------------------------

_ctx = threading.local()


class _RequestsShim:
    """Stands in for `requests` inside deep-translator modules; ours only in our threads."""

    def __getattr__(self, attr: str) -> Any:
        return getattr(requests, attr)

    def get(self, url: str, params: Any = None, **kwargs: Any) -> requests.Response:
        return self._call("GET", url, params=params, **kwargs)

    def post(
        self, url: str, data: Any = None, json: Any = None, **kwargs: Any
    ) -> requests.Response:
        return self._call("POST", url, data=data, json=json, **kwargs)

    def _call(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        engine = getattr(_ctx, "engine", None)
        if engine is None:
            return requests.request(method, url, **kwargs)
        kwargs.pop("proxies", None)
        for old, new in engine.rewrites:
            if url.startswith(old):
                url = new + url[len(old) :]
                break
        resp = engine.client.request(method, url, **kwargs)
        engine.inspect(resp)
        return resp


_SHIM = _RequestsShim()


def _install_shim(module: str) -> None:
    """Point one deep-translator module's `requests` at the shim (idempotent)."""
    mod = importlib.import_module(module)
    if not isinstance(getattr(mod, "requests", None), _RequestsShim):
        mod.requests = _SHIM  # type: ignore[attr-defined]


class DeepTranslatorEngine(HttpEngine):
    """An engine driving one deep-translator class, all its HTTP through our resilience layer."""

    module = "deep_translator.google"
    cls_name = "GoogleTranslator"
    home = "https://translate.google.com"  # what deep-translator calls; rewritten to `url`
    default_path = ""

    def __init__(self, name: str | None = None, url: str | None = None, **options: Any):
        policy = HttpPolicy.from_options(options, self.policy_defaults)
        self.kwargs = self.translator_kwargs(options)
        _reject_unknown(options, self.provider)
        self.url = (url or self.home + self.default_path).rstrip("/")
        base = (
            self.url[: len(self.url) - len(self.default_path)]
            if self.default_path and self.url.endswith(self.default_path)
            else self.url
        )
        self.rewrites = [(self.home, base)]
        super().__init__(name or self.provider, policy, allowed=[base])
        _install_shim(self.module)
        self._cls = getattr(importlib.import_module(self.module), self.cls_name)
        self._local = threading.local()

    def translator_kwargs(self, options: dict[str, Any]) -> dict[str, Any]:
        """Constructor arguments of the deep-translator class, taken out of `options`."""
        return {}

    def inspect(self, resp: requests.Response) -> None:
        """Raise for an error the provider reports inside a 2xx body (none by default)."""

    def supports(self, src: str, tgt: str) -> bool:
        """True when both codes are in deep-translator's list for this provider (if it has one)."""
        langs = self.known_codes()
        return langs is None or (self.code(src) in langs and self.code(tgt) in langs)

    def known_codes(self) -> set[str] | None:
        """Provider codes deep-translator accepts, or None when it asks the server."""
        return None

    def _translator(self, src: str, tgt: str) -> Any:
        cache = getattr(self._local, "translators", None)
        if cache is None:
            cache = self._local.translators = {}
        if (src, tgt) not in cache:
            tr = self._cls(source=src, target=tgt, **self.kwargs)
            if self.default_path:
                tr._base_url = self.url
            cache[(src, tgt)] = tr
        return cache[(src, tgt)]

    def request_one(self, text: str, src: str, tgt: str) -> str:
        """One deep-translator call with our client in charge of its HTTP."""
        from deep_translator import exceptions as dx

        _ctx.engine = self
        try:
            out = self._translator(src, tgt).translate(text)
        except EngineError:
            raise
        except dx.LanguageNotSupportedException:
            raise UnsupportedPair(f"{self.name} does not translate {src}->{tgt}") from None
        except dx.ApiKeyException:
            raise EngineUnavailable(f"{self.name}: no API key") from None
        except dx.TooManyRequests:
            raise TransientError(f"{self.name}: too many requests") from None
        except (dx.NotValidLength, dx.NotValidPayload) as exc:
            raise EngineError(f"{self.name}: {exc}") from None
        except (
            dx.BaseError,
            dx.RequestError,
            dx.ServerException,
            dx.MicrosoftAPIerror,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            IndexError,
            StopIteration,
        ) as exc:
            raise TransientError(f"{self.name}: malformed answer ({type(exc).__name__})") from None
        finally:
            _ctx.engine = None
        if isinstance(out, list) and out and all(isinstance(x, str) for x in out):
            out = "".join(out)  # Yandex answers a list of strings
        if not isinstance(out, str) or not out.strip():
            raise TransientError(f"{self.name}: empty answer")
        return out


@register("google")
class GoogleEngine(DeepTranslatorEngine):
    """Google Translate's web endpoint through deep-translator (no key; `url` for a mirror)."""

    provider = "google"
    default_path = "/m"
    policy_defaults = {"max_chars": 4800, "rate": 5.0}

    def known_codes(self) -> set[str] | None:
        from deep_translator.constants import GOOGLE_LANGUAGES_TO_CODES

        return set(GOOGLE_LANGUAGES_TO_CODES.values())


@register("mymemory")
class MyMemoryEngine(DeepTranslatorEngine):
    """MyMemory through deep-translator; codes mapped to its locale style (be -> be-BY)."""

    provider = "mymemory"
    module = "deep_translator.mymemory"
    cls_name = "MyMemoryTranslator"
    home = "http://api.mymemory.translated.net"
    default_path = "/get"
    codes = {"be": "be-BY", "ru": "ru-RU", "en": "en-GB", "uk": "uk-UA"}
    policy_defaults = {"max_chars": 480, "rate": 2.0}

    def translator_kwargs(self, options: dict[str, Any]) -> dict[str, Any]:
        """MyMemory takes a contact e-mail (not a secret) for a larger free quota."""
        email = options.pop("email", None)
        return {"email": email} if email else {}

    def known_codes(self) -> set[str] | None:
        from deep_translator.constants import MY_MEMORY_LANGUAGES_TO_CODES

        return set(MY_MEMORY_LANGUAGES_TO_CODES.values())

    def inspect(self, resp: requests.Response) -> None:
        """MyMemory reports quota and language errors in a 200 body's responseStatus."""
        data = _json(resp, self.name)
        status = data.get("responseStatus") if isinstance(data, dict) else None
        detail = str(data.get("responseDetails") or "") if isinstance(data, dict) else ""
        if status in (None, 200, "200"):
            return
        if str(status) == "429":
            raise TransientError(f"{self.name}: quota: {detail}")
        if "LANGUAGE" in detail.upper():
            raise UnsupportedPair(f"{self.name}: {detail}")
        raise EngineError(f"{self.name}: {status}: {detail}")


@register("microsoft")
class MicrosoftEngine(DeepTranslatorEngine):
    """Microsoft Translator (Azure) through deep-translator; key from `api_key_env`."""

    provider = "microsoft"
    module = "deep_translator.microsoft"
    cls_name = "MicrosoftTranslator"
    home = "https://api.cognitive.microsofttranslator.com"
    policy_defaults = {"max_chars": 10000}

    def translator_kwargs(self, options: dict[str, Any]) -> dict[str, Any]:
        """The key (from the environment) and the optional Azure region."""
        key = api_key(options.pop("api_key_env", "MICROSOFT_API_KEY"), "microsoft")
        region = options.pop("region", None)
        return {"api_key": key, **({"region": region} if region else {})}


@register("yandex")
class YandexEngine(DeepTranslatorEngine):
    """Yandex Translate API v1.5 through deep-translator; key from `api_key_env`."""

    provider = "yandex"
    module = "deep_translator.yandex"
    cls_name = "YandexTranslator"
    home = "https://translate.yandex.net"
    policy_defaults = {"max_chars": 10000}

    def translator_kwargs(self, options: dict[str, Any]) -> dict[str, Any]:
        """The key, from the environment."""
        return {"api_key": api_key(options.pop("api_key_env", "YANDEX_API_KEY"), "yandex")}


# --- our own clients ----------------------------------------------------------------------------


@register("libretranslate")
class LibreTranslateEngine(HttpEngine):
    """A LibreTranslate server (self-hosted or public): POST /translate, languages asked of it."""

    provider = "libretranslate"
    policy_defaults = {"max_chars": 5000}

    def __init__(
        self,
        name: str | None = None,
        url: str = "http://127.0.0.1:5000/",
        api_key_env: str | None = None,
        **options: Any,
    ):
        policy = HttpPolicy.from_options(options, self.policy_defaults)
        _reject_unknown(options, self.provider)
        self.url = url.rstrip("/") + "/"
        self.key = api_key(api_key_env, "libretranslate", required=False) if api_key_env else None
        super().__init__(name or "libretranslate", policy, allowed=[self.url])
        self.client.error_hook = self._error
        self._languages: dict[str, set[str]] | None = None

    def _error(self, resp: requests.Response, message: str) -> Exception | None:
        if resp.status_code == 400 and "not supported" in message.lower():
            return UnsupportedPair(f"{self.name}: {message}")
        return None

    def languages(self) -> dict[str, set[str]]:
        """Source code -> target codes, from the server's GET /languages (asked once)."""
        if self._languages is None:

            def fetch() -> str:
                return self.client.request("GET", self.url + "languages").text

            data = json.loads(with_retries(fetch, self.policy))
            table: dict[str, set[str]] = {}
            for item in data:
                targets = item.get("targets")
                table[item["code"]] = set(targets) if targets else set()
            every = set(table)
            self._languages = {k: (v or every) for k, v in table.items()}
        return self._languages

    def supports(self, src: str, tgt: str) -> bool:
        """Ask the server's language list (assume yes when the list cannot be had)."""
        try:
            langs = self.languages()
        except (EngineError, ValueError, KeyError, TypeError, AttributeError):
            return True
        return src in langs and tgt in langs[src]

    def request_one(self, text: str, src: str, tgt: str) -> str:
        """POST /translate with q, source, target, format (and api_key when configured)."""
        payload = {"q": text, "source": src, "target": tgt, "format": "text"}
        if self.key:
            payload["api_key"] = self.key
        data = _json(self.client.request("POST", self.url + "translate", json=payload), self.name)
        out = data.get("translatedText") if isinstance(data, dict) else None
        if not isinstance(out, str):
            raise TransientError(f"{self.name}: malformed answer (no translatedText)")
        return out


@register("deepl")
class DeeplEngine(HttpEngine):
    """DeepL API v2 with header authentication (key from `api_key_env`); no Belarusian."""

    provider = "deepl"
    codes = {"en": "EN", "ru": "RU", "uk": "UK"}
    target_codes = {"en": "EN-GB", "ru": "RU", "uk": "UK"}
    pairs = frozenset((a, b) for a in ("en", "ru", "uk") for b in ("en", "ru", "uk") if a != b)
    policy_defaults = {"max_chars": 20000}

    def target_code(self, lang: str) -> str:
        """DeepL wants a regional variant for English targets."""
        return self.target_codes.get(lang, lang)

    def __init__(
        self,
        name: str | None = None,
        url: str | None = None,
        api_key_env: str = "DEEPL_API_KEY",
        **options: Any,
    ):
        policy = HttpPolicy.from_options(options, self.policy_defaults)
        _reject_unknown(options, self.provider)
        self.key = api_key(api_key_env, "deepl") or ""
        free = self.key.endswith(":fx")
        self.url = url or ("https://api-free.deepl.com" if free else "https://api.deepl.com")
        self.url = self.url.rstrip("/")
        super().__init__(name or "deepl", policy, allowed=[self.url])
        self.client.error_hook = self._error

    def _error(self, resp: requests.Response, message: str) -> Exception | None:
        if resp.status_code == 456:
            return EngineUnavailable(f"{self.name}: quota exceeded: {message}")
        return None

    def request_one(self, text: str, src: str, tgt: str) -> str:
        """POST /v2/translate (DeepL codes: EN as a source, EN-GB as a target)."""
        body = {"text": [text], "source_lang": src, "target_lang": tgt}
        resp = self.client.request(
            "POST",
            self.url + "/v2/translate",
            json=body,
            headers={"Authorization": f"DeepL-Auth-Key {self.key}"},
        )
        data = _json(resp, self.name)
        try:
            return str(data["translations"][0]["text"])
        except (KeyError, IndexError, TypeError):
            raise TransientError(f"{self.name}: malformed answer (no translations)") from None


#: every engine type this module registers
TYPES: dict[str, Callable[..., HttpEngine]] = {
    "google": GoogleEngine,
    "mymemory": MyMemoryEngine,
    "microsoft": MicrosoftEngine,
    "yandex": YandexEngine,
    "libretranslate": LibreTranslateEngine,
    "deepl": DeeplEngine,
}

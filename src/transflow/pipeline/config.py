"""Loading and validation of transflow.toml, the project configuration."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from transflow.errors import ConfigError

CONFIG_NAME = "transflow.toml"
KNOWN_LANGUAGES = ("be", "ru", "en", "uk")
DEFAULT_CHAINS = {
    "ru-be": ["memory", "apertium"],
    "be-ru": ["memory", "apertium"],
}
_PAIR = re.compile(r"^([a-z]{2})-([a-z]{2})$")


@dataclass
class PublishPolicy:
    """When a language of an article is published: the share of approved entries it needs."""

    threshold: float = 100.0  # percent approved
    thresholds: dict[str, float] = field(default_factory=dict)  # per language
    lacinka: bool = True  # derive be-Latn from approved Belarusian
    base_url: str = (
        ""  # where dist/ is served, e.g. "https://news.example.by/"; makes feeds absolute
    )
    outdated: str = "keep"  # a translation behind its source: "keep" (with a notice) or "withdraw"
    feed_entries: int = 50  # entries of each Atom feed (the newest)
    page_size: int = 50  # articles per index or archive page

    def threshold_for(self, lang: str) -> float:
        """The threshold (percent) that applies to `lang`."""
        return self.thresholds.get(lang, self.threshold)


@dataclass
class Config:
    """The project configuration with every path resolved against the project root."""

    root: Path
    languages: list[str] = field(default_factory=lambda: ["be", "ru", "en"])
    source_dir: Path = Path("source_articles")
    locales_dir: Path = Path("locales")
    dist_dir: Path = Path("dist")
    record_dir: Path = Path("published")
    glossary: Path | None = None
    templates_dir: Path | None = None
    chains: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    engines: dict[str, dict[str, Any]] = field(default_factory=dict)
    trust_memory: bool = False
    require_complete: bool = False
    publish: PublishPolicy = field(default_factory=PublishPolicy)
    raw: bytes = b""

    @cached_property
    def settings(self) -> str:
        """The configuration as parsed, as one canonical text: what a step's fingerprint takes,
        so a comment or a reordering in transflow.toml rebuilds nothing."""
        try:
            data = tomllib.loads(self.raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            return self.raw.decode("utf-8", "replace")
        return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)

    @property
    def state_dir(self) -> Path:
        """Folder for caches and the build state (ignored by git)."""
        return self.root / ".transflow"

    def chain_for(self, src: str, tgt: str) -> list[str]:
        """Names of the engines configured for src -> tgt, in order."""
        return self.chains.get((src, tgt), [])

    def engine_options(self, name: str) -> dict[str, Any]:
        """Options of the named engine: its [engines.NAME] table, or {"type": NAME}."""
        return dict(self.engines.get(name, {"type": name}))


_TOP_KEYS = {"project", "translate", "chains", "engines", "publish"}
_PROJECT_KEYS = {
    "languages",
    "source_dir",
    "locales_dir",
    "dist_dir",
    "record_dir",
    "glossary",
    "templates_dir",
}
_TRANSLATE_KEYS = {"trust_memory", "require_complete"}
_PUBLISH_KEYS = {
    "threshold",
    "thresholds",
    "lacinka",
    "base_url",
    "outdated",
    "feed_entries",
    "page_size",
}
OUTDATED_POLICIES = ("keep", "withdraw")


def _line_of(text: str, key: str) -> int | None:
    """Best-effort line number of a key or table name in the TOML text."""
    pattern = re.compile(rf"^\s*(\[+\s*)?[\"']?{re.escape(key)}[\"']?\s*(=|\])", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _check_keys(table: dict, allowed: set[str], where: str, path: Path, text: str) -> None:
    for key in table:
        if key not in allowed:
            raise ConfigError(
                f"unknown key {key!r} in {where} (allowed: {', '.join(sorted(allowed))})",
                path,
                _line_of(text, key),
            )


def load_config(root: str | Path = ".") -> Config:
    """Read ROOT/transflow.toml (defaults when absent) and validate it."""
    root = Path(root).resolve()
    path = root / CONFIG_NAME
    if not path.exists():
        cfg = Config(root=root, chains={tuple(k.split("-")): v for k, v in DEFAULT_CHAINS.items()})
        return _resolve(cfg)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 (byte {exc.start})", path) from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ConfigError(
            f"invalid TOML: {exc}", path, int(line.group(1)) if line else None
        ) from None
    return parse_config(data, root, path, text, raw)


def parse_config(data: dict, root: Path, path: Path, text: str = "", raw: bytes = b"") -> Config:
    """Build a Config from parsed TOML data, raising ConfigError on anything invalid."""
    _check_keys(data, _TOP_KEYS, "transflow.toml", path, text)
    project = data.get("project", {})
    _check_keys(project, _PROJECT_KEYS, "[project]", path, text)
    cfg = Config(root=root, raw=raw)
    langs = project.get("languages", cfg.languages)
    if not isinstance(langs, list) or not langs or not all(isinstance(x, str) for x in langs):
        raise ConfigError(
            "[project] languages must be a list of codes", path, _line_of(text, "languages")
        )
    for lang in langs:
        if lang not in KNOWN_LANGUAGES:
            raise ConfigError(
                f"unsupported language {lang!r} (supported: {', '.join(KNOWN_LANGUAGES)})",
                path,
                _line_of(text, "languages"),
            )
    cfg.languages = list(dict.fromkeys(langs))
    for key in ("source_dir", "locales_dir", "dist_dir", "record_dir"):
        if key in project:
            setattr(cfg, key, Path(_string(project[key], key, path, text)))
    for key in ("glossary", "templates_dir"):
        if key in project:
            setattr(cfg, key, Path(_string(project[key], key, path, text)))
    translate = data.get("translate", {})
    _check_keys(translate, _TRANSLATE_KEYS, "[translate]", path, text)
    cfg.trust_memory = bool(translate.get("trust_memory", False))
    cfg.require_complete = bool(translate.get("require_complete", False))
    chains = data.get("chains", DEFAULT_CHAINS)
    for pair, names in chains.items():
        match = _PAIR.match(pair)
        if not match or match.group(1) == match.group(2):
            raise ConfigError(
                f'bad language pair {pair!r} in [chains] (write e.g. "ru-be")',
                path,
                _line_of(text, pair),
            )
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError(
                f"[chains] {pair} must be a list of engine names", path, _line_of(text, pair)
            )
        cfg.chains[(match.group(1), match.group(2))] = list(names)
    engines = data.get("engines", {})
    for name, table in engines.items():
        if not isinstance(table, dict) or "type" not in table:
            raise ConfigError(
                f"[engines.{name}] needs a type", path, _line_of(text, f"engines.{name}")
            )
        cfg.engines[name] = dict(table)
    for pair, names in cfg.chains.items():
        for name in names:
            if name not in cfg.engines and name not in ("memory", "apertium"):
                raise ConfigError(
                    f"chain {pair[0]}-{pair[1]} names engine {name!r}, "
                    f"which has no [engines.{name}] table",
                    path,
                    _line_of(text, f"{pair[0]}-{pair[1]}"),
                )
    publish = data.get("publish", {})
    _check_keys(publish, _PUBLISH_KEYS, "[publish]", path, text)
    policy = PublishPolicy()
    if "threshold" in publish:
        policy.threshold = _percent(publish["threshold"], "threshold", path, text)
    for lang, value in publish.get("thresholds", {}).items():
        policy.thresholds[lang] = _percent(value, lang, path, text)
    policy.lacinka = bool(publish.get("lacinka", True))
    if "base_url" in publish:
        base = _string(publish["base_url"], "base_url", path, text)
        if not base.startswith(("http://", "https://")):
            raise ConfigError(
                "base_url must start with http:// or https://", path, _line_of(text, "base_url")
            )
        policy.base_url = base if base.endswith("/") else base + "/"
    if "outdated" in publish:
        policy.outdated = publish["outdated"]
        if policy.outdated not in OUTDATED_POLICIES:
            raise ConfigError(
                f"outdated must be one of {', '.join(OUTDATED_POLICIES)}",
                path,
                _line_of(text, "outdated"),
            )
    for key in ("feed_entries", "page_size"):
        if key in publish:
            setattr(policy, key, _count(publish[key], key, path, text))
    cfg.publish = policy
    return _resolve(cfg)


def _count(value: Any, key: str, path: Path, text: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000:
        raise ConfigError(
            f"{key} must be a whole number from 1 to 10000", path, _line_of(text, key)
        )
    return value


def _string(value: Any, key: str, path: Path, text: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key} must be a non-empty string", path, _line_of(text, key))
    return value


def _percent(value: Any, key: str, path: Path, text: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 100:
        raise ConfigError(f"{key} must be a percentage from 0 to 100", path, _line_of(text, key))
    return float(value)


def _resolve(cfg: Config) -> Config:
    root = cfg.root
    cfg.source_dir = root / cfg.source_dir
    cfg.locales_dir = root / cfg.locales_dir
    cfg.dist_dir = root / cfg.dist_dir
    cfg.record_dir = root / cfg.record_dir
    if cfg.glossary is not None:
        cfg.glossary = root / cfg.glossary
    elif (root / "glossary" / "terms.csv").exists():
        cfg.glossary = root / "glossary" / "terms.csv"
    if cfg.templates_dir is not None:
        cfg.templates_dir = root / cfg.templates_dir
    elif (root / "templates").is_dir():
        cfg.templates_dir = root / "templates"
    return cfg

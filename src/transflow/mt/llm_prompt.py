"""What a chat model is told (prompt templates) and how its answers are read and checked."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from transflow.errors import ConfigError
from transflow.mt.apertium import PLACEHOLDER_RE

#: language names the prompts use
LANGUAGE_NAMES = {"be": "Belarusian", "ru": "Russian", "en": "English", "uk": "Ukrainian"}
#: the template files of a prompts folder (each falls back to the packaged default)
TEMPLATE_NAMES = ("system.j2", "user.j2")
#: an item shorter than this many words is not judged by language identification
LANGID_MIN_WORDS = 3

_CYRILLIC = ("be", "ru", "uk")
_WORD = re.compile(r"[^\W\d_]+")
_THINK = re.compile(r"<think>.*?</think>", re.S)
_FENCE = re.compile(r"```(?:json)?\s*(.*?)\s*```", re.S)


class BadAnswer(Exception):
    """A model's answer that cannot be used as a whole (not a JSON array, wrong count)."""


@dataclass(frozen=True)
class Term:
    """A glossary term of a batch: the source form and the target form it must take."""

    source: str
    target: str
    note: str = ""


class Prompts:
    """The system and user templates (Jinja2), packaged or from a project folder.

    A folder given as `folder` may hold `system.j2` and/or `user.j2`; a missing file falls back
    to the packaged default. Errors in a template are ConfigErrors naming the file and line.
    """

    def __init__(self, folder: str | Path | None = None):
        from jinja2 import Environment, StrictUndefined

        if folder is not None and not Path(folder).is_dir():
            raise ConfigError("prompts folder not found", Path(folder))
        env = Environment(
            autoescape=False,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.templates: dict[str, Any] = {}
        self.where: dict[str, Path | None] = {}
        digest = hashlib.sha256()
        for name in TEMPLATE_NAMES:
            path = Path(folder) / name if folder is not None else None
            if path is not None and path.is_file():
                text = _read(path)
            else:
                path = None
                text = resources.files("transflow.mt").joinpath("prompts", name).read_text("utf-8")
            digest.update(name.encode() + b"\0" + text.encode("utf-8") + b"\0")
            self.where[name] = path
            self.templates[name] = self._compile(env, text, path)
        self.digest = digest.hexdigest()[:16]
        # a template using an unknown variable fails now, not in a worker thread mid-run
        self.messages("en", "ru", "A title", [Term("Minsk", "Минск")], ["A <b>check</b>."])

    def _compile(self, env: Any, text: str, path: Path | None) -> Any:
        from jinja2 import TemplateSyntaxError

        try:
            return env.from_string(text)
        except TemplateSyntaxError as exc:
            raise ConfigError(f"prompt template: {exc.message}", path, exc.lineno) from None

    def messages(
        self, src: str, tgt: str, title: str, terms: Sequence[Term], segments: Sequence[str]
    ) -> list[dict[str, str]]:
        """The chat messages (system, user) for one batch of segments."""
        from jinja2 import TemplateError

        values = {
            "source": src,
            "target": tgt,
            "source_language": LANGUAGE_NAMES.get(src, src),
            "target_language": LANGUAGE_NAMES.get(tgt, tgt),
            "title": title,
            "terms": list(terms),
            "count": len(segments),
            "segments": segments_json(segments),
        }
        out = []
        for role, name in (("system", "system.j2"), ("user", "user.j2")):
            try:
                content = self.templates[name].render(values)
            except TemplateError as exc:
                raise ConfigError(f"prompt template {name}: {exc}", self.where[name]) from None
            out.append({"role": role, "content": content.strip() + "\n"})
        return out


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 (byte {exc.start})", path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path) from None


def segments_json(segments: Sequence[str]) -> str:
    """The segments as a JSON array, one string per line."""
    return "[\n" + ",\n".join(json.dumps(s, ensure_ascii=False) for s in segments) + "\n]"


def batch_terms(glossary: Any, texts: Sequence[str], src: str, tgt: str) -> list[Term]:
    """The glossary terms occurring in the texts (as written there) with their target forms."""
    if glossary is None:
        return []
    seen: dict[str, Term] = {}
    for text in texts:
        for match in glossary.matches(text, src, tgt):
            note = getattr(getattr(match, "term", None), "note", "") or ""
            seen.setdefault(match.source, Term(match.source, match.target, note))
    return list(seen.values())


def parse_answer(content: str, count: int) -> list[str]:
    """The translations in a model's answer; raises BadAnswer saying what is wrong with it.

    Tolerated: a reasoning block (<think>...</think>), a code fence, prose around the array,
    and an object holding the array as its only list value.
    """
    text = _THINK.sub("", content).strip()
    fence = _FENCE.search(text)
    if fence:
        text = fence.group(1)
    data = _loads(text)
    if data is None:
        start, end = text.find("["), text.rfind("]")
        data = _loads(text[start : end + 1]) if 0 <= start < end else None
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else data
    if not isinstance(data, list):
        raise BadAnswer("the answer is not a JSON array")
    if not all(isinstance(x, str) for x in data):
        raise BadAnswer("the answer is not an array of strings")
    if len(data) != count:
        raise BadAnswer(f"{len(data)} item(s) for {count} segment(s)")
    return data


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def problem(source: str, translation: str, src: str, tgt: str, glossary: Any = None) -> str | None:
    """Why a model's translation of one segment cannot be trusted; None when it can.

    Checked: not empty; every placeholder kept (as many times); not a copy of the source; the
    language identified is the target (items of LANGID_MIN_WORDS words or more; between be, ru
    and uk only with words the target cannot spell); the glossary terms of the source are
    present in one of their target forms.
    """
    from transflow.lang.identify import UND, detect, foreign_words

    if not translation.strip():
        return "empty translation"
    want = Counter(PLACEHOLDER_RE.findall(source))
    got = Counter(PLACEHOLDER_RE.findall(translation))
    if want != got:
        lost = sorted((want - got).elements())
        added = sorted((got - want).elements())
        parts = ([f"placeholder(s) lost: {' '.join(lost)}"] if lost else []) + (
            [f"placeholder(s) added: {' '.join(added)}"] if added else []
        )
        return "; ".join(parts)
    plain = PLACEHOLDER_RE.sub(" ", translation)
    words = len(_WORD.findall(plain))
    if _norm(source) == _norm(translation) and len(_WORD.findall(source)) >= 2:
        return "a copy of the source"
    if words >= LANGID_MIN_WORDS:
        lang = detect(plain)
        # be, ru and uk share most letters: between them, a short text is only judged wrong
        # when it also has words the target alphabet cannot spell
        close = lang in _CYRILLIC and tgt in _CYRILLIC
        if lang not in (tgt, UND) and (not close or foreign_words(plain, tgt)):
            return f"in {LANGUAGE_NAMES.get(lang, lang)}, not {LANGUAGE_NAMES.get(tgt, tgt)}"
    if glossary is not None:
        missing = glossary.missing_terms(source, translation, src, tgt)
        if missing:
            return "glossary term(s) not kept: " + ", ".join(
                f"{m.source} -> {m.target}" for m in missing
            )
    return None

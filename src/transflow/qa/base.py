"""The QA check base class, the unit a check looks at, findings and severities."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar, Generic, TypeVar

from transflow.source.markup import strip_placeholders

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)

URL_RE = re.compile(
    r"(?=[\w+-])(?:(?:https?://|ftp://|www\.)[^\s<>«»\"“”„]+"
    r"|[\w.+-]++@[\w-]++(?:\.[\w-]++)+"
    r"|(?<![\w.-])(?:[\w-]++\.)+(?:by|ru|ua|com|org|net|gov|info|io|eu|uk|de|pl|lt|lv)\b"
    r"(?:/[^\s<>«»\"“”„]*)?)",
    re.IGNORECASE,
)
_TLDS = "by|ru|ua|com|org|net|gov|info|io|eu|uk|de|pl|lt|lv"
#: A cheap test run first: text without any of these has no URL or e-mail.
URL_HINT = re.compile(rf"://|www\.|@|\.(?:{_TLDS})\b", re.IGNORECASE)
WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
CYRILLIC_LANGS = frozenset({"be", "ru", "uk"})


@lru_cache(maxsize=8192)
def strip_markup(text: str) -> str:
    """Text with placeholders removed and URLs/e-mails blanked (they have their own checks)."""
    text = strip_placeholders(text)  # markup's reading: "\\<b>" is a literal "<b>"
    if URL_HINT.search(text) is None:
        return text
    return URL_RE.sub(" ", text)


T = TypeVar("T")


class _cached(Generic[T]):
    """functools.cached_property without its per-access lock (Python 3.11 takes one)."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass
class Unit:
    """What a check sees: one source/translation pair of a PO entry plus its context."""

    msgid: str
    msgstr: str
    src_lang: str = ""
    tgt_lang: str = ""
    flags: tuple[str, ...] = ()
    line: int = 0
    fuzzy: bool = False
    translated: bool = True
    glossary: Any = None
    #: Words of the entry's `# mt-unknown:` comment (source words the engine did not know).
    mt_unknown: tuple[str, ...] = ()

    @_cached
    def src_plain(self) -> str:
        """Source text without placeholders, URLs and e-mails."""
        return strip_markup(self.msgid)

    @_cached
    def tgt_plain(self) -> str:
        """Translation without placeholders, URLs and e-mails."""
        return strip_markup(self.msgstr)

    @_cached
    def src_words(self) -> list[str]:
        """Words (letters, inner hyphens/apostrophes) of the source."""
        return WORD_RE.findall(self.src_plain)

    @_cached
    def tgt_words(self) -> list[str]:
        """Words (letters, inner hyphens/apostrophes) of the translation."""
        return WORD_RE.findall(self.tgt_plain)


@dataclass(frozen=True)
class Finding:
    """One problem found: where, which check, how bad, what and on which text."""

    path: str
    line: int
    check_id: str
    severity: str
    message: str
    msgid: str = ""
    msgstr: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The finding as the JSON report writes it."""
        return {
            "path": self.path,
            "line": self.line,
            "check": self.check_id,
            "severity": self.severity,
            "message": self.message,
            "msgid": self.msgid,
            "msgstr": self.msgstr,
        }


@dataclass
class Check:
    """Base class of a check: an id, a name, a description, a severity and `check(unit)`."""

    check_id: ClassVar[str] = ""
    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    severity: ClassVar[str] = WARNING
    #: Content checks compare msgid and msgstr and only run on translated entries.
    content: ClassVar[bool] = True
    options: dict[str, Any] = field(default_factory=dict)

    def check(self, unit: Unit) -> list[str]:
        """Messages describing what is wrong with `unit` (empty when nothing is)."""
        raise NotImplementedError

    def prepare(self, units: list[Unit], path: str) -> None:
        """Look at all units of one catalog (at `path`) before they are checked one by one."""

    def severity_of(self, message: str) -> str:
        """The severity of one of this check's messages (the check's own, unless it mixes)."""
        return self.severity

    def ignored(self, unit: Unit) -> bool:
        """True when the entry opts out with the flag ignore-<check_id>.

        The runner asks only about entries that have flags.
        """
        return f"ignore-{self.check_id}" in unit.flags

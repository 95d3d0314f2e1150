"""Hunspell spell checkers of be, ru and en through pyenchant (Debian's dictionaries)."""

from __future__ import annotations

import atexit
from pathlib import Path
from typing import Protocol

from transflow.errors import LexiconUnavailable

#: Hunspell dictionary name and the Debian package that installs it, per language.
DICTIONARIES = {
    "be": ("be_BY", "hunspell-be"),
    "ru": ("ru_RU", "hunspell-ru"),
    "en": ("en_US", "hunspell-en-us"),
}
HUNSPELL_DIRS = (Path("/usr/share/hunspell"), Path("/usr/local/share/hunspell"))
#: the enchant brokers opened by this process (see `_leave_to_the_os`)
_BROKERS: list[object] = []


class Speller(Protocol):
    """What a lexicon needs from a spell checker."""

    def check(self, word: str) -> bool:
        """True when the dictionary accepts the word."""
        ...

    def suggest(self, word: str) -> list[str]:
        """Spellings close to the word, best first."""
        ...


def dictionary_files(lang: str) -> tuple[Path, Path]:
    """The .dic and .aff of `lang`, or LexiconUnavailable naming the package to install."""
    if lang not in DICTIONARIES:
        raise LexiconUnavailable(f"no Hunspell dictionary for language {lang!r} (be, ru, en)")
    name, package = DICTIONARIES[lang]
    for folder in HUNSPELL_DIRS:
        dic, aff = folder / f"{name}.dic", folder / f"{name}.aff"
        if dic.is_file() and aff.is_file():
            return dic, aff
    raise LexiconUnavailable(
        f"Hunspell dictionary {name} not found: install the Debian package {package}"
    )


def open_speller(lang: str) -> Speller:
    """Hunspell for `lang` through pyenchant (libenchant-2-2 with its Hunspell provider)."""
    dictionary_files(lang)  # a clear error when the Debian package is missing
    try:
        import enchant  # noqa: PLC0415 (the C library loads only when a lexicon is needed)
    except ImportError as exc:
        raise LexiconUnavailable(
            "pyenchant cannot load: install the Debian package libenchant-2-2 "
            f"and the Python package pyenchant ({exc})"
        ) from exc
    broker = enchant.Broker()
    if not _BROKERS:
        atexit.register(_leave_to_the_os)
    _BROKERS.append(broker)
    tag = DICTIONARIES[lang][0]
    broker.set_ordering(tag, "hunspell")
    try:
        return _Hunspell(broker, tag)
    except enchant.errors.Error as exc:
        raise LexiconUnavailable(
            f"Hunspell dictionary {tag} cannot be opened through enchant ({exc}): install the "
            f"Debian packages {DICTIONARIES[lang][1]} and libenchant-2-2"
        ) from exc


def _leave_to_the_os() -> None:
    """At exit, let the brokers and their dictionaries go with the process unfreed.

    Freeing Hunspell's tables word by word took 0.05 s (be_BY, ru_RU and en_US together more)
    at every exit; the operating system reclaims the memory at once. pyenchant frees nothing
    of a broker whose C handle it no longer holds, so the handle is dropped.
    """
    for broker in _BROKERS:
        broker._this = None  # type: ignore[attr-defined]
    _BROKERS.clear()


class _Hunspell:
    """One enchant dictionary served by the Hunspell provider."""

    def __init__(self, broker: object, tag: str) -> None:
        self._dict = broker.request_dict(tag)  # type: ignore[attr-defined]
        provider = self._dict.provider.name
        if provider != "hunspell":
            raise LexiconUnavailable(
                f"enchant serves {tag} by {provider}, not Hunspell: install libenchant-2-2"
            )
        self.check = self._dict.check
        self.suggest = self._dict.suggest

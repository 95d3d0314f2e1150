"""Catalog model (messages, headers) and msgmerge-like update. Never sees PO syntax."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Message:
    """One PO entry. The header is the message whose msgid is "" (and not obsolete)."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)  # in file order: "fuzzy", "no-python-format"
    translator_comments: list[str] = field(default_factory=list)  # "# ..." lines
    extracted_comments: list[str] = field(default_factory=list)  # "#. ..." lines
    references: list[str] = field(default_factory=list)  # "#: a.md:3" tokens
    previous_msgctxt: str | None = None  # "#| msgctxt"
    previous_msgid: str | None = None  # "#| msgid"
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    lineno: int = 0  # line of the msgid keyword in the file it was read from (0: not read)

    @property
    def fuzzy(self) -> bool:
        """True when the entry carries the fuzzy flag."""
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """True when every msgstr (plural forms included) is non-empty."""
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)

    @property
    def approved(self) -> bool:
        """Approved = translated and not fuzzy."""
        return self.translated and not self.fuzzy

    @property
    def key(self) -> tuple[str | None, str]:
        """Identity of the entry within a catalog."""
        return (self.msgctxt, self.msgid)


@dataclass
class Catalog:
    """A PO or POT file as data: the header entry plus the messages, in file order."""

    header: Message = field(default_factory=lambda: Message(msgid=""))
    messages: list[Message] = field(default_factory=list)
    path: str = ""

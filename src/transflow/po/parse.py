"""Strict PO/POT parser: text -> Catalog, errors as CatalogError with the file and line."""

from __future__ import annotations

import re

from transflow.errors import CatalogError
from transflow.po.canonical import normalize_flags, normalize_reference, split_flag_line
from transflow.po.catalog import Catalog, Message

_KEYWORD_RE = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr\[(\d+)\]|msgstr)(?=[\s\"]|$)")
_STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPE_RE = re.compile(r"\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.)")
_SIMPLE = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
}
_CHARSET_RE = re.compile(r"charset=([^\s;]+)", re.IGNORECASE)
_NPLURALS_RE = re.compile(r"nplurals\s*=\s*(\d+)")


def _unescape(body: str, path: str, line: int) -> str:
    """Resolve the backslash escapes of one string literal's content."""
    if "\\" not in body:
        return body
    if re.search(r"\\(?:x|[0-7])", body) is None:

        def simple(m: re.Match[str]) -> str:
            try:
                return _SIMPLE[m.group(1)]
            except KeyError:
                raise CatalogError(
                    f"invalid escape sequence '\\{m.group(1)}'", path, line
                ) from None

        return _ESCAPE_RE.sub(simple, body)
    out = bytearray()
    pos = 0
    for m in _ESCAPE_RE.finditer(body):
        out += body[pos : m.start()].encode("utf-8")
        code = m.group(1)
        if code in _SIMPLE:
            out += _SIMPLE[code].encode("utf-8")
        elif code[0] == "x":
            out.append(int(code[1:], 16) & 0xFF)
        elif code[0] in "01234567":
            out.append(int(code, 8) & 0xFF)
        else:
            raise CatalogError(f"invalid escape sequence '\\{code}'", path, line)
        pos = m.end()
    out += body[pos:].encode("utf-8")
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        raise CatalogError("escape sequences do not form valid UTF-8", path, line) from None


#: characters no translation may hold: C0 controls but tab, LF and CR; DEL; C1; U+2028/2029
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


class _Entry:
    """Fields of the entry being read."""

    def __init__(self) -> None:
        self.msg = Message(msgid="")
        self.fields: dict[str, list[str]] = {}
        self.plural: dict[int, list[str]] = {}
        self.has_msgid = False
        self.has_msgstr = False
        self.obsolete: bool | None = None
        self.started = False  # any line seen
        self.line = 0

    def mark_obsolete(self, obsolete: bool, path: str, line: int) -> None:
        if self.obsolete is None:
            self.obsolete = obsolete
        elif self.obsolete != obsolete:
            raise CatalogError("entry mixes obsolete (#~) and active lines", path, line)


class _Parser:
    def __init__(self, path: str) -> None:
        self.path = path
        self.messages: list[Message] = []
        self.entry = _Entry()
        self.target: list[str] | None = None  # where continuation strings go
        self.gap = False  # a blank line since the last keyword line

    def error(self, message: str, line: int) -> CatalogError:
        return CatalogError(message, self.path, line)

    def finish(self, line: int) -> None:
        entry = self.entry
        if not entry.has_msgid:
            if entry.fields or entry.plural or entry.has_msgstr:
                raise self.error("msgstr without msgid", entry.line or line)
            self.entry = _Entry()  # comments only (e.g. at the end of the file): dropped
            self.target = None
            return
        if not entry.has_msgstr:
            raise self.error("missing msgstr after msgid", entry.line)
        msg = entry.msg
        f = {k: "".join(v) for k, v in entry.fields.items()}
        plural = {k: "".join(v) for k, v in entry.plural.items()}
        msg.msgid = f["msgid"]
        msg.msgctxt = f.get("msgctxt")
        msg.msgid_plural = f.get("msgid_plural")
        msg.previous_msgctxt = f.get("#|msgctxt")
        msg.previous_msgid = f.get("#|msgid")
        msg.previous_msgid_plural = f.get("#|msgid_plural")
        if msg.msgid_plural is not None:
            if "msgstr" in f:
                raise self.error("plural entry needs msgstr[0], not msgstr", entry.line)
            if sorted(entry.plural) != list(range(len(entry.plural))):
                raise self.error("msgstr[n] indexes must be 0, 1, 2, ... in order", entry.line)
            msg.msgstr_plural = dict(sorted(plural.items()))
        else:
            if entry.plural:
                raise self.error("msgstr[n] without msgid_plural", entry.line)
            msg.msgstr = f.get("msgstr", "")
        msg.obsolete = bool(entry.obsolete)
        msg.lineno = entry.line
        self.messages.append(msg)
        self.entry = _Entry()
        self.target = None

    def comment(self, line: str, lineno: int) -> None:
        if self.entry.has_msgstr or self.entry.has_msgid:
            if not self.entry.has_msgstr:
                raise self.error("comment between msgid and msgstr", lineno)
            self.finish(lineno)
        self.target = None
        entry = self.entry
        entry.started = True
        kind = line[1:2]
        rest = line[2:]
        if kind in (",", "!"):
            entry.msg.flags.extend(split_flag_line(rest))
        elif kind == ".":
            entry.msg.extracted_comments.append(rest[1:] if rest.startswith(" ") else rest)
        elif kind == ":":
            entry.msg.references.extend(rest.split())
        else:
            text = line[1:]
            entry.msg.translator_comments.append(text[1:] if text.startswith(" ") else text)

    def keyword_line(self, text: str, lineno: int, obsolete: bool, previous: bool) -> None:
        entry = self.entry
        gap, self.gap = self.gap, False
        stripped = text.strip()
        if not stripped:
            if obsolete:
                return
            raise self.error("syntax error", lineno)
        if stripped[0] == '"':
            if self.target is None:
                raise self.error("string without a keyword before it", lineno)
            if not previous:
                entry.mark_obsolete(obsolete, self.path, lineno)
            self.target.extend(self.strings(stripped, lineno))
            return
        m = _KEYWORD_RE.match(stripped)
        if m is None:
            raise self.error(f"syntax error: unexpected {stripped.split()[0]!r}", lineno)
        word = m.group(1)
        if previous:
            if word not in ("msgctxt", "msgid", "msgid_plural"):
                raise self.error(f"'{word}' is not allowed in a #| comment", lineno)
            if entry.has_msgid:
                if not entry.has_msgstr:
                    raise self.error("#| comment between msgid and msgstr", lineno)
                self.finish(lineno)
                entry = self.entry
            key = "#|" + word
        else:
            if word in ("msgctxt", "msgid") and (entry.has_msgstr or entry.has_msgid):
                if not entry.has_msgstr:
                    raise self.error(f"'{word}' before the msgstr of the previous entry", lineno)
                self.finish(lineno)
                entry = self.entry
            if word == "msgid_plural" and (not entry.has_msgid or entry.has_msgstr):
                raise self.error("msgid_plural must follow msgid", lineno)
            if word.startswith("msgstr") and not entry.has_msgid:
                raise self.error("msgstr without msgid", lineno)
            if word.startswith("msgstr") and word in entry.fields:  # after a blank line: new
                raise self.error("msgstr without msgid" if gap else "duplicate msgstr", lineno)
            entry.mark_obsolete(obsolete, self.path, lineno)
            key = word
        entry.started = True
        if word == "msgid" and not previous:
            entry.has_msgid = True
            entry.line = lineno
        if word == "msgctxt" and not previous and "msgctxt" in entry.fields:
            raise self.error("duplicate msgctxt", lineno)
        if m.group(2) is not None:
            index = int(m.group(2))
            if index in entry.plural:
                raise self.error(f"duplicate msgstr[{index}]", lineno)
            target = entry.plural[index] = []
            entry.has_msgstr = True
        else:
            if key in entry.fields:
                raise self.error(f"duplicate {word}", lineno)
            target = entry.fields[key] = []
            if word == "msgstr":
                entry.has_msgstr = True
        self.target = target
        target.extend(self.strings(stripped[m.end() :], lineno))

    def strings(self, text: str, lineno: int) -> list[str]:
        out = []
        pos = 0
        n = len(text)
        while True:
            while pos < n and text[pos] in " \t\f\v":
                pos += 1
            if pos >= n:
                return out
            if text[pos] != '"':
                raise self.error(f"syntax error near {text[pos : pos + 10]!r}", lineno)
            m = _STRING_RE.match(text, pos)
            if m is None:
                raise self.error("unterminated string", lineno)
            value = _unescape(m.group(1), self.path, lineno)
            bad = _CONTROL.search(value)
            if bad:
                raise self.error(f"control character U+{ord(bad.group()):04X} in a string", lineno)
            out.append(value)
            pos = m.end()


def parse(text: str, path: str = "<string>") -> Catalog:
    """Parse PO/POT text into a Catalog (see transflow.po.pofile for the rules)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    parser = _Parser(path)
    nul = text.find("\0")
    if nul >= 0:
        raise parser.error("NUL byte in the file", text.count("\n", 0, nul) + 1)
    lineno = 0
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if not line.strip():
            parser.gap = True
            continue
        first = line.lstrip()
        if first.startswith("#~"):
            rest = first[2:]
            if rest.startswith("|"):
                parser.keyword_line(rest[1:], lineno, obsolete=True, previous=True)
            else:
                parser.keyword_line(rest, lineno, obsolete=True, previous=False)
        elif first.startswith("#|"):
            parser.keyword_line(first[2:], lineno, obsolete=False, previous=True)
        elif first.startswith("#"):
            parser.comment(first, lineno)
        else:
            parser.keyword_line(first, lineno, obsolete=False, previous=False)
    parser.finish(lineno)
    return _assemble(parser.messages, path)


def _assemble(messages: list[Message], path: str) -> Catalog:
    """Split off the header, check duplicates, charset and plural counts."""

    catalog = Catalog(path=path)
    seen: dict[tuple[bool, str | None, str], int] = {}
    header_found = False
    for msg in messages:
        msg.flags = normalize_flags(msg.flags)
        refs: dict[str, None] = {}
        for ref in msg.references:
            refs.setdefault(normalize_reference(ref), None)
        msg.references = list(refs)
        key = (msg.obsolete, msg.msgctxt, msg.msgid)
        if key in seen:
            raise CatalogError(
                f"duplicate entry (first defined at line {seen[key]})", path, msg.lineno
            )
        seen[key] = msg.lineno
        if not header_found and msg.msgid == "" and msg.msgctxt is None and not msg.obsolete:
            catalog.header = msg
            header_found = True
        else:
            catalog.messages.append(msg)
    header = catalog.header
    charset_m = _CHARSET_RE.search(header.msgstr)
    if charset_m:
        charset = charset_m.group(1)
        if charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise CatalogError(
                f"charset {charset!r} is not supported: transflow reads and writes UTF-8 only",
                path,
                header.lineno,
            )
    nplurals_m = _NPLURALS_RE.search(header.msgstr)
    if nplurals_m:
        nplurals = int(nplurals_m.group(1))
        for msg in catalog.messages:
            plural = msg.msgid_plural is not None and not msg.obsolete
            if plural and len(msg.msgstr_plural) != nplurals:
                raise CatalogError(
                    f"{len(msg.msgstr_plural)} plural forms, but the header says "
                    f"nplurals={nplurals}",
                    path,
                    msg.lineno,
                )
    return catalog

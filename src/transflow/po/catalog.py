"""Catalog model (messages, headers) and msgmerge-like update. Never sees PO syntax."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace


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
    lineno: int = field(default=0, compare=False)  # line of msgid in the file read (0: not read)

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
    path: str = field(default="", compare=False)


# ---------------------------------------------------------------------------------------------
# Header helpers


def get_header(catalog: Catalog) -> dict[str, str]:
    """The header fields of a catalog, in file order ("Key: value" lines of the header msgstr)."""
    fields: dict[str, str] = {}
    for line in catalog.header.msgstr.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields[key.strip()] = value.strip()
    return fields


def set_header_field(catalog: Catalog, key: str, value: str) -> None:
    """Set one header field in place (replacing it where it first is, dropping repeats of it,
    else appending it)."""
    lines = [line for line in catalog.header.msgstr.split("\n") if line]
    new = f"{key}: {value}"
    same = [i for i, line in enumerate(lines) if line.partition(":")[0].strip() == key]
    if same:
        lines[same[0]] = new
        lines = [line for i, line in enumerate(lines) if i not in same[1:]]
    else:
        lines.append(new)
    catalog.header.msgstr = "".join(line + "\n" for line in lines)


_SLAVIC_EAST = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
#: Plural-Forms of the project's languages, pinned to the GNU gettext manual's formulas (what
#: msginit writes and the committed catalogs carry), so that new catalogs do not depend on the
#: installed Babel version. Other languages fall back to Babel's data.
PLURAL_FORMS = {
    "be": _SLAVIC_EAST,
    "ru": _SLAVIC_EAST,
    "uk": _SLAVIC_EAST,
    "en": "nplurals=2; plural=(n != 1);",
}

#: Translator-comment prefixes that only describe a machine draft: dropped once it is approved.
DRAFT_ONLY_COMMENTS = ("mt-unknown:",)


def plural_forms(lang: str) -> str:
    """The gettext Plural-Forms value for a language (pinned for be, ru, uk, en; else Babel)."""
    base = lang.replace("_", "-").split("-")[0].lower()
    if base in PLURAL_FORMS:
        return PLURAL_FORMS[base]
    from babel.messages.plurals import get_plural

    return get_plural(lang.replace("-", "_")).plural_forms


def current_comments(message: Message) -> list[str]:
    """The entry's translator comments, without draft-only notes when it is approved."""
    if message.fuzzy or not message.translated:
        return list(message.translator_comments)
    return [c for c in message.translator_comments if not c.startswith(DRAFT_ONLY_COMMENTS)]


def nplurals(catalog: Catalog) -> int:
    """Number of plural forms the header declares (2 when it declares none)."""
    m = re.search(r"nplurals\s*=\s*(\d+)", get_header(catalog).get("Plural-Forms", ""))
    return int(m.group(1)) if m else 2


# ---------------------------------------------------------------------------------------------
# Building and updating catalogs


def _copy(msg: Message, **changes: object) -> Message:
    """A copy of a message whose lists are not shared with the original."""
    fresh = replace(
        msg,
        flags=list(msg.flags),
        translator_comments=list(msg.translator_comments),
        extracted_comments=list(msg.extracted_comments),
        references=list(msg.references),
        msgstr_plural=dict(msg.msgstr_plural),
    )
    for key, value in changes.items():
        setattr(fresh, key, value)
    return fresh


def _empty_entry(src: Message, forms: int) -> Message:
    """An untranslated entry for a POT message."""
    return Message(
        msgid=src.msgid,
        msgctxt=src.msgctxt,
        msgid_plural=src.msgid_plural,
        msgstr_plural={i: "" for i in range(forms)} if src.msgid_plural is not None else {},
        flags=[f for f in src.flags if f != "fuzzy"],
        extracted_comments=list(src.extracted_comments),
        references=list(src.references),
    )


def new_catalog(pot: Catalog, lang: str, source_lang: str | None = None) -> Catalog:
    """A fresh PO catalog for `lang` from a POT: every entry untranslated, header for msgfmt -c."""
    pot_header = get_header(pot)
    cat = Catalog(header=Message(msgid=""))
    set_header_field(cat, "Project-Id-Version", pot_header.get("Project-Id-Version", "transflow"))
    for key in ("Report-Msgid-Bugs-To", "POT-Creation-Date"):
        if key in pot_header:
            set_header_field(cat, key, pot_header[key])
    if "POT-Creation-Date" in pot_header:
        set_header_field(cat, "PO-Revision-Date", pot_header["POT-Creation-Date"])
    set_header_field(cat, "Last-Translator", "Automatically generated")
    set_header_field(cat, "Language-Team", "none")
    set_header_field(cat, "Language", lang)
    set_header_field(cat, "MIME-Version", "1.0")
    set_header_field(cat, "Content-Type", "text/plain; charset=UTF-8")
    set_header_field(cat, "Content-Transfer-Encoding", "8bit")
    set_header_field(cat, "Plural-Forms", plural_forms(lang))
    source = source_lang or pot_header.get("X-Source-Language")
    if source:
        set_header_field(cat, "X-Source-Language", source)
    forms = nplurals(cat)
    cat.messages = [_empty_entry(m, forms) for m in pot.messages if not m.obsolete]
    return cat


FUZZY_CUTOFF = 60.0  # rapidfuzz ratio (0-100); msgmerge's fstrcmp threshold is 0.6
FUZZY_CANDIDATES = 8


def _merge_flags(old: Message, new: Message, fuzzy: bool) -> list[str]:
    """Fuzzy from the translation's state, every other flag from the POT."""
    rest = [f for f in new.flags if f != "fuzzy"]
    return ["fuzzy", *rest] if fuzzy else rest


def _fit_forms(old: Message, new: Message, forms: int) -> tuple[str, dict[int, str]]:
    """The old translation shaped to the new entry's singular/plural form."""
    if new.msgid_plural is None:
        return (old.msgstr_plural.get(0, "") if old.msgid_plural is not None else old.msgstr), {}
    if old.msgid_plural is not None:
        return "", {i: old.msgstr_plural.get(i, "") for i in range(forms)}
    return "", {i: old.msgstr for i in range(forms)}


def _fuzzy_match(new: Message, pool: list[Message], texts: list[str]) -> Message | None:
    """The most similar old entry (same msgctxt), preferring one with the same reference."""
    from rapidfuzz import fuzz, process

    hits = process.extract(
        new.msgid, texts, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=FUZZY_CANDIDATES
    )
    best: tuple[float, int, int] | None = None
    for _text, score, index in hits:
        cand = pool[index]
        if cand.msgctxt != new.msgctxt:
            continue
        same_ref = 1 if set(cand.references) & set(new.references) else 0
        rank = (score, same_ref, -index)
        if best is None or rank > best:
            best = rank
    return pool[-best[2]] if best else None


_UTF8_CHARSET = re.compile(r"charset=utf-?8(?![^\s;])", re.IGNORECASE)


def _repair_header(catalog: Catalog, have: dict[str, str], lang: str) -> None:
    """Make the header one gettext reads, as msgmerge does: UTF-8 declared, Language = folder."""
    if have.get("Language") != lang:
        set_header_field(catalog, "Language", lang)
    if "MIME-Version" not in have:
        set_header_field(catalog, "MIME-Version", "1.0")
    if not _UTF8_CHARSET.search(have.get("Content-Type", "")):
        set_header_field(catalog, "Content-Type", "text/plain; charset=UTF-8")
    if "Content-Transfer-Encoding" not in have:
        set_header_field(catalog, "Content-Transfer-Encoding", "8bit")


def update_catalog(po: Catalog, pot: Catalog, lang: str) -> Catalog:
    """msgmerge-like update of `po` to `pot` (new object; inputs untouched; idempotent)."""
    header = _copy(po.header)
    result = Catalog(header=header, path=po.path)
    pot_header = get_header(pot)
    have = get_header(result)
    if "POT-Creation-Date" in pot_header:
        set_header_field(result, "POT-Creation-Date", pot_header["POT-Creation-Date"])
    _repair_header(result, have, lang)
    if "Plural-Forms" not in have:
        set_header_field(result, "Plural-Forms", plural_forms(lang))
    if "X-Source-Language" in pot_header and "X-Source-Language" not in have:
        set_header_field(result, "X-Source-Language", pot_header["X-Source-Language"])
    forms = nplurals(result)

    active = {m.key: m for m in po.messages if not m.obsolete}
    obsolete = {m.key: m for m in po.messages if m.obsolete}
    pot_keys = {m.key for m in pot.messages if not m.obsolete}
    used: set[int] = set()
    pool = [m for m in po.messages if m.key not in pot_keys and m.translated and m.msgid != ""]
    texts = [m.msgid for m in pool]
    for new in pot.messages:
        if new.obsolete:
            continue
        old = active.get(new.key) or obsolete.get(new.key)
        if old is not None:
            used.add(id(old))
            msgstr, plural = _fit_forms(old, new, forms)
            fuzzy = old.fuzzy or (old.msgid_plural is None) != (new.msgid_plural is None)
            merged = _copy(
                new,
                msgstr=msgstr,
                msgstr_plural=plural,
                flags=_merge_flags(old, new, fuzzy),
                translator_comments=current_comments(old)
                if not fuzzy
                else list(old.translator_comments),
                obsolete=False,
                previous_msgctxt=old.previous_msgctxt if fuzzy else None,
                previous_msgid=old.previous_msgid if fuzzy else None,
                previous_msgid_plural=old.previous_msgid_plural if fuzzy else None,
            )
        else:
            cand = _fuzzy_match(new, pool, texts) if pool else None
            if cand is None:
                merged = _empty_entry(new, forms)
            else:
                used.add(id(cand))
                msgstr, plural = _fit_forms(cand, new, forms)
                merged = _copy(
                    new,
                    msgstr=msgstr,
                    msgstr_plural=plural,
                    flags=_merge_flags(cand, new, True),
                    translator_comments=list(cand.translator_comments),
                    obsolete=False,
                    previous_msgctxt=cand.msgctxt,
                    previous_msgid=cand.msgid,
                    previous_msgid_plural=cand.msgid_plural,
                )
        merged.lineno = 0
        result.messages.append(merged)
    for old in po.messages:
        if id(old) in used or not old.translated or old.key in pot_keys:
            continue
        result.messages.append(
            _copy(old, obsolete=True, extracted_comments=[], references=[], lineno=0)
        )
    return result


def catalog_stats(catalog: Catalog) -> dict[str, int]:
    """Counts: total, approved, fuzzy, untranslated, obsolete, words (source words, active)."""
    live = [m for m in catalog.messages if not m.obsolete]
    return {
        "total": len(live),
        "approved": sum(m.approved for m in live),
        "fuzzy": sum(m.translated and m.fuzzy for m in live),
        "untranslated": sum(not m.translated for m in live),
        "obsolete": sum(m.obsolete for m in catalog.messages),
        "words": sum(len(m.msgid.split()) for m in live),
    }

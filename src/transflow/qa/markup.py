"""Markup checks: inline placeholders, URLs and e-mails, leftover machine-translation marks."""

from __future__ import annotations

import re
from collections import Counter

from transflow.qa.base import ERROR, URL_HINT, URL_RE, Check, Unit, strip_markup
from transflow.source.markup import placeholders, strip_placeholders


def _tag_problems(text: str) -> list[str]:
    """Structural problems of the placeholders of one text (unbalanced, badly nested)."""
    stack: list[str] = []
    out: list[str] = []
    for tag in placeholders(text):
        if tag.endswith("/>"):
            continue
        closing, name = tag.startswith("</"), tag.strip("</>")
        if not closing:
            stack.append(name)
        elif not stack:
            out.append(f"</{name}> closes nothing")
        elif stack[-1] == name:
            stack.pop()
        elif name in stack:
            out.append(f"<{stack[-1]}> and <{name}> overlap (bad nesting)")
            stack.remove(name)
        else:
            out.append(f"</{name}> closes nothing")
    out.extend(f"<{name}> is never closed" for name in stack)
    return out


def _show_tags(tags: Counter[str]) -> list[str]:
    """Tags for a message, a pair that goes together shown as "<b>…</b>"."""
    out = []
    for tag in sorted(tags.elements(), key=lambda t: (t.strip("</>"), t.startswith("</"))):
        name = tag.strip("</>")
        if tag.startswith("</") and out and out[-1] == f"<{name}>":
            out[-1] = f"<{name}>…</{name}>"
        else:
            out.append(tag)
    return out


class Placeholders(Check):
    """Inline markup placeholders (<b>, <i>, <a1>, <c1/>) differ from the source."""

    check_id = "placeholders"
    name = "Placeholders"
    description = "Markup placeholders are missing, extra, renamed, unbalanced or badly nested."
    severity = ERROR

    def check(self, unit: Unit) -> list[str]:
        """Compare the placeholder multisets, then the translation's own structure."""
        if "<" not in unit.msgid and "<" not in unit.msgstr:
            return []
        src, tgt = Counter(placeholders(unit.msgid)), Counter(placeholders(unit.msgstr))
        out = []
        missing, extra = _show_tags(src - tgt), _show_tags(tgt - src)
        if missing and extra and len(missing) == len(extra):
            out.append(f"placeholder renamed: {' '.join(missing)} -> {' '.join(extra)}")
        else:
            if missing:
                out.append("placeholder missing in translation: " + " ".join(missing))
            if extra:
                out.append("placeholder not in source: " + " ".join(extra))
        if not _tag_problems(unit.msgid):
            out.extend(_tag_problems(unit.msgstr))
        return out


_TRAILING = ".,;:!?)]}»”’'\""


def _links(text: str) -> Counter[str]:
    if URL_HINT.search(text) is None:
        return Counter()
    return Counter(m.group(0).rstrip(_TRAILING).lower() for m in URL_RE.finditer(text))


class Urls(Check):
    """A URL, domain or e-mail address was changed, dropped or added."""

    check_id = "urls"
    name = "URLs and e-mails"
    description = "URLs and e-mail addresses must be copied unchanged."
    severity = ERROR

    def check(self, unit: Unit) -> list[str]:
        """Compare the URLs and e-mails of both texts (case-insensitively)."""
        src = _links(strip_placeholders(unit.msgid, " "))
        tgt = _links(strip_placeholders(unit.msgstr, " "))
        out = []
        if src - tgt:
            out.append("URL/e-mail missing or changed: " + " ".join(sorted(src - tgt)))
        if tgt - src:
            out.append("URL/e-mail not in source: " + " ".join(sorted(tgt - src)))
        return out


#: *word, #word, @word at a word start (not e-mails: the mark must not follow a word character).
_MT_MARK = re.compile(r"(?<![\w@#*])([*#@])([^\W\d_][\w'’-]*)")


def _marks(text: str) -> Counter[str]:
    return Counter(m.group(1) for m in _MT_MARK.finditer(strip_markup(text)))


class MtMarks(Check):
    """Unknown-word marks of machine translation (*word, #word, @word) left in the text."""

    check_id = "mt-marks"
    name = "Machine translation marks"
    description = "Apertium marks unknown words with *, # or @; they must not reach readers."
    severity = ERROR

    def check(self, unit: Unit) -> list[str]:
        """Report marked words beyond the hashtags/mentions/asterisks the source itself has."""
        if not any(c in unit.msgstr for c in "*#@"):
            return []
        tgt_words = [m.group(0) for m in _MT_MARK.finditer(unit.tgt_plain)]
        if not tgt_words:
            return []
        allowed = _marks(unit.msgid)
        out = []
        for mark, count in _marks(unit.msgstr).items():
            if count > allowed.get(mark, 0):
                words = [w for w in tgt_words if w[0] == mark]
                out.append("machine translation mark left: " + " ".join(words))
        return out

"""TMX 1.4b export and import of the translation memory (exchange with other CAT tools)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from transflow import __version__ as TOOL_VERSION
from transflow.errors import SourceError, TransflowError
from transflow.fsutil import atomic_write
from transflow.mt.memory import TranslationMemory, Unit, safe_origin, ws_normalize

TOOL = "transflow"
XML_LANG = "xml:lang"
#: ISO 639-2/3 codes other tools write, mapped to the codes transflow uses
_LANG_ALIASES = {"bel": "be", "rus": "ru", "eng": "en", "ukr": "uk", "pol": "pl"}
#: characters XML 1.0 cannot carry at all
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: inline elements whose content is native code (kept in "keep" mode, dropped in "strip" mode)
_CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut"})


@dataclass
class Node:
    """An XML element with its attributes, mixed content (text and children) and line."""

    tag: str
    attrs: dict[str, str]
    line: int
    content: list[str | Node] = field(default_factory=list)

    def children(self, tag: str | None = None) -> list[Node]:
        """Child elements, optionally only those with a given tag."""
        return [c for c in self.content if isinstance(c, Node) and (tag is None or c.tag == tag)]

    def text(self) -> str:
        """All text inside the element, children included."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.content)


def parse_xml(path: str | Path, error: type[TransflowError] = SourceError) -> Node:
    """Parse an XML file into Nodes with line numbers; bad XML raises `error` naming the line."""
    path = Path(path)
    parser = expat.ParserCreate()
    root: list[Node] = []
    stack: list[Node] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = Node(_local(tag), attrs, parser.CurrentLineNumber)
        if stack:
            stack[-1].content.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        if stack:
            content = stack[-1].content
            if content and isinstance(content[-1], str):
                content[-1] += data
            else:
                content.append(data)

    def no_entities(*_args: object) -> None:
        raise SourceError("entity declarations are not allowed", path, parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.EntityDeclHandler = no_entities
    parser.buffer_text = True
    try:
        with path.open("rb") as handle:
            parser.ParseFile(handle)
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", path) from None
    except expat.ExpatError as exc:
        raise error(f"malformed XML: {expat.ErrorString(exc.code)}", path, exc.lineno) from None
    except LookupError as exc:  # <?xml encoding="..."?> names no codec Python knows
        raise error(f"malformed XML: {exc}", path, 1) from None
    except SourceError as exc:
        raise error(exc.message, path, exc.line) from None
    if not root:
        raise error("empty XML document", path, 1)
    return root[0]


def _local(tag: str) -> str:
    """Tag name without a namespace prefix or URI."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1] if not tag.startswith("xml:") else tag


def normalize_lang(code: str) -> str:
    """`be-BY`, `BE_by`, `bel` -> `be`: the primary language subtag, lower case."""
    primary = re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()
    return _LANG_ALIASES.get(primary, primary)


def _xml_text(text: str) -> str:
    """Escape text for element content (a CR survives as a character reference)."""
    text = _INVALID_XML.sub("", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;")


def _xml_attr(text: str) -> str:
    """Escape text for a double-quoted attribute value."""
    text = _xml_text(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\t", "&#9;")


def _pair_key(unit: Unit) -> tuple[tuple[str, str], tuple[str, str]]:
    """The same key for a unit and its reverse: its two (language, text) sides, sorted."""
    one = (unit.src_lang, ws_normalize(unit.source))
    two = (unit.tgt_lang, ws_normalize(unit.target))
    return (one, two) if one <= two else (two, one)


def export_units(
    memory: TranslationMemory, src: str | None = None, tgt: str | None = None
) -> list[Unit]:
    """The units a TMX export writes: each pair once, in its original direction where it has one.

    A pair and its reverse are one translation unit (any reader can use it both ways). With
    `src`/`tgt` the pairs are given in that direction, whichever way they were approved.
    """
    chosen: dict[tuple[tuple[str, str], tuple[str, str]], Unit] = {}
    for unit in memory.units(src, tgt):
        key = _pair_key(unit)
        held = chosen.get(key)
        if held is None or (unit.derived, *_order(unit)) < (held.derived, *_order(held)):
            chosen[key] = unit
    return sorted(chosen.values(), key=_order)


def _order(unit: Unit) -> tuple[str, str, str, str, str]:
    """The order of units in an export."""
    return (unit.src_lang, unit.tgt_lang, unit.source, unit.target, unit.origin)


def tmx_string(memory: TranslationMemory, src: str | None = None, tgt: str | None = None) -> str:
    """The TMX 1.4b document for the memory's units (optionally one source/target language)."""
    units = export_units(memory, src, tgt)
    langs = {u.src_lang for u in units}
    srclang = src or (next(iter(langs)) if len(langs) == 1 else "*all*")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'  <header creationtool="{TOOL}" creationtoolversion="{TOOL_VERSION}"'
        f' segtype="sentence" o-tmf="{TOOL}" adminlang="en" srclang="{_xml_attr(srclang)}"'
        ' datatype="plaintext"/>',
        "  <body>",
    ]
    for unit in units:
        lines.append(f'    <tu srclang="{_xml_attr(unit.src_lang)}">')
        lines.append(f'      <prop type="x-origin">{_xml_text(safe_origin(unit.origin))}</prop>')
        for lang, text in ((unit.src_lang, unit.source), (unit.tgt_lang, unit.target)):
            lines.append(
                f'      <tuv xml:lang="{_xml_attr(lang)}"><seg>{_xml_text(text)}</seg></tuv>'
            )
        lines.append("    </tu>")
    lines += ["  </body>", "</tmx>", ""]
    return "\n".join(lines)


def export_tmx(
    memory: TranslationMemory, path: str | Path, src: str | None = None, tgt: str | None = None
) -> int:
    """Write the memory (optionally one direction) as TMX 1.4b atomically; returns units written."""
    text = tmx_string(memory, src, tgt)
    atomic_write(path, text)
    return text.count("<tu ")


def _seg_text(seg: Node, tags: str) -> str:
    """The text of a <seg>: inline code elements kept as their content ("keep") or dropped."""
    parts: list[str] = []
    for item in seg.content:
        if isinstance(item, str):
            parts.append(item)
        elif item.tag in _CODE_TAGS:
            if tags == "keep":
                # native code; a <sub> inside is translatable text of an attribute: skip it
                parts.append("".join(c for c in item.content if isinstance(c, str)))
        elif item.tag == "sub":
            continue
        else:  # <hi> and unknown wrappers: their text is segment text
            parts.append(_seg_text(item, tags))
    return "".join(parts)


def read_tmx(path: str | Path, tags: str = "keep", label: str | None = None) -> list[Unit]:
    """Units of a TMX 1.1-1.4 file, every <tu> in every direction between its variants.

    Pairs from the unit's source language (the <tu> srclang, else the header's; "*all*" makes
    every variant a source) are original units, the others derived (see Unit). Language codes
    are reduced to their primary subtag (be-BY -> be). `tags` is "keep" (inline codes such as
    <ph>{1}</ph> keep their content) or "strip". Origins name the file as `label` (by default
    its file name: never the path it has on this machine) with the line of the <tu>; the
    unit's own x-origin property, else its tuid, becomes its declared origin.
    """
    return _read_tmx(path, tags, label)[0]


def _read_tmx(path: str | Path, tags: str, label: str | None) -> tuple[list[Unit], int]:
    """read_tmx, and how many <tu> gave at least one pair."""
    if tags not in ("keep", "strip"):
        raise ValueError(f"tags must be 'keep' or 'strip', not {tags!r}")
    root = parse_xml(path, SourceError)
    if root.tag != "tmx":
        raise SourceError(f"not a TMX file (root element <{root.tag}>)", path, root.line)
    headers = root.children("header")
    header_src = headers[0].attrs.get("srclang", "*all*") if headers else "*all*"
    bodies = root.children("body")
    if not bodies:
        raise SourceError("TMX file without <body>", path, root.line)
    name = label if label is not None else Path(path).name
    units: list[Unit] = []
    used = 0
    for tu in bodies[0].children("tu"):
        variants: list[tuple[str, str]] = []
        for tuv in tu.children("tuv"):
            code = tuv.attrs.get(XML_LANG) or tuv.attrs.get("lang")
            if not code:
                raise SourceError("<tuv> without xml:lang", path, tuv.line)
            segs = tuv.children("seg")
            if not segs:
                raise SourceError("<tuv> without <seg>", path, tuv.line)
            text = _seg_text(segs[0], tags)
            if text.strip():
                variants.append((normalize_lang(code), text))
        declared = next(
            (p.text() for p in tu.children("prop") if p.attrs.get("type") == "x-origin"),
            f"tuid {tu.attrs['tuid']}" if tu.attrs.get("tuid") else "",
        )
        origin = f"{name}:{tu.line}"
        src_code = tu.attrs.get("srclang", header_src)
        src_lang = None if src_code == "*all*" else normalize_lang(src_code)
        before = len(units)
        for s_lang, s_text in variants:
            for t_lang, t_text in variants:
                if t_lang != s_lang:
                    derived = src_lang is not None and s_lang != src_lang
                    units.append(
                        Unit(s_lang, t_lang, s_text, t_text, origin, safe_origin(declared), derived)
                    )
        used += len(units) > before
    return units, used


def import_tmx(
    path: str | Path, memory: TranslationMemory, tags: str = "keep", label: str | None = None
) -> int:
    """Add every unit of a TMX file to the memory, both ways; returns how many <tu> gave pairs.

    `label` is how provenance names the file (e.g. `tm/agency.tmx`; see read_tmx).
    """
    units, count = _read_tmx(path, tags, label)
    for unit in units:
        memory.add_unit(unit)
    return count


__all__ = [
    "Node",
    "export_tmx",
    "export_units",
    "import_tmx",
    "normalize_lang",
    "parse_xml",
    "read_tmx",
    "tmx_string",
]

"""Stand-in PO reader (polib) used only while transflow.pofile is unavailable."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from transflow.catalog import Catalog, Message
from transflow.errors import CatalogError


def read_po(path: str | Path) -> Catalog:
    """Read a PO/POT file into a Catalog, raising CatalogError with the line on bad syntax."""
    try:
        po = polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError) as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise CatalogError(str(exc), path, int(m.group(1)) if m else None) from None
    header_text = "".join(f"{k}: {v}\n" for k, v in po.metadata.items())
    catalog = Catalog(header=Message(msgid="", msgstr=header_text, lineno=1), path=str(path))
    for e in list(po) + po.obsolete_entries():
        catalog.messages.append(
            Message(
                msgid=e.msgid,
                msgstr=e.msgstr,
                msgctxt=e.msgctxt,
                msgid_plural=e.msgid_plural or None,
                msgstr_plural={int(k): v for k, v in e.msgstr_plural.items()},
                flags=list(e.flags),
                translator_comments=e.tcomment.splitlines() if e.tcomment else [],
                extracted_comments=e.comment.splitlines() if e.comment else [],
                obsolete=bool(e.obsolete),
                lineno=e.linenum,
            )
        )
    return catalog

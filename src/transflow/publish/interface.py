"""The pages' own words (labels, notices) in each edition's language, from gettext catalogs.

The catalogs are ordinary PO files (`publish/locale/<lang>/LC_MESSAGES/interface.po`, English
msgids) that translators edit like any other; Łacinka is derived from the Belarusian one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from transflow.po.pofile import read_po
from transflow.publish.lacinka import LANG_TAG as LATIN_TAG
from transflow.publish.lacinka import to_lacinka

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "interface"


@cache
def _translations(lang: str) -> dict[str, str]:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return {}
    return {m.msgid: m.msgstr for m in read_po(path).messages if m.approved and m.msgid}


def gettext(lang: str, message: str, **values: str) -> str:
    """`message` in `lang` (English when the catalog lacks it), with {name} values filled in."""
    base = "be" if lang == LATIN_TAG else lang
    text = _translations(base).get(message, message)
    if values:
        text = text.format(**values)
    return to_lacinka(text) if lang == LATIN_TAG and base != "en" else text


def labels(lang: str) -> dict[str, str]:
    """The fixed labels of the page templates in `lang`."""
    return {
        "index": gettext(lang, "News"),
        "languages": gettext(lang, "Languages"),
        "preview": gettext(lang, "Draft: machine translation marked"),
        "archive": gettext(lang, "Archive"),
        "newer": gettext(lang, "Newer"),
        "older": gettext(lang, "Older"),
    }


def outdated_notice(lang: str, date_text: str) -> str:
    """The notice of a translation that follows an older version of its original."""
    return gettext(
        lang,
        "This translation follows the version of the original of {date}; the original has "
        "since been updated.",
        date=date_text,
    )


#: The note of a translated page, by the language of its original.
_TRANSLATED_FROM = {
    "be": "Translated from Belarusian",
    "ru": "Translated from Russian",
    "en": "Translated from English",
}


def translated_from(lang: str, source_lang: str) -> str:
    """ "Translated from Russian" in `lang`; "" for the original (and Łacinka of a be original)."""
    base = "be" if lang == LATIN_TAG else lang
    if base == source_lang or source_lang not in _TRANSLATED_FROM:
        return ""
    return gettext(lang, _TRANSLATED_FROM[source_lang])


def byline(lang: str, author: str) -> str:
    """ "By {author}" in `lang` ("" without an author)."""
    return gettext(lang, "By {author}", author=author) if author else ""

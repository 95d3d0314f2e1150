"""QA checks for translated catalogs: the check registry, the runner and the reports.

Every check is a small class with `check_id`, `name`, `description`, `severity` and
`check(unit) -> list[str]`. `CHECKS` is the explicit, ordered registry (no discovery).
A check may look at a whole catalog's units first (`prepare`, e.g. to batch lexicon lookups)
and give some of its messages a milder severity (`severity_of`).

Severities: "error" = a real defect a reader would see (a changed number, date, URL or
placeholder, broken brackets, MT marks, a bidi override, wrong language, foreign words, a Russian
word in Belarusian text or the reverse, mixed scripts, an untranslated copy, a stale catalog);
"warning" = something to look at (fuzzy or empty entries, unknown words, style: quotes, end
punctuation, spaces, invisible characters, case, length, doubled words, glossary).
Content checks run on translated entries only; on a fuzzy (draft) entry they are reported as
warnings at most, since the draft is not published; `approved_only=True` skips drafts entirely.

An entry opts out of a check with `ignore-<check_id>`: as a `#,` flag (Weblate style) or, since
msgcat drops unknown flags when it rewrites a file, as a translator comment `# ignore-numbers`.
"""

from __future__ import annotations

from transflow.qa.base import ERROR, WARNING, Check, Finding, Unit
from transflow.qa.basic import (
    Capitalization,
    DoubledWord,
    DoubleSpace,
    EdgeWhitespace,
    Fuzzy,
    LengthRatio,
    SameAsSource,
    Untranslated,
)
from transflow.qa.glossary import GlossaryTerms
from transflow.qa.invisible import BidiOverride, InvisibleCharacters
from transflow.qa.language import ForeignWords, MixedScript, WrongLanguage
from transflow.qa.markup import MtMarks, Placeholders, Urls
from transflow.qa.numbers import Dates, Numbers
from transflow.qa.punctuation import Brackets, EndPunctuation, QuoteStyle
from transflow.qa.spelling import Spelling

#: The registry, in report order.
CHECK_CLASSES: tuple[type[Check], ...] = (
    Untranslated,
    Fuzzy,
    SameAsSource,
    Numbers,
    Dates,
    Placeholders,
    Urls,
    MtMarks,
    BidiOverride,
    InvisibleCharacters,
    Brackets,
    QuoteStyle,
    EndPunctuation,
    EdgeWhitespace,
    DoubleSpace,
    DoubledWord,
    Capitalization,
    LengthRatio,
    WrongLanguage,
    ForeignWords,
    MixedScript,
    Spelling,
    GlossaryTerms,
)
CHECKS: tuple[Check, ...] = tuple(cls() for cls in CHECK_CLASSES)

#: Catalog-level checks done by the runner (not per entry): id -> (severity, description).
CATALOG_CHECKS = {
    "syntax": (ERROR, "The PO file cannot be read (malformed syntax or encoding)."),
    "language-header": (ERROR, "The Language header is missing or disagrees with the folder."),
    "stale": (ERROR, "The catalog was made from an older template (POT): run update."),
}

__all__ = [
    "CATALOG_CHECKS",
    "CHECKS",
    "CHECK_CLASSES",
    "ERROR",
    "WARNING",
    "Check",
    "Finding",
    "Unit",
]

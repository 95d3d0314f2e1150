"""QA checks for translated catalogs: the check registry, the runner and the reports.

Every check is a small class with `check_id`, `name`, `description`, `severity` and
`check(unit) -> list[str]`. `CHECKS` is the explicit, ordered registry (no discovery).
An entry opts out of a check with the flag `ignore-<check_id>` (as in Weblate).
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
from transflow.qa.language import ForeignWords, MixedScript, WrongLanguage
from transflow.qa.markup import MtMarks, Placeholders, Urls
from transflow.qa.numbers import Dates, Numbers
from transflow.qa.punctuation import Brackets, EndPunctuation, QuoteStyle

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

"""Glossary check: terms of the term base must be rendered as the glossary says."""

from __future__ import annotations

from transflow.qa.base import WARNING, Check, Unit


class GlossaryTerms(Check):
    """A glossary term of the source is not rendered with the glossary's translation."""

    check_id = "glossary"
    name = "Glossary terms"
    description = "A source term from the glossary lacks its prescribed translation."
    severity = WARNING

    def check(self, unit: Unit) -> list[str]:
        """Ask the glossary (transflow.mt.glossary.Glossary) which terms the translation misses."""
        glossary = unit.glossary
        if glossary is None or not unit.msgstr:
            return []
        matches = glossary.missing_terms(unit.msgid, unit.msgstr, unit.src_lang, unit.tgt_lang)
        return [f"glossary: {m.source!r} should be rendered as {m.target!r}" for m in matches]

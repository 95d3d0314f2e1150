"""Tests for transflow.lang.calendar: one source of month names for importers, QA and dates."""

from __future__ import annotations

from transflow.lang.calendar import month_forms, month_numbers


def test_babel_forms_and_the_table_of_missing_ones_are_merged():
    be_march = month_forms("be")[2]
    assert "сакавік" in be_march and "сакавіка" in be_march  # Babel: nominative, genitive
    assert "сакавіку" in be_march  # the table: locative
    assert "травень" in month_forms("be")[4] and "мая" in month_forms("be")[4]


def test_every_month_of_every_language_has_a_number():
    numbers = month_numbers()
    assert numbers["марта"] == 3 and numbers["september"] == 9 and numbers["снежня"] == 12
    for lang in ("be", "ru", "en"):
        assert [numbers[forms[0]] for forms in month_forms(lang)] == list(range(1, 13))


def test_forms_are_lower_case_without_dots():
    for lang in ("be", "ru", "en"):
        for forms in month_forms(lang):
            assert all(w == w.lower() and not w.endswith(".") for w in forms)

"""Tests of transflow/qa."""

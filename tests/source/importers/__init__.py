"""Tests of transflow/source/importers."""

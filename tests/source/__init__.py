"""Tests of transflow/source."""

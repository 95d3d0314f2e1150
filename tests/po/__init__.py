"""Tests of transflow/po."""

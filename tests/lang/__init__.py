"""Tests of transflow/lang."""

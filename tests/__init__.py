"""Tests of transflow."""

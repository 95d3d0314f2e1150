"""Hypothesis profiles of the fuzzing suite, chosen with --fuzz-profile or $TRANSFLOW_FUZZ.

`ci` (the default: `make test` and CI): derandomized (a fixed seed, the same inputs every run)
with a bounded number of examples, about two minutes for the whole suite. `long` (`make fuzz`):
random seeds, five times the examples, failures remembered in .hypothesis/. Both give every single
input a 10 s deadline (hypothesis fails an example that takes longer).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: the per-input limit: no command may take longer than this on one input (milliseconds)
DEADLINE_MS = 10_000
PROFILE = os.environ.get("TRANSFLOW_FUZZ", "ci")
if PROFILE not in ("ci", "long"):
    raise ValueError(f"TRANSFLOW_FUZZ must be ci or long, not {PROFILE!r}")
_COMMON = {
    "deadline": DEADLINE_MS,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
}
settings.register_profile("transflow-fuzz-ci", derandomize=True, database=None, **_COMMON)
settings.register_profile("transflow-fuzz-long", derandomize=False, **_COMMON)
_BASE = settings.get_profile(f"transflow-fuzz-{PROFILE}")


def fuzz_settings(examples: int) -> settings:
    """Settings for one fuzz test: `examples` inputs under ci, five times as many under long."""
    return settings(_BASE, max_examples=examples * (5 if PROFILE == "long" else 1))

"""pytest configuration for Slope's Python-side tests (run by scripts/test.sh).

The helpers live in tests/oracle.py. This file makes them importable and prints, in the session
header, which slope binary and which Python oracle are being used.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import oracle  # noqa: E402


def pytest_report_header(config):
    b = oracle.slope_bin_path()
    state = "ok" if b.is_file() else "MISSING: every test that runs slope will fail"
    lines = [
        f"slope binary: {b} ({state})",
        f"oracle python: {oracle.python_bin()}",
        "jax oracle programs: on",
    ]
    return lines

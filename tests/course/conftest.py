"""Shared setup for the course tests (tests/course): the course's build script is importable
(scripts/course.py), and the Slope kernelspec that scripts/test.sh installs into the venv is
found first (as in tests/kernel)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

_venv_data = Path(sys.prefix) / "share" / "jupyter"
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(_venv_data)] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
)
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

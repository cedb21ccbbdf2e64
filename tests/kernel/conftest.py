"""Shared setup for the Jupyter kernel tests (tests/kernel).

scripts/test.sh installs the kernelspec into the test venv (`slope-kernel install --prefix
$VENV`) and exports SLOPE_KERNEL_BIN. The venv's data directory is put first on JUPYTER_PATH so
that a kernelspec named `slope` installed elsewhere (say for the user) cannot shadow it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

KERNEL_NAME = "slope"

_venv_data = Path(sys.prefix) / "share" / "jupyter"
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(_venv_data)] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
)
# Kernels started by the tests must not inherit pytest's own stdin.
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")


def kernel_bin() -> Path:
    """The slope-kernel binary under test."""
    if os.environ.get("SLOPE_KERNEL_BIN"):
        return Path(os.environ["SLOPE_KERNEL_BIN"])
    target = os.environ.get("CARGO_TARGET_DIR") or str(Path(__file__).resolve().parents[2] / "target")
    return Path(target) / "debug" / "slope-kernel"


@pytest.fixture(scope="session", autouse=True)
def slope_kernelspec():
    """The installed kernelspec, checked to launch the binary under test."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        pytest.fail(
            f"no '{KERNEL_NAME}' kernelspec: run `slope-kernel install --prefix {sys.prefix}` "
            "(scripts/test.sh does this)"
        )
    exe = Path(spec.argv[0])
    assert exe.is_file(), f"the kernelspec launches {exe}, which does not exist"
    want = kernel_bin()
    if want.exists():
        assert exe.resolve() == want.resolve(), f"the kernelspec launches {exe}, not the binary under test {want}"
    return spec

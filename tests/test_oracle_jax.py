"""Oracle tests for JAX programs: tests/oracle/jax/*.py run by CPython with JAX on the CPU and by
slope; numbers must agree within rtol 1e-5 (float32) unless a program's header says otherwise.
"""

from pathlib import Path

import pytest

import oracle

JAX_DIR = oracle.TESTS / "oracle" / "jax"
JAX_PARAMS = [pytest.param(p, id=p.stem) for p in oracle.files(JAX_DIR)]


@pytest.mark.parametrize("path", JAX_PARAMS)
def test_jax_oracle(path: Path):
    # float32 results: values that should be 0 come out as ~1e-8, hence the atol.
    oracle.check_oracle(path, default_rtol=1e-5, default_atol=1e-6)

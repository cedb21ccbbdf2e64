"""Oracle tests: every program in tests/oracle/numpy/ (and the per-primitive examples in
lang/tests/prims/) is run by CPython with the real numpy and by slope; the numbers printed must
agree (see tests/oracle.py for the rules and the `# rtol:` / `# atol:` / `# oracle:` headers)."""

from pathlib import Path

import pytest

import oracle

NUMPY_DIR = oracle.TESTS / "oracle" / "numpy"
PRIMS_DIR = oracle.ROOT / "lang" / "tests" / "prims"

NUMPY_PROGRAMS = oracle.files(NUMPY_DIR)
PRIM_PROGRAMS = oracle.files(PRIMS_DIR)


def test_numpy_programs_exist():
    # Guard against a glob that silently matches nothing (a moved directory, a typo).
    assert len(NUMPY_PROGRAMS) >= 60, f"expected at least 60 oracle programs in {NUMPY_DIR}"


@pytest.mark.parametrize("path", NUMPY_PROGRAMS, ids=[p.stem for p in NUMPY_PROGRAMS])
def test_numpy_oracle(path: Path):
    oracle.check_oracle(path, default_rtol=1e-9)


# Per-primitive example programs (written beside the primitives). A first-line comment
# `# oracle: jax` means the program is JAX code: compare with JAX on the CPU, rtol 1e-6.
PRIM_PARAMS = [pytest.param(p, id=f"prims/{p.stem}") for p in PRIM_PROGRAMS] or [
    pytest.param(None, id="prims", marks=pytest.mark.skip(reason=f"no programs in {PRIMS_DIR} yet"))
]


@pytest.mark.parametrize("path", PRIM_PARAMS)
def test_prim_example(path: Path):
    kind = oracle.header(path).get("oracle", "numpy").strip().lower()
    if kind == "jax":
        oracle.check_oracle(path, default_rtol=1e-6, default_atol=1e-7)
    else:
        oracle.check_oracle(path, default_rtol=1e-9)

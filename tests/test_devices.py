"""Every oracle program and primitive example runs on the CPU JIT and on `eval`, the reference,
and both print the same (numbers within float32 rtol 1e-5, exit status equal). The comparison is
`lang/tests/devices/compare.py`'s, which also runs on its own for a quick look."""

import importlib.util
import os
import subprocess

import pytest

import oracle

_spec = importlib.util.spec_from_file_location("compare", oracle.ROOT / "lang/tests/devices/compare.py")
compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)

PROGRAMS = sorted(p for d in compare.DIRS for p in d.glob("*.py"))


def run(prog, device):
    env = dict(os.environ, SLOPE_DEVICE=device)
    p = subprocess.run([str(oracle.slope_bin_path()), str(prog)], capture_output=True, text=True, env=env, timeout=300)  # eval, the reference interpreter, takes ~50 s of CPU for the Flax MNIST program in a debug build
    return p.returncode, p.stdout + p.stderr


def test_there_are_programs_from_every_directory():
    for d in compare.DIRS:
        assert any(p.parent == d for p in PROGRAMS), f"no programs in {d}"


@pytest.mark.parametrize("prog", PROGRAMS, ids=lambda p: str(p.relative_to(oracle.ROOT)))
def test_cpu_agrees_with_eval(prog):
    (rc_e, out_e), (rc_c, out_c) = run(prog, "eval"), run(prog, "cpu")
    assert rc_e == rc_c and compare.same(out_e, out_c), f"--- eval (exit {rc_e}) ---\n{out_e}\n--- cpu (exit {rc_c}) ---\n{out_c}"


def test_the_comparison_can_fail():
    assert compare.same("x = 1.0", "x = 1.000001")
    assert not compare.same("x = 1.0", "x = 1.001")
    assert not compare.same("x = 1.0", "y = 1.0")

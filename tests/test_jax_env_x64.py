"""JAX_ENABLE_X64 in the environment turns jax_enable_x64 on from the start, as in JAX: the same
program, run by slope and by CPython with the real JAX under JAX_ENABLE_X64=1 (and =0), prints the
same dtypes and values."""

import os
import subprocess

import pytest

import oracle

PROGRAM = """
import jax
import jax.numpy as jnp
print(jax.config.x64_enabled, jax.config.jax_enable_x64)
print(jnp.array(1.0).dtype, jnp.arange(3).dtype, jnp.zeros(2).dtype, (jnp.int32(1) + 1.0).dtype)
print(jax.random.uniform(jax.random.PRNGKey(0), (2,)).dtype)
print(jnp.array(1.0) / 3)
"""


@pytest.mark.parametrize("value", ["1", "true", "0"])
def test_env_x64(tmp_path, value):
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM)
    env = oracle.child_env()
    env["JAX_ENABLE_X64"] = value

    def run(argv):
        p = subprocess.run([str(a) for a in argv], env=env, capture_output=True, timeout=oracle.TIMEOUT, cwd=tmp_path)
        assert p.returncode == 0, p.stderr.decode()
        return p.stdout.decode()

    expected = run([oracle.python_bin(), path])
    got = run([oracle.slope_bin(), path])
    assert got == expected

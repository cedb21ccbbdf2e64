# expect: MemoryError
# span: print(smallest(x))
# cpython: runs
# env: SLOPE_MEMORY_LIMIT=256M
# Each array fits (40 MB), but the compiled function holds sixteen of them at once: its buffers
# are checked against the memory left before it runs.
import jax
import jax.numpy as jnp


@jax.jit
def smallest(x):
    parts = [jnp.sort(x * (i + 1.0)) for i in range(8)]
    return sum(p[0] for p in parts)


x = jnp.linspace(0.0, 1.0, 10_000_000)
print(smallest(x))

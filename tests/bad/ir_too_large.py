# expect: MemoryError
# span: g = (lambda h: jax.jit(lambda x: h(x) + h(x * 0.5)))(g)
# cpython: runs
# env: SLOPE_MAX_EQNS=20000
# Each level calls the jitted level below twice, so the trace doubles at each level: the
# traced function's size is bounded (2,000,000 equations by default; 20,000 here).
import jax
import jax.numpy as jnp

g = jnp.sin
for i in range(40):
    g = (lambda h: jax.jit(lambda x: h(x) + h(x * 0.5)))(g)
print(g(1.0))

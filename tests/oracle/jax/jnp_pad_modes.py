# jnp.pad's modes, as JAX gives them (and traced: under jit and grad).
import jax
import jax.numpy as jnp

x = jnp.arange(1.0, 6.0)
for mode in ("constant", "edge", "reflect", "symmetric", "wrap", "maximum", "minimum", "mean", "median", "linear_ramp"):
    print(mode, jnp.pad(x, (2, 3), mode=mode))
m = jnp.arange(6.0).reshape(2, 3)
print(jnp.pad(m, ((1, 0), (2, 1)), mode="reflect"))
print(jax.jit(lambda v: jnp.pad(v, 2, mode="edge"))(x))
print(jax.grad(lambda v: jnp.sum(jnp.pad(v, 2, mode="reflect") ** 2))(x))

# oracle: jax
import jax
import jax.numpy as jnp


@jax.jit
def f(x):
    y = jnp.sin(x) * 2.0
    jax.debug.print("y = {}", y)
    return y + 1.0


print(f(jnp.array([0.5, 1.0])))

import jax
import jax.numpy as jnp
from jax import jit

@jit
def f(x):
    y = jnp.sin(x) * 2.0
    jax.debug.print("y={y}", y=y)
    z = y ** 2 + 1.0
    jax.debug.print("z={z} x={x}", z=z, x=x)
    return z

print(f(0.5))
print(f(1.25))
g = jit(lambda v: jnp.sum(v * v))
jax.debug.print("outside={o}", o=g(jnp.array([1.0, 2.0])))

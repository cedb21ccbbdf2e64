import jax.numpy as jnp
from jax import jit

def power_sum(x, n):
    total = jnp.zeros_like(x)
    for k in range(n):
        total = total + x ** k
    return total

f = jit(power_sum, static_argnums=1)
x = jnp.array([0.5, 1.0, 1.5])
print(f(x, 3))
print(f(x, 5))
print(f(x, 3))

def reduce_with(x, mode, scale):
    if mode == "sum":
        return jnp.sum(x) * scale
    elif mode == "max":
        return jnp.max(x) * scale
    return jnp.mean(x) * scale

g = jit(reduce_with, static_argnums=(1,))
print(g(x, "sum", 2.0), g(x, "max", 2.0), g(x, "mean", 2.0))
h = jit(lambda x, shape: jnp.reshape(x, shape) * 2.0, static_argnums=(1,))
print(h(jnp.arange(6.0), (2, 3)))
print(h(jnp.arange(6.0), (3, 2)))

# oracle: jax
import jax
import jax.numpy as jnp
from jax import lax


def f(c, xs):
    return lax.scan(lambda c, x: (c * 0.5 + x, c * x), c, xs)


xs = jnp.array([1.0, 2.0, -1.0, 0.5])
print(*f(1.0, xs))
print(jax.grad(lambda c: f(c, xs)[0] + jnp.sum(f(c, xs)[1]))(1.0))
print(*lax.scan(lambda c, x: (c + x, c), 0.0, xs, reverse=True))

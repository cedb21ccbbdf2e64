# expect: ValueError
# span: grad(f)(2.0)
# cpython: ValueError
import jax.numpy as jnp
from jax import grad, lax


def f(x):
    return lax.while_loop(lambda v: v < 10.0, lambda v: v * x, 1.0)


print(grad(f)(2.0))

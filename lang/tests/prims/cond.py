# oracle: jax
import jax
import jax.numpy as jnp
from jax import lax


def f(x):
    return lax.cond(x > 0.0, lambda v: v * v + 1.0, lambda v: jnp.sin(v), x)


print(jax.jit(f)(2.0), jax.jit(f)(-1.0), jax.grad(f)(2.0), jax.grad(f)(-1.0))
print(jax.vmap(f)(jnp.array([-2.0, 0.5, 3.0])))
print(jax.jit(lambda i, x: lax.switch(i, [jnp.cos, jnp.exp, jnp.negative], x))(1, 0.5))

import jax.numpy as jnp
from jax import vmap, grad, lax

def f(x, n):
    return lax.fori_loop(0, 3, lambda i, c: c * x + n, 1.0)

print(vmap(f)(jnp.array([0.5, 1.0, 2.0]), jnp.array([1.0, 0.0, -1.0])))

def cumulative(xs, scale):
    return lax.scan(lambda c, x: (c + x * scale, c), 0.0, xs)

tot, hist = vmap(cumulative, in_axes=(0, None))(jnp.arange(6.0).reshape(2, 3), 2.0)
print(tot, hist)
print(vmap(lambda x: lax.cond(x < 1.0, lambda v: v * 10.0, lambda v: -v, x))(jnp.array([0.0, 0.5, 1.5, 3.0])))
print(vmap(lambda i, x: lax.switch(i, [jnp.sin, jnp.cos, jnp.tanh], x))(jnp.array([0, 1, 2]), jnp.array([0.5, 0.5, 0.5])))
print(vmap(lambda x: lax.while_loop(lambda v: v < 10.0, lambda v: v * 2.0, x))(jnp.array([1.0, 3.0, 7.0, 20.0])))
print(vmap(grad(lambda x: lax.scan(lambda c, a: (c * a + jnp.sin(c), None), x, jnp.array([1.0, 0.5]))[0]))(jnp.array([0.2, 0.4])))

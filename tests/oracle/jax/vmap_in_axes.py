import jax.numpy as jnp
from jax import vmap

def f(x, w, b):
    return jnp.dot(w, x) + b

xs = jnp.arange(12.0).reshape(4, 3)
w = jnp.array([0.5, -1.0, 2.0])
print(vmap(f, in_axes=(0, None, None))(xs, w, 1.0))
bs = jnp.array([1.0, 2.0, 3.0, 4.0])
print(vmap(f, in_axes=(0, None, 0))(xs, w, bs))
print(vmap(f, in_axes=(1, None, None))(xs.T, w, 0.0))
ws = jnp.ones((4, 3)) * jnp.arange(4.0)[:, None]
print(vmap(f, in_axes=(0, 0, 0))(xs, ws, bs))
print(vmap(f)(xs, ws, bs))
print(vmap(lambda a, b: a * b, in_axes=(0, None))(jnp.array([1.0, 2.0, 3.0]), jnp.array([10.0, 20.0])))
print(vmap(jnp.sum, in_axes=1)(xs))
print(vmap(lambda r: r / jnp.sqrt(jnp.sum(r * r)))(xs + 1.0))

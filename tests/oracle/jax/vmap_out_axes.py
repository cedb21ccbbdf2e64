import jax.numpy as jnp
from jax import vmap

def f(x):
    return jnp.stack([x, x ** 2, x ** 3])

xs = jnp.array([1.0, 2.0, 3.0, 4.0])
print(vmap(f)(xs))
print(vmap(f, out_axes=1)(xs))
print(vmap(f, out_axes=-1)(xs).shape)

def g(x):
    return x * 2.0, jnp.outer(x, x)

m = jnp.arange(6.0).reshape(3, 2)
a, b = vmap(g, out_axes=(0, 2))(m)
print(a)
print(b.shape)
print(b[:, :, 1])
c, d = vmap(g, in_axes=1, out_axes=(1, 0))(m)
print(c)
print(d)

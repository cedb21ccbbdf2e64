import jax.numpy as jnp
from jax import vmap

def dist(a, b):
    return jnp.sqrt(jnp.sum((a - b) ** 2))

pts = jnp.array([[0.0, 0.0], [3.0, 4.0], [1.0, 1.0], [-2.0, 0.5]])
pairwise = vmap(vmap(dist, in_axes=(None, 0)), in_axes=(0, None))(pts, pts)
print(pairwise)
outer = vmap(vmap(lambda a, b: a * b, (None, 0)), (0, None))(jnp.arange(1.0, 4.0), jnp.arange(1.0, 5.0))
print(outer)
mv = vmap(vmap(jnp.dot, (0, None)), (None, 1), out_axes=1)
A = jnp.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
B = jnp.array([[1.0, 0.0, 2.0], [0.5, -1.0, 1.0]])
print(mv(A, B))
print(A @ B)
t = vmap(vmap(vmap(lambda x: x ** 2 + 1.0)))(jnp.arange(8.0).reshape(2, 2, 2))
print(t)

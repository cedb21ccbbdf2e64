import jax.numpy as jnp
from jax import vmap, jacfwd, jacrev, grad

def f(x):
    return jnp.array([jnp.sin(x[0]) * x[1], x[0] * x[1] ** 2])

xs = jnp.array([[0.1, 1.0], [0.5, -1.0], [2.0, 0.3]])
print(vmap(jacfwd(f))(xs))
print(vmap(jacrev(f))(xs))
print(jacfwd(vmap(f))(xs).shape)
print(vmap(grad(lambda x: jnp.sum(f(x) ** 2)))(xs))

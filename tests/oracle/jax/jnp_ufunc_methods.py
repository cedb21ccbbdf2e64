# jax.numpy's ufunc methods (at needs inplace=False) and reductions with where= and initial=.
import jax.numpy as jnp
x = jnp.arange(6.0).reshape(2, 3)
print(jnp.add.reduce(x), jnp.multiply.reduce(x, axis=1), jnp.maximum.accumulate(jnp.array([1., 3., 2., 5.])))
print(jnp.multiply.outer(jnp.arange(3), jnp.arange(2)))
print(jnp.add.at(jnp.zeros(4), jnp.array([0, 0, 3]), 1.0, inplace=False))
print(jnp.sum(x, where=x > 1), jnp.mean(x, axis=1, where=x > 0), jnp.max(x, where=x < 4, initial=-1.0))
try:
    jnp.add.at(jnp.zeros(4), jnp.array([0]), 1.0)
except NotImplementedError as e:
    print("NotImplementedError")

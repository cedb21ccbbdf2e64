# jnp.full / *_like with an array fill value (broadcast) and shape= (JAX's array_creation
# examples); before, Slope took the fill array's first element and ignored shape=.
import jax
import jax.numpy as jnp

print(jnp.full((2, 3), fill_value=jnp.arange(3)))
x = jnp.arange(4)
print(jnp.zeros_like(x, shape=(2, 3)), jnp.ones_like(x, shape=(2, 3)), jnp.full_like(x, 0, shape=(2, 3)))
x = jnp.ones((2, 3), dtype=int)
print(jnp.full_like(x, fill_value=jnp.array([[1], [2]])))
print(jnp.full((2, 2), jnp.array([1.5, 2.5]), dtype=jnp.int32))
print(jax.jit(lambda v: jnp.full((2, 3), v))(jnp.array([1.0, 2.0, 3.0])))
print(jax.jit(lambda v: jnp.full_like(jnp.zeros((2, 2)), v))(jnp.float32(4.0)))
print(jax.grad(lambda v: jnp.sum(jnp.full((4, 3), v) ** 2))(jnp.array([1.0, 2.0, 3.0])))

# lax.associative_scan (JAX's parallel-prefix order, so float sums match bit for bit) and
# lax.map's batch_size, from JAX's docstring examples.
import jax
import jax.numpy as jnp
from jax import lax

print(lax.associative_scan(jnp.add, jnp.arange(0, 4)))
print(lax.associative_scan(jnp.add, jnp.arange(0, 4), reverse=True))
mats = jax.random.uniform(jax.random.key(0), (4, 2, 2))
partial_prods = lax.associative_scan(jnp.matmul, mats)
print(partial_prods.shape)
print(partial_prods)
x = jnp.arange(1.0, 24.0) * 0.1234567
print(lax.associative_scan(jnp.add, x))
print(lax.associative_scan(jnp.multiply, x[:9], reverse=True))
print(lax.associative_scan(jnp.maximum, jnp.array([[3.0, 1.0, 4.0, 1.0, 5.0], [9.0, 2.0, 6.0, 5.0, 3.0]]), axis=1))
# A pytree of elements: a running (count, sum) pair.
pair = (jnp.ones(7), jnp.arange(7.0))
print(lax.associative_scan(lambda a, b: (a[0] + b[0], a[1] + b[1]), pair))
print(jax.jit(lambda v: lax.associative_scan(jnp.add, v))(x[:6]))
print(jax.grad(lambda v: jnp.sum(lax.associative_scan(jnp.multiply, v)))(x[:5]))

f = lambda v: v * 2.5 + v.sum()
xs = jnp.arange(20.0).reshape(10, 2)
print(lax.map(f, xs, batch_size=3))
print(lax.map(f, xs, batch_size=5).shape, lax.map(f, xs, batch_size=20).shape)
print(lax.map(lambda t: (t[0] * 2, t[1] + 1), (jnp.arange(5.0), jnp.arange(5)), batch_size=2))

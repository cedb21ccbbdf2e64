# oracle: jax
import jax
key = jax.random.PRNGKey(0)
print(jax.random.bits(key, (4,)))
print(jax.random.bits(jax.random.PRNGKey(42), (2, 3)))
k1, k2 = jax.random.split(key)
print(jax.random.bits(k2, (3,)))

import jax
import jax.numpy as jnp
from jax import random

key = random.PRNGKey(42)
ks = random.split(key, 8)
print(random.bernoulli(ks[0], 0.3, (10,)))
print(random.bernoulli(ks[1], jnp.array([0.1, 0.5, 0.9, 0.99])))
print(random.categorical(ks[2], jnp.array([0.1, 2.0, -1.0, 0.5])))
print(random.categorical(ks[3], jnp.log(jnp.array([0.2, 0.3, 0.5])), shape=(12,)))
print(random.categorical(ks[4], jnp.array([[1.0, 0.0, -1.0], [0.0, 3.0, 0.0]]), axis=-1))
print(random.permutation(ks[5], 10))
print(random.permutation(ks[6], jnp.arange(12.0).reshape(4, 3)))
print(random.uniform(ks[7], (2, 2), minval=-3.0, maxval=5.0))
print(random.randint(ks[7], (6,), -1000000, 1000000))
print(random.normal(random.fold_in(key, 123), (4,)) * 2.0 + 1.0)

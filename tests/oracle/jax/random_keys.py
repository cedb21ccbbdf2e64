# jax.random numbers for keys 0-9 and shapes (), (3,), (2, 3) must equal JAX's (floats to 1e-6,
# ints exactly). Keys themselves are not printed (Slope stores the uint32 words as int32).
# rtol: 1e-5
import jax
import jax.numpy as jnp
from jax import random

for seed in range(10):
    key = random.PRNGKey(seed)
    for shape in [(), (3,), (2, 3)]:
        print(f"seed {seed} shape {len(shape)}d")
        print(random.uniform(key, shape))
        print(random.normal(key, shape))
        print(random.randint(key, shape, 0, 100))

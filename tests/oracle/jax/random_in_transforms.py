import jax
import jax.numpy as jnp
from jax import random, jit, vmap, lax

@jit
def noisy(key, x):
    return x + 0.1 * random.normal(key, x.shape)

key = random.PRNGKey(3)
print(noisy(key, jnp.arange(4.0)))
keys = random.split(key, 3)
print(vmap(lambda k: random.uniform(k, (2,)))(keys))
print(vmap(lambda k: random.normal(k))(random.split(random.PRNGKey(5), 4)))

def body(i, carry):
    k, acc = carry
    k, sub = random.split(k)
    return (k, acc + random.uniform(sub))

print(lax.fori_loop(0, 5, body, (random.PRNGKey(9), 0.0))[1])
print(jit(lambda k: random.randint(k, (5,), 0, 6))(random.fold_in(key, 2)))

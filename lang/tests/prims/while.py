# oracle: jax
import jax
import jax.numpy as jnp
from jax import lax


def doublings(x, limit):
    return lax.while_loop(lambda s: s[0] < limit, lambda s: (s[0] * 2.0, s[1] + 1), (x, 0))


print(*jax.jit(doublings)(1.0, 100.0))
print(*jax.vmap(doublings, in_axes=(0, None))(jnp.array([1.0, 30.0, 200.0]), 100.0))
print(*jax.jvp(lambda x: doublings(x, 100.0)[0], (3.0,), (1.0,)))

# oracle: jax
import jax
import jax.numpy as jnp
f = lambda x: x * jax.lax.stop_gradient(x) + jnp.sin(x)
print(f(2.0), jax.grad(f)(2.0))

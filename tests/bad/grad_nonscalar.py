# expect: TypeError
# span: jax.grad(lambda x: x * 2.0)(jnp.ones(3))
import jax
import jax.numpy as jnp

print(jax.grad(lambda x: x * 2.0)(jnp.ones(3)))

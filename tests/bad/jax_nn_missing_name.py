# expect: AttributeError
# span: y = jax.nn.rleu(x)
import jax
import jax.numpy as jnp

x = jnp.array([-1.0, 2.0])
y = jax.nn.rleu(x)

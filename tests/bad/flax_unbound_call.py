# expect: CallCompactUnboundModuleError
# span: nn.Dense(4)(x)
# A Module called outside init/apply has no variables to use.
import jax.numpy as jnp
import flax.linen as nn

x = jnp.ones((1, 3))
nn.Dense(4)(x)

# expect: ScopeParamNotFoundError
# span: model.apply({'params': {'bias': jnp.zeros(2)}}, jnp.ones((1, 3)))
# apply with params that lack the kernel: self.param may only create parameters inside init.
import jax
import jax.numpy as jnp
import flax.linen as nn

model = nn.Dense(2)
model.apply({'params': {'bias': jnp.zeros(2)}}, jnp.ones((1, 3)))

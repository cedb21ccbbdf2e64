# expect: ScopeCollectionNotFound
# span: model.apply({}, jnp.ones((1, 3)))
# apply without the parameters: self.param may only create them inside init.
import jax
import jax.numpy as jnp
import flax.linen as nn

model = nn.Dense(2)
model.apply({}, jnp.ones((1, 3)))

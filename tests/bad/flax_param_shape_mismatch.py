# expect: ScopeParamShapeError
# span: y = model.apply(variables, jnp.ones((1, 5)))
# stdout: (3, 2)
# Parameters made for 3 input features, applied to 5: Flax's shape check.
import jax
import jax.numpy as jnp
import flax.linen as nn

model = nn.Dense(2)
variables = model.init(jax.random.PRNGKey(0), jnp.ones((1, 3)))
print(variables['params']['kernel'].shape)
y = model.apply(variables, jnp.ones((1, 5)))

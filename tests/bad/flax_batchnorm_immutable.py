# expect: ModifyScopeVariableError
# span: y = m.apply(v, x)
# BatchNorm in training mode updates batch_stats: apply needs mutable=['batch_stats'].
import jax
import jax.numpy as jnp
import flax.linen as nn

m = nn.BatchNorm(use_running_average=False)
x = jnp.ones((4, 3))
v = m.init(jax.random.PRNGKey(0), x)
y = m.apply(v, x)

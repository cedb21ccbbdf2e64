# quantile/percentile method="nearest" at a tie: numpy takes the even position, JAX the lower.
import numpy as np
import jax.numpy as jnp
x = jnp.array([0, 1, 2, 3, 4, 5, 6])
q = jnp.array([25, 50, 75])
print(jnp.percentile(x, q, method='nearest'), np.percentile(np.asarray(x), np.asarray(q), method='nearest'))
x2 = np.array([1.0, 2, 3, 4])
print(np.percentile(x2, [50, 25, 75, 62.5], method='nearest'), jnp.percentile(jnp.asarray(x2), jnp.array([50, 25, 75, 62.5]), method='nearest'))

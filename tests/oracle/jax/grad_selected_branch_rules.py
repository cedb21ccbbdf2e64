# The derivatives of abs, maximum, minimum and clip equal JAX's at every point, ties and
# special values included: abs'(0) = 1 (JAX's select(x >= 0, g, -g)), and maximum/minimum share
# a tie half and half (JAX's balanced rule), so clip at a bound is 0.5.
import jax
import jax.numpy as jnp
from jax import grad, vmap, jvp

print(grad(jnp.abs)(0.0), grad(jnp.abs)(-0.0), grad(jnp.abs)(-2.0), grad(jnp.abs)(3.0))
relu = lambda x: jnp.maximum(x, 0.0)
print(grad(relu)(0.0), grad(relu)(1.0), grad(relu)(-1.0))
print(grad(lambda x, y: jnp.maximum(x, y), argnums=(0, 1))(2.0, 2.0))
print(grad(lambda x, y: jnp.maximum(x, y), argnums=(0, 1))(2.0, 3.0))
print(grad(lambda x, y: jnp.minimum(x, y), argnums=(0, 1))(1.0, 1.0))
print(grad(lambda x, y: jnp.minimum(x, y), argnums=(0, 1))(1.0, 2.0))
xs = jnp.array([-2.0, -1.0, 0.0, 1.0, 2.0])
print(vmap(grad(lambda x: jnp.clip(x, -1.0, 1.0)))(xs))
print(grad(lambda x: jnp.sum(jnp.clip(x, -1.0, 1.0) ** 2))(xs))
s = jnp.array([0.0, -0.0, 1.0, -1.0, jnp.inf, -jnp.inf, jnp.nan])
print(vmap(grad(jnp.abs))(s))
print(vmap(grad(relu))(s))
print(vmap(grad(lambda x: jnp.minimum(x, 1.0)))(s))
print(vmap(grad(lambda x: jnp.clip(x, -1.0, 1.0)))(s))
print(vmap(grad(lambda a, b: jnp.maximum(a, b), argnums=(0, 1)))(s, s[::-1]))
# Forward mode picks the selected tangent, ties averaged.
print(jvp(relu, (0.0,), (1.0,)), jvp(relu, (2.0,), (3.0,)), jvp(jnp.abs, (0.0,), (2.0,)))
print(jvp(lambda x, y: jnp.maximum(x, y), (1.0, 1.0), (2.0, 3.0)))
print(jvp(lambda x: jnp.clip(x, -1.0, 1.0), (xs,), (jnp.ones(5),)))
# Gradients through a vector maximum and a max reduction (ties shared).
print(grad(lambda x: jnp.sum(jnp.maximum(x, jnp.array([1.0, 2.0, 3.0]))))(jnp.array([1.0, 3.0, 2.0])))
print(grad(lambda x: jnp.max(x))(jnp.array([1.0, 3.0, 3.0])))
# Second order through abs and relu: zero away from the kink.
print(grad(grad(lambda x: jnp.abs(x) * x))(-2.0), grad(grad(lambda x: relu(x) ** 2))(1.5))

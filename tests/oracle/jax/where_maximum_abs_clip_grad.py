import jax.numpy as jnp
from jax import grad, vmap

# Points are chosen away from the kinks, where JAX's gradients are well defined.
relu = lambda x: jnp.maximum(x, 0.0)
print(vmap(grad(relu))(jnp.array([-2.0, -0.5, 0.5, 3.0])))
print(vmap(grad(lambda x: jnp.abs(x) ** 1.5))(jnp.array([-2.0, -0.5, 0.5, 3.0])))
print(vmap(grad(lambda x: jnp.clip(x, -1.0, 1.0) * x))(jnp.array([-2.0, -0.5, 0.5, 3.0])))
print(vmap(grad(lambda x: jnp.where(x > 1.0, x ** 2, 3.0 * x)))(jnp.array([-2.0, 0.5, 1.5, 3.0])))
print(vmap(grad(lambda x: jnp.minimum(jnp.sin(x), 0.5)))(jnp.array([0.1, 1.0, 2.0, 4.0])))
huber = lambda r: jnp.where(jnp.abs(r) < 1.0, 0.5 * r ** 2, jnp.abs(r) - 0.5)
print(grad(lambda r: jnp.sum(huber(r)))(jnp.array([-3.0, -0.5, 0.25, 2.0])))
ga, gb = grad(lambda a, b: jnp.sum(jnp.maximum(a, b) * a), argnums=(0, 1))(jnp.array([1.0, -2.0, 3.0]), jnp.array([0.5, 0.0, 4.0]))
print(ga, gb)

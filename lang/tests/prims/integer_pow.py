# oracle: jax
# `x ** n` with a Python int n is `integer_pow` (JAX's primitive): binary exponentiation by
# repeated multiplication, then the reciprocal for negative n; its derivative is JAX's rule.
import jax
import jax.numpy as jnp
x = jnp.array([-2.5, -1.0, 0.0, 0.5, 3.0])
for n in [0, 1, 2, 3, 4, 5, 7, -1, -2, -3]:
    print(n, x ** n)
print(jnp.arange(5) ** 3, (jnp.arange(5) ** 3).dtype)
print(jnp.array([0.0, -0.0, jnp.inf, -jnp.inf, jnp.nan]) ** 3)
print(jnp.array([0.0, -0.0, jnp.inf, -jnp.inf, jnp.nan]) ** -2)
print(jax.grad(lambda v: v ** 3)(2.0), jax.grad(lambda v: v ** -2)(2.0), jax.grad(lambda v: v ** 0)(2.0))
print(jax.grad(jax.grad(lambda v: v ** 4))(1.5))
print(jax.vmap(jax.grad(lambda v: v ** 5))(x))

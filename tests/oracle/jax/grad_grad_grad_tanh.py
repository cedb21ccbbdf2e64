import jax.numpy as jnp
from jax import grad, vmap

d1 = grad(jnp.tanh)
d2 = grad(grad(jnp.tanh))
d3 = grad(grad(grad(jnp.tanh)))
for x in [-1.5, -0.3, 0.0, 0.4, 1.1]:
    t = jnp.tanh(x)
    # closed forms: 1 - t^2, -2 t (1 - t^2), -2 (1 - t^2) (1 - 3 t^2)
    print(d1(x), d2(x), d3(x))
    print(1 - t ** 2, -2 * t * (1 - t ** 2), -2 * (1 - t ** 2) * (1 - 3 * t ** 2))
print(vmap(d3)(jnp.linspace(-2.0, 2.0, 5)))
print(grad(grad(grad(grad(jnp.tanh))))(0.5))

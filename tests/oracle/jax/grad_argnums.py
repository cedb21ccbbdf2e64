import jax.numpy as jnp
from jax import grad

def f(x, y, z):
    return jnp.sum(x * jnp.sin(y)) + z ** 2 * jnp.sum(x)

x = jnp.array([1.0, 2.0, 3.0])
y = jnp.array([0.5, -0.25, 1.0])
z = 1.5
print(grad(f)(x, y, z))
print(grad(f, argnums=1)(x, y, z))
print(grad(f, argnums=2)(x, y, z))
gx, gz = grad(f, argnums=(0, 2))(x, y, z)
print(gx)
print(gz)
g0, g1, g2 = grad(f, argnums=(0, 1, 2))(x, y, z)
print(g0, g1, g2)
(gy,) = grad(f, argnums=(1,))(x, y, z)
print(gy)
print(grad(lambda a, b: a * b + jnp.cos(a), argnums=-1)(0.7, 2.0))

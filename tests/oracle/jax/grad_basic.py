import jax.numpy as jnp
from jax import grad

def f(x):
    return 3.0 * x ** 3 - 2.0 * x ** 2 + x - 5.0

for x in [-2.0, -0.5, 0.0, 1.5, 3.0]:
    print(f"f({x}) = {f(x)}, f'({x}) = {grad(f)(x)}")

g = grad(lambda x: jnp.sin(x) * jnp.exp(-x / 2.0))
print(g(0.3), g(1.7), g(jnp.float32(-2.0)))

def norm2(v):
    return jnp.sqrt(jnp.sum(v * v))

v = jnp.array([3.0, -4.0, 12.0])
print(norm2(v))
print(grad(norm2)(v))
print(grad(lambda v: jnp.prod(v))(jnp.array([1.5, 2.0, -0.5, 4.0])))

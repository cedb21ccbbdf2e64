import jax.numpy as jnp
from jax import linearize, jvp

def f(x):
    return jnp.sin(x) * jnp.cos(2.0 * x) + x ** 3 / 3.0

x = jnp.array([0.1, 0.5, -0.9])
y, f_lin = linearize(f, x)
print(y)
for t in [jnp.ones(3), jnp.array([1.0, -2.0, 0.5]), jnp.array([0.0, 0.0, 3.0])]:
    print(f_lin(t))
    print(jvp(f, (x,), (t,))[1])

def g(a, b):
    return jnp.sum(a * b) + jnp.prod(a)

v, g_lin = linearize(g, jnp.array([1.0, 2.0]), jnp.array([3.0, -1.0]))
print(v, g_lin(jnp.array([1.0, 0.0]), jnp.array([0.0, 1.0])))

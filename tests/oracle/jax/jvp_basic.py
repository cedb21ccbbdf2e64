import jax.numpy as jnp
from jax import jvp

def f(x):
    return jnp.array([jnp.sin(x[0]) * x[1], x[0] ** 2 + jnp.exp(x[1]), jnp.tanh(x[0] - x[1])])

x = jnp.array([0.4, -1.2])
for t in [jnp.array([1.0, 0.0]), jnp.array([0.0, 1.0]), jnp.array([0.3, 0.7])]:
    y, dy = jvp(f, (x,), (t,))
    print(y, dy)

def g(a, b):
    return a * b + jnp.cos(a) / b

y, dy = jvp(g, (1.0, 2.0), (1.0, 0.0))
print(y, dy)
y, dy = jvp(g, (1.0, 2.0), (0.0, 1.0))
print(y, dy)
y, dy = jvp(lambda m: jnp.sum(m @ m), (jnp.array([[1.0, 2.0], [3.0, 4.0]]),), (jnp.array([[0.1, 0.0], [0.0, -0.2]]),))
print(y, dy)

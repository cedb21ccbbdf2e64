import jax.numpy as jnp
from jax import grad, lax

def f(x):
    return x ** 2 + lax.stop_gradient(x ** 3)

print(f(2.0), grad(f)(2.0))

def td_loss(w, s, s_next, r):
    v = jnp.dot(w, s)
    target = r + 0.9 * lax.stop_gradient(jnp.dot(w, s_next))
    return (target - v) ** 2

w = jnp.array([0.5, -0.2, 0.1])
s = jnp.array([1.0, 0.0, 2.0])
s2 = jnp.array([0.0, 1.0, 1.0])
print(td_loss(w, s, s2, 1.0))
print(grad(td_loss)(w, s, s2, 1.0))
print(grad(lambda x: jnp.sum(lax.stop_gradient(x) * x))(jnp.array([1.0, 2.0, 3.0])))
print(grad(grad(lambda x: x * lax.stop_gradient(x) ** 2 + x ** 3))(1.5))

import jax.numpy as jnp
from jax import value_and_grad

def f(x):
    return jnp.sum(jnp.log1p(x ** 2)) / x.shape[0]

x = jnp.array([0.5, -1.5, 2.0, 0.1])
v, g = value_and_grad(f)(x)
print(v)
print(g)

def loss(a, b, c):
    return jnp.sum((a * b - c) ** 2), a * b

(val, aux), (ga, gc) = value_and_grad(loss, argnums=(0, 2), has_aux=True)(jnp.array([1.0, 2.0]), 3.0, jnp.array([2.0, 7.0]))
print(val, aux)
print(ga, gc)
v1, g1 = value_and_grad(lambda t: t ** 0.5 + 1.0 / t)(4.0)
print(v1, g1)

import jax.numpy as jnp
from jax import grad

def loss(w, x, y):
    pred = x @ w
    err = pred - y
    l = jnp.mean(err ** 2)
    return l, {"pred": pred, "max_err": jnp.max(jnp.abs(err))}

x = jnp.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]])
y = jnp.array([1.0, 0.0, 2.0])
w = jnp.array([0.2, -0.3])
g, aux = grad(loss, has_aux=True)(w, x, y)
print(g)
print(aux["pred"])
print(aux["max_err"])

def f(a, b):
    s = a * b + jnp.tanh(a)
    return s, (s, a - b)

(ga, gb), (s, d) = grad(f, argnums=(0, 1), has_aux=True)(1.25, -0.5)
print(ga, gb, s, d)

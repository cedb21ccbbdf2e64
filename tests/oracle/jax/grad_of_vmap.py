import jax.numpy as jnp
from jax import grad, vmap, jit

def model(w, x):
    return jnp.tanh(w[0] * x + w[1]) * w[2]

xs = jnp.linspace(-2.0, 2.0, 9)
ys = jnp.sin(xs)

def loss(w):
    return jnp.mean((vmap(model, in_axes=(None, 0))(w, xs) - ys) ** 2)

w = jnp.array([0.5, 0.1, 1.5])
print(loss(w))
print(grad(loss)(w))
print(jit(grad(loss))(w))
print(jit(vmap(grad(model), in_axes=(None, 0)))(w, xs[:3]))
print(grad(lambda w: jnp.sum(vmap(grad(model, argnums=1), in_axes=(None, 0))(w, xs)))(w))

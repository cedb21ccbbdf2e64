import jax.numpy as jnp
from jax import vmap

def layer(params, x):
    return jnp.tanh(params["w"] @ x + params["b"])

params = {"w": jnp.array([[1.0, -0.5], [0.25, 2.0], [0.0, 1.0]]), "b": jnp.array([0.1, 0.0, -0.1])}
xs = jnp.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 0.0], [3.0, -2.0]])
print(vmap(layer, in_axes=(None, 0))(params, xs))

bparams = {"w": jnp.stack([params["w"], 2.0 * params["w"]]), "b": params["b"]}
print(vmap(layer, in_axes=({"w": 0, "b": None}, None))(bparams, xs[0]))

def g(pair, s):
    a, b = pair
    return a * s + b

A = jnp.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
B = jnp.array([0.5, -0.5])
print(vmap(g, in_axes=((0, None), None))((A, B), 2.0))
print(vmap(g, in_axes=((1, 0), None))((A, B), 3.0))
print(vmap(lambda d: d["x"] * d["y"][0] + d["y"][1], in_axes=({"x": 0, "y": (0, None)},))({"x": jnp.arange(3.0), "y": (jnp.arange(3.0) + 1.0, 10.0)}))

import jax.numpy as jnp
from jax import grad, vmap

def loss(params, x, y):
    pred = jnp.dot(params["w"], x) + params["b"]
    return (pred - y) ** 2

params = {"w": jnp.array([0.5, -0.25, 1.0]), "b": jnp.array(0.1)}
xs = jnp.array([[1.0, 2.0, 3.0], [0.0, -1.0, 0.5], [2.0, 2.0, -2.0], [0.3, 0.1, 0.0]])
ys = jnp.array([1.0, -1.0, 0.0, 0.5])
per_ex = vmap(grad(loss), in_axes=(None, 0, 0))(params, xs, ys)
print(per_ex["w"])
print(per_ex["b"])
batch = grad(lambda p: jnp.sum(vmap(loss, in_axes=(None, 0, 0))(p, xs, ys)))(params)
print(batch["w"], batch["b"])
print(jnp.sum(per_ex["w"], axis=0), jnp.sum(per_ex["b"]))
norms = jnp.sqrt(jnp.sum(per_ex["w"] ** 2, axis=1) + per_ex["b"] ** 2)
print(norms)

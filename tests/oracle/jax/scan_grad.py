import jax.numpy as jnp
from jax import grad, value_and_grad, lax

def rnn_loss(params, xs, target):
    def step(h, x):
        h = jnp.tanh(params["wh"] * h + params["wx"] * x + params["b"])
        return h, h
    h, hs = lax.scan(step, 0.0, xs)
    return (h - target) ** 2 + 0.1 * jnp.sum(hs ** 2)

params = {"wh": 0.5, "wx": -0.8, "b": 0.1}
xs = jnp.array([1.0, 0.5, -0.3, 0.8, 0.0, -1.0])
v, g = value_and_grad(rnn_loss)(params, xs, 0.25)
print(v)
print(g["wh"], g["wx"], g["b"])
print(grad(rnn_loss, argnums=1)(params, xs, 0.25))

def prod_scan(x):
    return lax.scan(lambda c, a: (c * a, None), 1.0, x)[0]

print(grad(prod_scan)(jnp.array([1.5, 2.0, -0.5, 3.0])))

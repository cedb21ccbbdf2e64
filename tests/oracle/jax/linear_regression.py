# rtol: 1e-4
# 100 steps of float32 gradient descent; rounding differences in the sums grow slowly.
import jax.numpy as jnp
from jax import grad, jit

x = jnp.linspace(0.0, 1.0, 20)
y = 2.5 * x - 0.7 + 0.1 * jnp.sin(17.0 * x)

def loss(w, b):
    return jnp.mean((w * x + b - y) ** 2)

dloss = jit(grad(loss, argnums=(0, 1)))
w, b = 0.0, 0.0
for i in range(100):
    gw, gb = dloss(w, b)
    w = w - 0.5 * gw
    b = b - 0.5 * gb
    if i % 25 == 0:
        print(i, loss(w, b))
print(w, b, loss(w, b))

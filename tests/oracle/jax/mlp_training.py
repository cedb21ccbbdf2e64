# rtol: 1e-4
# 60 steps of float32 SGD accumulate rounding differences (reduction order in matmuls) that
# grow to a few 1e-6 relative; 1e-4 leaves margin.
import jax
import jax.numpy as jnp
from jax import grad, jit, value_and_grad

def init(sizes):
    params = []
    for i in range(len(sizes) - 1):
        n_in, n_out = sizes[i], sizes[i + 1]
        w = jnp.cos(jnp.arange(n_in * n_out, dtype=jnp.float32).reshape(n_in, n_out) * 0.7 + i) / jnp.sqrt(n_in * 1.0)
        params.append({"w": w, "b": jnp.zeros(n_out)})
    return params

def forward(params, x):
    for layer in params[:-1]:
        x = jnp.tanh(x @ layer["w"] + layer["b"])
    last = params[-1]
    return x @ last["w"] + last["b"]

def loss(params, x, y):
    return jnp.mean((forward(params, x) - y) ** 2)

x = jnp.linspace(-1.0, 1.0, 16).reshape(16, 1)
y = jnp.sin(3.0 * x)
params = init([1, 8, 8, 1])

@jit
def step(params, x, y):
    l, g = value_and_grad(loss)(params, x, y)
    return jax.tree.map(lambda p, gp: p - 0.2 * gp, params, g), l

for i in range(60):
    params, l = step(params, x, y)
    if i % 20 == 0:
        print(f"step {i}: loss {l}")
print(loss(params, x, y))
print(forward(params, jnp.array([[0.0], [0.5]])))

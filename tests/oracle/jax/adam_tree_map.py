# rtol: 1e-4
# Adam divides by sqrt of a tiny second moment in the first steps; float32 rounding in
# rsqrt/division differs by ~1 ulp per step and compounds over 30 steps.
import jax
import jax.numpy as jnp
from jax import grad, jit

def rosen(p):
    return (1.0 - p["x"]) ** 2 + 10.0 * (p["y"] - p["x"] ** 2) ** 2

params = {"x": jnp.array(-0.5), "y": jnp.array(0.5)}
m = jax.tree.map(jnp.zeros_like, params)
v = jax.tree.map(jnp.zeros_like, params)
b1, b2, lr, eps = 0.9, 0.999, 0.05, 1e-8

@jit
def update(params, m, v, t):
    g = grad(rosen)(params)
    m = jax.tree.map(lambda m, g: b1 * m + (1 - b1) * g, m, g)
    v = jax.tree.map(lambda v, g: b2 * v + (1 - b2) * g * g, v, g)
    mh = jax.tree.map(lambda m: m / (1 - b1 ** t), m)
    vh = jax.tree.map(lambda v: v / (1 - b2 ** t), v)
    params = jax.tree.map(lambda p, a, b: p - lr * a / (jnp.sqrt(b) + eps), params, mh, vh)
    return params, m, v

for t in range(1, 31):
    params, m, v = update(params, m, v, t)
    if t % 10 == 0:
        print(t, params["x"], params["y"], rosen(params))

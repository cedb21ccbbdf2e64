# Reverse mode through lax.scan: an RNN cell (hidden 8) whose loss reads the stacked hidden
# states, differentiated with respect to a dict of parameters and the inputs.
import jax
import jax.numpy as jnp
from jax import grad, value_and_grad, lax

H, D, T = 8, 3, 12
k = jnp.arange(H * H, dtype=jnp.float32)
params = {
    "wh": (jnp.sin(k * 0.7) * 0.4).reshape(H, H),
    "wx": (jnp.cos(jnp.arange(H * D, dtype=jnp.float32) * 1.3) * 0.5).reshape(H, D),
    "b": jnp.linspace(-0.2, 0.2, H),
}
xs = jnp.sin(jnp.arange(T * D, dtype=jnp.float32) * 0.37).reshape(T, D)


def loss(p, xs):
    def cell(h, x):
        h = jnp.tanh(p["wh"] @ h + p["wx"] @ x + p["b"])
        return h, jnp.sum(h * h)
    h, energies = lax.scan(cell, jnp.zeros(H), xs)
    return jnp.sum(energies) * 0.1 + jnp.sum(h)


v, g = value_and_grad(loss)(params, xs)
print(v)
print(g["wh"])
print(g["wx"])
print(g["b"])
print(grad(loss, argnums=1)(params, xs))
print(jax.jit(grad(loss))(params, xs)["b"])
# the second derivative through scan (forward over reverse)
print(*jax.jvp(grad(lambda s: loss({"wh": params["wh"] * s, "wx": params["wx"], "b": params["b"]}, xs)), (1.0,), (1.0,)))

# A NamedTuple optimiser state (Adam) threaded through a jitted training loop, as in JAX's docs.
from typing import NamedTuple
import jax
import jax.numpy as jnp


class AdamState(NamedTuple):
    step: jnp.ndarray
    mu: dict
    nu: dict


def init(params):
    zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
    return AdamState(jnp.zeros((), jnp.int32), zeros, zeros)


def loss_fn(params, x, y):
    pred = jnp.tanh(x @ params["w"] + params["b"])
    return jnp.mean((pred - y) ** 2)


@jax.jit
def update(params, state, x, y, lr=0.05, b1=0.9, b2=0.999, eps=1e-8):
    loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
    step = state.step + 1
    mu = jax.tree_util.tree_map(lambda m, g: b1 * m + (1 - b1) * g, state.mu, grads)
    nu = jax.tree_util.tree_map(lambda v, g: b2 * v + (1 - b2) * g * g, state.nu, grads)
    t = step.astype(jnp.float32)
    mhat = jax.tree_util.tree_map(lambda m: m / (1 - b1 ** t), mu)
    vhat = jax.tree_util.tree_map(lambda v: v / (1 - b2 ** t), nu)
    params = jax.tree_util.tree_map(lambda p, m, v: p - lr * m / (jnp.sqrt(v) + eps), params, mhat, vhat)
    return params, AdamState(step, mu, nu), loss


key = jax.random.PRNGKey(0)
k1, k2, k3 = jax.random.split(key, 3)
x = jax.random.normal(k1, (32, 3))
true_w = jnp.array([[1.0], [-2.0], [0.5]])
y = jnp.tanh(x @ true_w + 0.3)
params = {"w": 0.1 * jax.random.normal(k2, (3, 1)), "b": jnp.zeros((1,))}
state = init(params)
print(type(state).__name__, state._fields, len(jax.tree_util.tree_leaves(state)))
for i in range(60):
    params, state, loss = update(params, state, x, y)
    if i % 10 == 0:
        print(i, loss)
print("step", state.step)
print("w", params["w"].ravel())
print("b", params["b"])
print(state.mu["w"].shape, state._replace(step=state.step * 0).step)

# Workload (i) of issue 17: one MLP training step (784-256-256-10, relu, softmax cross-entropy,
# value_and_grad + SGD, dict of parameters, under jax.jit) at every batch size in SIZES, in a
# loop, as a user whose batches change size would run it. Run unchanged by slope and by CPython
# with JAX (the sizes from $MLP_SIZES, comma-separated, else 1..256); prints
#   RESULT <sizes> <total s, first call at each size> <median s of a second call> <checksum>
# The first call at a new size traces and compiles for it (in JAX always; in Slope the plan, and
# the kernels its kernel cache does not hold); the second call only runs.
import os
import time
import jax
import jax.numpy as jnp

SIZES = [int(s) for s in os.environ["MLP_SIZES"].split(",")] if "MLP_SIZES" in os.environ else list(range(1, 257))

params = {
    "w1": jnp.sin(jnp.arange(784 * 256).reshape(784, 256) * 0.01) * 0.05,
    "b1": jnp.zeros(256),
    "w2": jnp.sin(jnp.arange(256 * 256).reshape(256, 256) * 0.013) * 0.08,
    "b2": jnp.zeros(256),
    "w3": jnp.sin(jnp.arange(256 * 10).reshape(256, 10) * 0.017) * 0.1,
    "b3": jnp.zeros(10),
}
X = jnp.cos(jnp.arange(256 * 784).reshape(256, 784) * 0.003)
Y = jnp.eye(10)[jnp.arange(256) % 10]


def loss(p, x, y):
    h1 = jnp.maximum(x @ p["w1"] + p["b1"], 0.0)
    h2 = jnp.maximum(h1 @ p["w2"] + p["b2"], 0.0)
    z = h2 @ p["w3"] + p["b3"]
    z = z - jnp.max(z, axis=1, keepdims=True)
    logp = z - jnp.log(jnp.sum(jnp.exp(z), axis=1, keepdims=True))
    return -jnp.mean(jnp.sum(y * logp, axis=1))


@jax.jit
def step(p, x, y):
    l, g = jax.value_and_grad(loss)(p, x, y)
    return l, {k: p[k] - 0.01 * g[k] for k in p}


batches = [(X[:n], Y[:n]) for n in SIZES]
jax.block_until_ready(batches)
total = 0.0
seconds = []
for xb, yb in batches:
    t0 = time.perf_counter()
    l, params = step(params, xb, yb)
    jax.block_until_ready(l)
    total += time.perf_counter() - t0
    t0 = time.perf_counter()
    l, params = step(params, xb, yb)
    jax.block_until_ready(l)
    seconds.append(time.perf_counter() - t0)
seconds.sort()
print("RESULT", len(SIZES), total, seconds[len(seconds) // 2], float(l))

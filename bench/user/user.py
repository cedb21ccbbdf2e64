# bench/user: workloads (a) and (e) written as a user would, run unchanged by slope and by CPython
# with JAX. Prints one line:
#   RESULT <workload> <median step s> <min step s> <max step s> <checksum>
# (a): a 4e6-element elementwise step under jax.jit in a Python loop.
# (e): the MLP 784-256-256-10 step (batch 128) with value_and_grad and a dict of parameters
#      under jax.jit, SGD update inside the step.
# Each step is timed in-process (block_until_ready), after WARM untimed steps.
import sys
import time
import jax
import jax.numpy as jnp

which = sys.argv[1]
REPS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
WARM = 3

if which == "a":
    x = jnp.linspace(-3.0, 3.0, 4000000)

    @jax.jit
    def step(x):
        return jnp.tanh(x) * 0.5 + jnp.exp(-x * x) * jnp.sin(3 * x)

    def run():
        return step(x)
else:
    params = {
        "w1": jnp.sin(jnp.arange(784 * 256).reshape(784, 256) * 0.01) * 0.05,
        "b1": jnp.zeros(256),
        "w2": jnp.sin(jnp.arange(256 * 256).reshape(256, 256) * 0.013) * 0.08,
        "b2": jnp.zeros(256),
        "w3": jnp.sin(jnp.arange(256 * 10).reshape(256, 10) * 0.017) * 0.1,
        "b3": jnp.zeros(10),
    }
    xb = jnp.cos(jnp.arange(128 * 784).reshape(128, 784) * 0.003)
    yb = jnp.eye(10)[jnp.arange(128) % 10]

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

    def run():
        global params
        l, params = step(params, xb, yb)
        return l

ts = []
for i in range(WARM + REPS):
    t0 = time.perf_counter()
    r = run()
    jax.block_until_ready(r)
    if i >= WARM:
        ts.append(time.perf_counter() - t0)
ts.sort()
print("RESULT", which, ts[len(ts) // 2], ts[0], ts[-1], float(jnp.sum(r)))

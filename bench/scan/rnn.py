# Workload (h): a 10,000-step lax.scan RNN cell (hidden 64) under jit. The same file runs under
# CPython with JAX and under slope; it prints one line:
#   RESULT <trace + compile s> <median steady call s> <IR equations> <checksum> <first call at T steps s>
# Trace + compile is the first call at 10 steps less their run; the steady calls only run. IR equations counts
# every equation of make_jaxpr's text, those of the nested scan body included.
import sys
import time
import jax
import jax.numpy as jnp
from jax import lax

H = 64
T = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
REPS = int(sys.argv[2]) if len(sys.argv) > 2 else 7

k = jnp.arange(H * H, dtype=jnp.float32)
W = (jnp.sin(k * 0.37) * 0.1).reshape(H, H)
U = (jnp.cos(k * 0.11) * 0.1).reshape(H, H)
b = jnp.linspace(-0.1, 0.1, H)
xs = jnp.sin(jnp.arange(T * H, dtype=jnp.float32) * 0.01).reshape(T, H)
h0 = jnp.zeros(H)


def rnn(W, U, b, h0, xs):
    def cell(h, x):
        h = jnp.tanh(W @ h + U @ x + b)
        return h, h[0]
    return lax.scan(cell, h0, xs)


# Trace + compile: the first call of a fresh jit on the first T_FIRST steps (the IR, and so the
# work of tracing and compiling, does not depend on the step count; the run itself is then
# T_FIRST steps, subtracted by the driver). Then the first call at T steps (a new shape: traced
# and compiled again) and the steady calls.
T_FIRST = 10
xs_first = xs[:T_FIRST]
xs_first.block_until_ready()
f = jax.jit(rnn)
t0 = time.perf_counter()
h, ys = f(W, U, b, h0, xs_first)
h.block_until_ready()
first_small = time.perf_counter() - t0
t0 = time.perf_counter()
h, ys = f(W, U, b, h0, xs)
h.block_until_ready()
first = time.perf_counter() - t0
times = []
for i in range(REPS):
    t0 = time.perf_counter()
    h, ys = f(W, U, b, h0, xs)
    h.block_until_ready()
    ys.block_until_ready()
    times.append(time.perf_counter() - t0)
times.sort()
steady = times[len(times) // 2]
text = str(jax.make_jaxpr(rnn)(W, U, b, h0, xs))
eqns = 0
for line in text.splitlines():
    # `outs = prim`, also several on one line (JAX prints short nested jaxprs inline)
    eqns += len([w for w in line.split(" = ")[:-1] if ":" in w.split(" ")[-1]])
print("RESULT", first_small - steady * T_FIRST / T, steady, eqns, float(jnp.sum(h)) + float(jnp.sum(ys)), first)

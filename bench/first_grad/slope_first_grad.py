# A fresh 20-operation function, from its definition to its first result, and (a second fresh
# definition) to the first result of its gradient.
# Runs under Slope (grad traces, transforms and runs the function) and, as written, under
# CPython with JAX (run.py times JAX's jit(grad(f)) and jit(f) separately in the same run).
import time
import jax
import jax.numpy as jnp


def make():
    def f(x):
        a = jnp.sin(x) * 2.0
        b = jnp.cos(a) + x
        c = jnp.tanh(b) * a
        d = jnp.exp(-c * c)
        e = d / (1.0 + b * b)
        g = jnp.log1p(e * e) + jnp.sqrt(1.0 + a * a)
        h = g * c - d
        return jnp.sum(h * h + e)

    return f


x = jnp.linspace(-1.0, 1.0, 1000)
float(jnp.sum(x))
t0 = time.perf_counter()
f = make()
v = float(f(x))
t1 = time.perf_counter()
g = make()
y = jax.grad(g)(x)
print(float(y[0]))
t2 = time.perf_counter()
print(f"first_ms {1000 * (t1 - t0):.3f}")
print(f"ms {1000 * (t2 - t1):.3f}")

# JAX side of bench/first_grad: define-to-first-result of jit(f) and of jit(grad(f)) for a fresh
# 20-operation function (each timed in its own fresh definition, after JAX is imported and warm).
import time
import jax
import jax.numpy as jnp

x = jnp.linspace(-1.0, 1.0, 1000)
jax.jit(lambda t: t + 1.0)(x).block_until_ready()  # warm the backend, not the function


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


t0 = time.perf_counter()
f = make()
jax.jit(f)(x).block_until_ready()
t1 = time.perf_counter()
g = make()
y = jax.jit(jax.grad(g))(x).block_until_ready()
t2 = time.perf_counter()
print(float(y[0]))
print(f"jit_ms {1000 * (t1 - t0):.3f}")
print(f"grad_ms {1000 * (t2 - t1):.3f}")

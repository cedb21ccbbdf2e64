import jax.numpy as jnp
from jax import jit, lax

def cumsum_scan(xs):
    def step(c, x):
        c = c + x
        return c, c
    return lax.scan(step, 0.0, xs)

total, running = cumsum_scan(jnp.array([1.0, 2.0, 3.0, 4.5]))
print(total, running)

def ema(xs, alpha):
    def step(m, x):
        m = alpha * m + (1.0 - alpha) * x
        return m, m
    return lax.scan(step, xs[0], xs)[1]

print(ema(jnp.array([1.0, 0.0, 2.0, 4.0, 3.0]), 0.5))
c, ys = lax.scan(lambda c, x: (c * 2.0, c + 1.0), 1.0, None, length=4)
print(c, ys)
c, ys = lax.scan(lambda c, x: (c + x["a"] * x["b"], (c, x["a"])), 0.0, {"a": jnp.arange(3.0), "b": jnp.array([2.0, 3.0, 4.0])})
print(c, ys[0], ys[1])
c, ys = lax.scan(lambda c, x: (c + x, c), 0.0, jnp.arange(4.0), reverse=True)
print(c, ys)
c, ys = jit(lambda xs: lax.scan(lambda c, r: (c + r, jnp.sum(r)), jnp.zeros(2), xs))(jnp.arange(6.0).reshape(3, 2))
print(c, ys)

# Nested control flow: scan in scan, fori_loop in scan, cond in scan, while in fori_loop, and the
# gradients of the nested scans.
import jax.numpy as jnp
from jax import grad, jit, lax


def inner(c, row):
    return lax.scan(lambda a, x: (a * 0.5 + x, a * x), c, row)


def outer(m):
    return lax.scan(inner, 0.0, m)


m = jnp.arange(12.0).reshape(3, 4) * 0.25
c, ys = outer(m)
print(c, ys)
print(grad(lambda m: outer(m)[0] + jnp.sum(outer(m)[1]))(m))


def fori_in_scan(x):
    def step(c, k):
        c = lax.fori_loop(0, 3, lambda i, v: v * jnp.cos(k) + i * 0.1, c)
        return c, c
    return lax.scan(step, x, jnp.linspace(0.0, 1.0, 4))


print(*fori_in_scan(0.5))
print(grad(lambda x: fori_in_scan(x)[0])(0.5))
print(jit(grad(lambda x: jnp.sum(fori_in_scan(x)[1])))(0.25))


def cond_in_scan(xs):
    return lax.scan(lambda c, x: (lax.cond(x > 0.0, lambda v: v + x, lambda v: v * x, c), c), 1.0, xs)


print(*cond_in_scan(jnp.array([1.0, -2.0, 0.5, -0.5])))
print(grad(lambda xs: cond_in_scan(xs)[0])(jnp.array([1.0, -2.0, 0.5, -0.5])))


def while_in_fori(n):
    return lax.fori_loop(0, 3, lambda i, acc: acc + lax.while_loop(lambda v: v < n, lambda v: v * 2.0, 1.0 + i), 0.0)


print(while_in_fori(10.0), jit(while_in_fori)(100.0))

import jax.numpy as jnp
from jax import jit, lax

def collatz_steps(n):
    def cond(s):
        return s[0] != 1
    def body(s):
        n, k = s
        return (jnp.where(n % 2 == 0, n // 2, 3 * n + 1), k + 1)
    return lax.while_loop(cond, body, (n, 0))[1]

print([int(collatz_steps(n)) for n in [1, 2, 3, 6, 7, 27]])

def bisect(f, lo, hi):
    def body(s):
        lo, hi = s
        mid = 0.5 * (lo + hi)
        left = f(mid) > 0
        return (jnp.where(left, lo, mid), jnp.where(left, mid, hi))
    return lax.while_loop(lambda s: s[1] - s[0] > 1e-4, body, (lo, hi))

lo, hi = bisect(lambda x: x ** 3 - 2.0, 0.0, 2.0)
print(lo, hi)
print(jit(lambda x: lax.while_loop(lambda v: v < 100.0, lambda v: v * 1.5, x))(1.0))

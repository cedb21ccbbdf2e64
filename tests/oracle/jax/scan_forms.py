# lax.scan's forms: xs=None with length, reverse=True, unroll= (accepted), ys as pytrees, the
# carry as a tuple, a scan of length 0, jvp through scan, and under jit.
import jax
import jax.numpy as jnp
from jax import lax, jit, jvp

c, ys = lax.scan(lambda c, _: (c * 1.5 + 1.0, c), 1.0, None, length=5)
print(c, ys)
c, ys = lax.scan(lambda c, x: (c + x, c * x), 0.0, jnp.arange(1.0, 6.0), reverse=True)
print(c, ys)
c, ys = lax.scan(lambda c, x: (c + x, c), 0.0, jnp.arange(6.0), unroll=2)
print(c, ys)


def step(carry, x):
    a, b = carry
    a2 = a * 0.9 + x["u"]
    b2 = b + a * x["v"]
    return (a2, b2), {"a": a2, "pair": (b2, x["u"] * 2.0)}


xs = {"u": jnp.linspace(0.0, 1.0, 4), "v": jnp.array([1.0, -1.0, 2.0, 0.5])}
(a, b), ys = lax.scan(step, (jnp.float32(1.0), jnp.zeros(())), xs)
print(a, b)
print(ys["a"], ys["pair"][0], ys["pair"][1])
c, ys = lax.scan(lambda c, x: (c + x, 2.0 * x), jnp.zeros(2), jnp.zeros((0, 2)))
print(c, ys.shape)
c, ys = jit(lambda xs: lax.scan(lambda c, r: (c * r, c + r), jnp.ones(3), xs))(jnp.arange(12.0).reshape(4, 3) * 0.1)
print(c, ys)


def f(x):
    return lax.scan(lambda c, a: (jnp.sin(c) * a + c, c * c), x, jnp.array([0.5, 1.5, -0.5]))


(c, ys), (tc, tys) = jvp(f, (0.3,), (1.0,))
print(c, ys, tc, tys)
y, ty = jvp(lambda x: lax.scan(lambda c, a: (c, c * a), 1.0, x)[1], (jnp.arange(3.0),), (jnp.ones(3),))
print(y, ty)

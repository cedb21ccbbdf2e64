# vmap of lax.cond (a batched predicate: every branch runs and each example takes its own), of
# lax.switch, and of lax.while_loop with a batched predicate (examples that finish early keep
# their carry while the others run on).
import jax.numpy as jnp
from jax import vmap, jit, grad, lax


def f(x, y):
    return lax.cond(x > y, lambda a, b: (a * b, a - b), lambda a, b: (a + b, jnp.sin(a)), x, y)


print(*vmap(f)(jnp.array([1.0, -1.0, 2.0, 0.0]), jnp.array([0.5, 0.5, 3.0, -1.0])))
print(*vmap(f, in_axes=(0, None))(jnp.array([1.0, -1.0, 2.0]), 0.0))
print(vmap(lambda i, x: lax.switch(i, [lambda v: v * 2.0, jnp.cos, lambda v: -v], x))(jnp.array([0, 1, 2, 5, -3]), jnp.linspace(0.0, 1.0, 5)))


def collatz(n):
    return lax.while_loop(lambda s: s[0] != 1, lambda s: (jnp.where(s[0] % 2 == 0, s[0] // 2, 3 * s[0] + 1), s[1] + 1), (n, 0))[1]


print(vmap(collatz)(jnp.array([1, 2, 3, 6, 7, 27])))
print(jit(vmap(collatz))(jnp.array([5, 9, 12])))


def newton(a):
    def body(s):
        x, k = s
        return (0.5 * (x + a / x), k + 1)
    return lax.while_loop(lambda s: jnp.abs(s[0] * s[0] - a) > 1e-5 * a, body, (a, 0))


print(*vmap(newton)(jnp.array([2.0, 9.0, 100.0, 1.0])))
# a predicate that does not depend on the batch, a batched body
print(vmap(lambda x: lax.while_loop(lambda s: s[0] < 4, lambda s: (s[0] + 1, s[1] * x), (0, 1.0))[1])(jnp.array([0.5, 2.0, -1.0])))
print(vmap(grad(lambda x: lax.cond(x > 0.0, jnp.sin, jnp.cos, x)))(jnp.array([-1.0, 0.5, 2.0])))

# while_loop and fori_loop under jit with bounds that are traced values (a While equation), and
# grad of fori_loop with static bounds (a scan, so reverse mode works).
import jax.numpy as jnp
from jax import jit, grad, jvp, lax


@jit
def power(x, n):
    return lax.fori_loop(0, n, lambda i, acc: acc * x, jnp.float32(1.0))


print(power(1.5, 4), power(2.0, 10), power(3.0, 0))


@jit
def count_until(x, limit):
    return lax.while_loop(lambda s: s[0] < limit, lambda s: (s[0] * 1.5 + 1.0, s[1] + 1), (x, 0))


print(*count_until(1.0, 100.0), *count_until(5.0, 10.0))


@jit
def triangle(n):
    return lax.fori_loop(1, n + 1, lambda i, s: s + i, 0)


print(triangle(10), triangle(100))
print(*jvp(lambda x: power(x, 5), (1.2,), (1.0,)))
print(grad(lambda x: lax.fori_loop(0, 4, lambda i, v: jnp.sin(v) * x + i, x))(0.7))
print(grad(lambda x: lax.fori_loop(2, 7, lambda i, v: v * x + i * 0.5, 1.0))(1.1))
print(jit(grad(lambda x: jnp.sum(lax.fori_loop(0, 3, lambda i, v: v * x, jnp.ones(2) * x))))(0.9))

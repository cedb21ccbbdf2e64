import jax.numpy as jnp
from jax import grad, jit, lax

def power(x, n):
    return lax.fori_loop(0, n, lambda i, acc: acc * x, 1.0)

print(power(1.5, 4), power(2.0, 10))

def fib(n):
    a, b = lax.fori_loop(0, n, lambda i, ab: (ab[1], ab[0] + ab[1]), (0.0, 1.0))
    return a

print([float(fib(n)) for n in range(10)])

def newton_sqrt(a):
    return lax.fori_loop(0, 8, lambda i, x: 0.5 * (x + a / x), a)

print(newton_sqrt(2.0), newton_sqrt(9.0), jit(newton_sqrt)(0.25))
print(grad(newton_sqrt)(2.0))
print(grad(lambda x: lax.fori_loop(0, 3, lambda i, v: jnp.sin(v) + i, x))(0.7))
v = lax.fori_loop(0, 5, lambda i, v: v.at[i].set(i * i * 1.0), jnp.zeros(5))
print(v)

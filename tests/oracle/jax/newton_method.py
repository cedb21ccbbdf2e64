import jax.numpy as jnp
from jax import grad, jacfwd

def f(x):
    return x ** 3 - 2.0 * x - 5.0

df = grad(f)
x = 2.0
for i in range(6):
    x = x - f(x) / df(x)
    print(i, x, f(x))

def F(v):
    return jnp.array([v[0] ** 2 + v[1] ** 2 - 4.0, v[0] * v[1] - 1.0])

v = jnp.array([2.0, 0.3])
for i in range(6):
    J = jacfwd(F)(v)
    r = F(v)
    det = J[0, 0] * J[1, 1] - J[0, 1] * J[1, 0]
    step = jnp.array([J[1, 1] * r[0] - J[0, 1] * r[1], J[0, 0] * r[1] - J[1, 0] * r[0]]) / det
    v = v - step
print(v, F(v))

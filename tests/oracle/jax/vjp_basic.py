import jax.numpy as jnp
from jax import vjp

def f(x, y):
    return jnp.stack([x[0] * y, jnp.sin(x[1]) + y ** 2, x[0] * x[1] * y])

x = jnp.array([1.5, -0.5])
y = 2.0
out, f_vjp = vjp(f, x, y)
print(out)
for ct in [jnp.array([1.0, 0.0, 0.0]), jnp.array([0.0, 1.0, 0.0]), jnp.array([0.5, -1.0, 2.0])]:
    gx, gy = f_vjp(ct)
    print(gx, gy)

def g(m):
    return m @ m.T, jnp.trace(m)

m = jnp.array([[1.0, 2.0], [0.5, -1.0], [3.0, 0.0]])
(mm, tr), g_vjp = vjp(g, m)
print(mm, tr)
(gm,) = g_vjp((jnp.ones((3, 3)), 2.0))
print(gm)

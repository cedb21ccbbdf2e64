import jax.numpy as jnp
from jax import jacrev, jacfwd

def f(a, b):
    return jnp.array([a[0] * b, a[1] ** 2 + b, jnp.sin(a[0] + a[1])])

a = jnp.array([0.5, -1.0])
b = 1.5
ja, jb = jacrev(f, argnums=(0, 1))(a, b)
print(ja)
print(jb)
ja2, jb2 = jacfwd(f, argnums=(0, 1))(a, b)
print(ja2)
print(jb2)
print(jacrev(f, argnums=1)(a, b))
print(jacfwd(f)(a, b))

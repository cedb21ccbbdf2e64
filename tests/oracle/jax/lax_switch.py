import jax.numpy as jnp
from jax import grad, jit, vmap, lax

branches = [lambda x: x + 1.0, lambda x: x * x, lambda x: jnp.cos(x) * 3.0]

def f(i, x):
    return lax.switch(i, branches, x)

for i in range(3):
    print(f(i, 1.5), grad(f, argnums=1)(i, 1.5))
print(f(7, 1.5))
print(f(-3, 1.5))
print(jit(f)(1, 4.0))
print(vmap(f)(jnp.array([0, 1, 2, 1]), jnp.array([1.0, 2.0, 3.0, 4.0])))
print(lax.switch(1, [lambda a, b: a + b, lambda a, b: a * b], 3.0, 4.0))

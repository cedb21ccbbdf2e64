import jax.numpy as jnp
from jax import grad, jit, lax

def mat_pow(A, n):
    return lax.fori_loop(0, n, lambda i, P: P @ A, jnp.eye(A.shape[0]))

A = jnp.array([[0.9, 0.2], [-0.1, 0.8]])
print(mat_pow(A, 5))
print(jit(mat_pow, static_argnums=1)(A, 3))
print(grad(lambda A: jnp.trace(mat_pow(A, 4)))(A))
print(grad(lambda a: jnp.sum(mat_pow(jnp.array([[a, 1.0], [0.0, a]]), 3)))(0.5))

import jax.numpy as jnp
from jax import grad, jacfwd

def logsumexp(x):
    m = jnp.max(x)
    return m + jnp.log(jnp.sum(jnp.exp(x - m)))

x = jnp.array([1.0, 2.0, 3.0, -1.0])
print(logsumexp(x))
print(grad(logsumexp)(x))
print(jnp.exp(x) / jnp.sum(jnp.exp(x)))
big = jnp.array([1000.0, 1001.0, 999.0])
print(logsumexp(big), grad(logsumexp)(big))
H = jacfwd(grad(logsumexp))(jnp.array([0.5, -0.5, 1.0]))
print(H)
print(jnp.sum(H, axis=1))

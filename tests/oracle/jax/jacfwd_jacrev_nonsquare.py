import jax.numpy as jnp
from jax import jacfwd, jacrev

def f(x):
    # R^3 -> R^2 (non-square Jacobian)
    return jnp.array([x[0] * x[1] * jnp.sin(x[2]), jnp.exp(x[0]) + x[1] ** 2 - x[2]])

x = jnp.array([0.3, -1.1, 0.8])
jf = jacfwd(f)(x)
jr = jacrev(f)(x)
print(jf)
print(jr)
print(jf.shape, jr.shape)
print(jnp.allclose(jf, jr, rtol=1e-5, atol=1e-6))

def g(v):
    # R^2 -> R^4
    return jnp.concatenate([v * 2.0, jnp.tanh(v) * v[::-1]])

v = jnp.array([0.5, -0.25])
print(jacfwd(g)(v))
print(jacrev(g)(v))
print(jnp.max(jnp.abs(jacfwd(g)(v) - jacrev(g)(v))) < 1e-6)

import jax.numpy as jnp
from jax import hessian, jacfwd, jacrev, grad

def f(v):
    x, y, z = v[0], v[1], v[2]
    return x ** 2 * y + jnp.sin(y * z) + jnp.exp(x * z) - x * y * z

v = jnp.array([0.5, -0.3, 1.2])
H = hessian(f)(v)
H2 = jacfwd(jacrev(f))(v)
H3 = jacrev(jacfwd(f))(v)
print(H)
print(H2)
print(H3)
print(jnp.allclose(H, H2, rtol=1e-5, atol=1e-6), jnp.allclose(H, H.T, rtol=1e-5, atol=1e-6))
print(grad(f)(v))

import jax.numpy as jnp
from jax import hessian, jacfwd, jacrev

def f(p):
    return jnp.sum(p["a"] ** 2 * p["b"]) + jnp.sin(p["b"])

p = {"a": jnp.array([1.0, -2.0]), "b": jnp.array(0.5)}
H = hessian(f)(p)
print(H["a"]["a"])
print(H["a"]["b"])
print(H["b"]["a"])
print(H["b"]["b"])
H2 = jacfwd(jacrev(f))(p)
print(H2["a"]["b"], H2["b"]["b"])
((hxx, hxy), (hyx, hyy)) = hessian(lambda x, y: x ** 2 * y ** 3, argnums=(0, 1))(1.5, -0.5)
print(hxx, hxy, hyx, hyy)

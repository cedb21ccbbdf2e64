import jax
import jax.numpy as jnp
from jax import jacobian, jacfwd, jacrev

def f(p):
    return p["w"] * p["b"] + jnp.sum(p["w"] ** 2)

p = {"w": jnp.array([1.0, 2.0, -1.0]), "b": jnp.array(0.5)}
J = jacobian(f)(p)
print(J["w"])
print(J["b"])
J2 = jacfwd(f)(p)
print(J2["w"])
print(J2["b"])

def g(x, y):
    return {"s": jnp.sum(x * y), "d": x - y}

J3 = jacrev(g, argnums=(0, 1))(jnp.array([1.0, 2.0]), jnp.array([3.0, 4.0]))
print(J3["s"][0], J3["s"][1])
print(J3["d"][0])
print(J3["d"][1])
print(jax.jacobian(lambda t: jnp.array([t, t ** 2, t ** 3]))(2.0))

import jax.numpy as jnp
from jax import grad, value_and_grad

def f(tree):
    a, (b, c) = tree["pair"]
    extra = tree["list"]
    return jnp.sum(a * b) + c ** 2 + jnp.sum(extra[0] * extra[1]["k"]) + (0.0 if tree["none"] is None else 1.0)

tree = {"pair": (jnp.array([1.0, 2.0]), (jnp.array([3.0, -1.0]), 0.5)), "list": [jnp.array([1.0, 1.0, 2.0]), {"k": jnp.array([0.5, 0.25, -1.0])}], "none": None}
g = grad(f)(tree)
print(g["pair"][0], g["pair"][1][0], g["pair"][1][1])
print(g["list"][0], g["list"][1]["k"])
print(g["none"] is None)
v, g2 = value_and_grad(lambda xs: sum(jnp.sum(x ** 2) for x in xs))([jnp.array(1.0), jnp.array([2.0, 3.0])])
print(v, g2[0], g2[1])

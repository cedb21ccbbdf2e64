import jax.numpy as jnp
from jax import grad, jit, vmap, lax

def f(x):
    return lax.cond(x > 0, lambda v: v ** 2, lambda v: jnp.sin(v), x)

for x in [-1.0, 0.5, 2.0]:
    print(f(x), grad(f)(x), jit(f)(x))
print(vmap(f)(jnp.array([-2.0, -0.5, 0.5, 2.0])))
print(vmap(grad(f))(jnp.array([-2.0, -0.5, 0.5, 2.0])))

def g(p, x):
    return lax.cond(p["flag"], lambda a, b: a * b, lambda a, b: a - b, x, p["w"])

print(g({"flag": True, "w": 3.0}, 2.0), g({"flag": False, "w": 3.0}, 2.0))
print(lax.cond(True, lambda: jnp.array([1.0, 2.0]), lambda: jnp.array([3.0, 4.0])))

import jax
import jax.numpy as jnp
from jax import grad, jit

@jax.custom_vjp
def affine(params, x):
    return params["w"] * x + params["b"]

def affine_fwd(params, x):
    return affine(params, x), (params, x)

def affine_bwd(res, g):
    params, x = res
    return ({"w": jnp.sum(g * x) * 0.5, "b": jnp.sum(g)}, g * params["w"])

affine.defvjp(affine_fwd, affine_bwd)

params = {"w": jnp.array(2.0), "b": jnp.array(-1.0)}
x = jnp.array([1.0, 2.0, 3.0])
print(affine(params, x))
gp, gx = grad(lambda p, x: jnp.sum(affine(p, x) ** 2), argnums=(0, 1))(params, x)
print(gp["w"], gp["b"])
print(gx)
print(jit(grad(lambda p: jnp.sum(affine(p, x))))(params)["w"])

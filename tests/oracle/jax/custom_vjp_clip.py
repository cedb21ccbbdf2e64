import jax
import jax.numpy as jnp
from jax import grad

@jax.custom_vjp
def clip_gradient(x, lo, hi):
    return x

def clip_fwd(x, lo, hi):
    return x, (lo, hi)

def clip_bwd(res, g):
    lo, hi = res
    return (jnp.clip(g, lo, hi), None, None)

clip_gradient.defvjp(clip_fwd, clip_bwd)

def f(x):
    return jnp.sum(clip_gradient(3.0 * x ** 2, -1.0, 1.0))

x = jnp.array([-2.0, 0.1, 0.05, 1.0])
print(f(x))
print(grad(f)(x))

@jax.custom_vjp
def scaled(x, s):
    return x * s

scaled.defvjp(lambda x, s: (x * s, (x, s)), lambda res, g: (g * res[1] * 10.0, g * res[0]))
ga, gb = grad(lambda a, b: scaled(a, b) ** 2, argnums=(0, 1))(2.0, 3.0)
print(ga, gb)

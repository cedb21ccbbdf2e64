import jax
import jax.numpy as jnp
from jax import grad, vmap, jit

@jax.custom_vjp
def log1pexp(x):
    return jnp.log1p(jnp.exp(x))

def log1pexp_fwd(x):
    return log1pexp(x), x

def log1pexp_bwd(x, g):
    return (g * (1.0 - 1.0 / (1.0 + jnp.exp(x))),)

log1pexp.defvjp(log1pexp_fwd, log1pexp_bwd)

print(log1pexp(3.0))
print(grad(log1pexp)(3.0))
print(grad(log1pexp)(100.0))
print(jnp.isfinite(grad(log1pexp)(100.0)))
print(vmap(grad(log1pexp))(jnp.array([-10.0, 0.0, 10.0, 100.0])))
print(jit(grad(log1pexp))(50.0))
print(grad(lambda x: jnp.sum(log1pexp(x) * 2.0))(jnp.array([0.5, 1.5])))

# oracle: jax
import jax
import jax.numpy as jnp


@jax.custom_vjp
def log1pexp(x):
    return jnp.log1p(jnp.exp(x))


def fwd(x):
    return log1pexp(x), x


def bwd(x, g):
    return (g / (1.0 + jnp.exp(-x)),)


log1pexp.defvjp(fwd, bwd)
print(log1pexp(1.0), jax.grad(log1pexp)(1.0), jax.grad(log1pexp)(100.0))
print(jax.vmap(jax.grad(log1pexp))(jnp.array([-2.0, 0.0, 3.0])))

# oracle: jax
import jax
import jax.numpy as jnp


@jax.custom_jvp
def f(x):
    return jnp.sin(x) * x


@f.defjvp
def f_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    return f(x), (jnp.cos(x) * x + jnp.sin(x)) * t


print(f(1.5), jax.grad(f)(1.5), jax.jvp(f, (0.5,), (2.0,)))

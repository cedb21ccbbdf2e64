# expect: ConcretizationTypeError
# span: return sum(v.tolist())
import jax
import jax.numpy as jnp


def f(v):
    return sum(v.tolist())


print(jax.grad(f)(jnp.arange(3.0)))

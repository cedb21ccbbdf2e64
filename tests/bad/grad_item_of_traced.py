# expect: ConcretizationTypeError
# span: loss = x.item() ** 2
# cpython: runs
# JAX 0.10 runs this and prints 0.0: `.item()` of a traced value silently drops the gradient.
# Slope refuses, as JAX does for float(x).
import jax
import jax.numpy as jnp


def f(x):
    loss = x.item() ** 2
    return jnp.asarray(loss)


print(jax.grad(f)(3.0))

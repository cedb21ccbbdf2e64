# JAX's documentation (docs/tracing.md, "Static vs traced operations"; docs/notebooks/
# Common_Gotchas_in_JAX.md): inside jit, f-strings show tracers as JAX prints them
# (JitTracer(float32[3,4]), ~ for weak types, also a tracer that escaped), numpy on static shapes
# computes values at trace time (np.prod(x.shape) as a reshape size), jnp values stay tracers.
# rtol: 1e-6
import jax
import jax.numpy as jnp
import numpy as np
from jax import jit


@jit
def f(x, y):
    print("Running f():")
    print(f"  x = {x}")
    print(f"  y = {y}")
    result = jnp.dot(x + 1, y + 1)
    print(f"  result = {result}")
    return result


x = jnp.arange(12.0).reshape(3, 4)
y = jnp.arange(4.0)
print(f(x, y))


@jit
def g(x):
    print(f"np.prod(x.shape) = {np.prod(x.shape)}")
    print(f"jnp.array(x.shape).prod() = {jnp.array(x.shape).prod()}")
    return x.reshape((np.prod(x.shape),))


print(g(x))


@jit
def h(x):
    return x.reshape((np.prod(x.shape[1:]), x.shape[0]))


print(h(jnp.ones((2, 3, 4))).shape)

saved = None


def impure_saves_global(x):
    global saved
    saved = x
    return x


print("First call: ", jit(impure_saves_global)(4.0))
print("Saved global: ", saved)
print(f"{jax.jit(lambda v: str(v))}"[:0])

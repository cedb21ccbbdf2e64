# oracle: jax
import jax
import jax.numpy as jnp
import numpy as np
from jax.experimental import io_callback


def host_square_plus_one(x):
    return (np.asarray(x) * np.asarray(x) + 1).astype(x.dtype)


@jax.jit
def f(x):
    y = jax.pure_callback(host_square_plus_one, jax.ShapeDtypeStruct(x.shape, x.dtype), x * 2)
    io_callback(lambda v: print("io sees", v), None, y, ordered=True)
    jax.debug.callback(lambda v: print("debug sees", v), y - 1)
    return y / 2


print(f(jnp.array([0.5, 1.0, -2.0])))
print(f(jnp.array([3.0])))

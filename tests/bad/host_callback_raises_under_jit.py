# expect: ValueError
# span: raise ValueError(f"no square root of {v.min()}")
# stdout: 3.0
import jax
import jax.numpy as jnp
import numpy as np


def host_sqrt(v):
    if v.min() < 0:
        raise ValueError(f"no square root of {v.min()}")
    return np.sqrt(v).astype(v.dtype)


f = jax.jit(lambda x: jax.pure_callback(host_sqrt, jax.ShapeDtypeStruct(x.shape, x.dtype), x) + 1)
print(f(jnp.float32(4.0)))
print(f(jnp.float32(-1.0)))

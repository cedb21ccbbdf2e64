# np.ndarray and jax.Array are the classes of arrays: type() of an array is the class the
# module names, so `type(x) == np.ndarray`, sets of types and isinstance work as in numpy/JAX.
import jax
import jax.numpy as jnp
import numpy as np

x = np.zeros((2, 3))
print(np.ndarray, type(x), type(x) == np.ndarray, type(x) is np.ndarray, type(x) in {np.ndarray, float})
print(np.ndarray.__name__, isinstance(x, np.ndarray), isinstance([1], np.ndarray), isinstance(x, (list, np.ndarray)))
y = jnp.ones(3)
print(isinstance(y, jax.Array), type(y) == type(jnp.zeros(2)), isinstance(y, (jax.Array, list)))
a = np.ndarray((2, 2))
print(a.shape, a.dtype, np.ndarray(3, dtype=np.int32).shape)
kinds = {np.ndarray: "array", list: "list"}
print(kinds[type(x)], kinds[type([1])])

# Results of JAX's docstring examples where Slope differed: jnp.convolve/correlate of ints are
# floats, fabs of ints is a float, broadcast_arrays/atleast_*d of several arrays give lists,
# array_equal/array_equiv give arrays.
import jax.numpy as jnp
import numpy as np

x = jnp.array([1, 2, 3, 2, 1])
y = jnp.array([4, 1, 2])
print(jnp.convolve(x, y), jnp.convolve(x, y, mode='same'), jnp.correlate(x, y), jnp.correlate(x, y, mode='full'))
print(np.convolve(np.array([1, 2, 3]), np.array([0, 1])), np.convolve([1.0, 2.0], [0.5]))
print(jnp.fabs(jnp.array([-5, 9, -1])), jnp.fabs(jnp.array([True, False])), np.fabs(np.array([-5, 9])), np.fabs(-3))
print(jnp.broadcast_arrays(jnp.arange(3), jnp.ones((2, 1))), jnp.atleast_1d(jnp.float32(1.0), jnp.arange(3)), jnp.atleast_2d(jnp.arange(2), jnp.int32(3)))
print(np.broadcast_arrays(np.arange(3), np.ones((2, 1))), np.atleast_1d(1.0, np.arange(3)))
print(jnp.array_equal(jnp.array([1, 2, 3]), jnp.array([1, 2])), jnp.array_equal(jnp.array([1, 2]), jnp.array([1, 2])))
print(jnp.array_equiv(jnp.array([1, 2, 3]), jnp.array([1, 2, 3])), jnp.array_equiv(jnp.array([[1, 2, 3], [1, 2, 3]]), jnp.array([1, 2, 3])))
print(np.array_equal([1, 2], [1, 2]), np.array_equiv([1, 2], [[1, 2]]))

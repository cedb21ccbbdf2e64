# take_along_axis out of bounds: JAX fills NaN (mode="fill", the default) or clips; numpy
# raises IndexError. Before, Slope clamped silently.
import numpy as np
import jax.numpy as jnp
x = jnp.array([[1., 2., 3.], [4., 5., 6.]])
indices = jnp.array([[1, 0, 2]])
idx2 = jnp.array([[1, 0, 3]])
print(jnp.take_along_axis(x, indices, axis=0))
print(jnp.take_along_axis(x, idx2, axis=1))
print(jnp.take_along_axis(x, jnp.array([[1, 0, -3]]), axis=0))
print(jnp.take_along_axis(x, jnp.array([[5, 0, 1]]), axis=0, mode="clip"))
print(jnp.take(x, jnp.array([0, 7]), axis=1))
print(x[:, jnp.array([0, 7])])
try:
    print(np.take_along_axis(np.asarray(x), np.array([[1, 0, 2]]), axis=0))
    print(np.take_along_axis(np.asarray(x), np.array([[1, 0, 3]]), axis=0))
except IndexError as e:
    print("IndexError", e)

# The nan-reductions' where= and initial= (JAX's docstring examples), in jax.numpy and numpy.
import numpy as np
import jax.numpy as jnp

x = jnp.array([[1, 3, jnp.nan, 2], [4, 5, jnp.nan, 0], [6, 7, 8, 9]])
where = jnp.array([[1, 0, 1, 0], [0, 0, 1, 1], [1, 1, 1, 0]], dtype=bool)
print(jnp.nanmin(x, axis=1, keepdims=True, initial=0, where=where))
print(jnp.nanmin(x, axis=0, keepdims=True, initial=0, where=where))
print(jnp.nanmax(x, axis=1, keepdims=True, initial=0, where=where))
print(jnp.nanmax(x, axis=0, keepdims=True, initial=0, where=where))
print(jnp.nansum(x, axis=1, keepdims=True, where=where), jnp.nansum(x, axis=0, keepdims=True, where=where))
print(jnp.nanmean(x, axis=1, keepdims=True, where=where), jnp.nanmean(x, axis=0, keepdims=True, where=where))
print(jnp.nanvar(x, axis=1, keepdims=True, where=where), jnp.nanstd(x, axis=0, keepdims=True, where=where))
print(jnp.nanmax(x, initial=20), jnp.nanmin(x, axis=1, initial=-1), jnp.nansum(x, initial=100))
xn = np.asarray(x)
wn = np.asarray(where)
print(np.nanmin(xn, axis=1, initial=0, where=wn), np.nanmax(xn, axis=0, initial=0, where=wn), np.nansum(xn, axis=1, where=wn))
print(np.nanmean(xn, axis=1, where=wn), np.nanvar(xn, axis=1, where=wn), np.nanstd(xn, axis=0, where=wn))
o = np.zeros(3)
np.nansum(xn, axis=1, out=o)
print(o, np.nanmax(np.array([[1, 5], [3, 2]]), axis=0, initial=4), np.nansum(np.array([1, 2, 3]), where=np.array([True, False, True])))

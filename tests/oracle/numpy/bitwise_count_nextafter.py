# np.bitwise_count (numpy 2's ufunc: bits of the absolute value, uint8 result) on every integer
# dtype including each one's extremes, and np.nextafter on float64/float32 (zeros, subnormals,
# infinities, NaN, equal arguments); jax.numpy's bitwise_count and nextafter beside them.
# compare: numbers
# rtol: 0
# atol: 0
import numpy as np
import jax.numpy as jnp

for dt in [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32]:
    info = np.iinfo(dt)
    a = np.array([0, 1, 5, info.max, info.min, info.max // 3], dtype=dt)
    r = np.bitwise_count(a)
    print(dt.__name__, r, r.dtype)
u = np.array([0, -1, 6148914691236517205, -6148914691236517206]).astype(np.uint64)
print(np.bitwise_count(u))
print(np.bitwise_count(np.array([True, False])), np.bitwise_count(7))
print(jnp.bitwise_count(jnp.array([0, 1, 7, 255, -1])), jnp.bitwise_count(jnp.array([3], dtype=jnp.uint8)).dtype)
a = np.array([1.0, 0.0, -1.0, 1.0, 0.0, -0.0, 5e-324, np.inf, 2.0, np.nan, 1.5, -np.inf])
b = np.array([2.0, -1.0, 0.0, 1.0, 1.0, -1.0, 0.0, 0.0, np.inf, 1.0, 1.5, 0.0])
print(np.nextafter(a, b).tolist())
print(np.nextafter(np.float32(1.0), np.float32(2.0)), np.nextafter(np.array([1.0, -2.0, 0.0], dtype=np.float32), np.array([0.0, -3.0, -1.0], dtype=np.float32)))
print(np.nextafter(1, 2), (np.nextafter(a[:3], 5.0) - a[:3]).tolist())
print(jnp.nextafter(jnp.array([1.0, -2.0]), jnp.array([0.0, -3.0])))

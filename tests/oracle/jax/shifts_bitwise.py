# Shifts on every int dtype, bit for bit numpy's and XLA's: counts of the bit width and more,
# negative counts and values, unsigned types, <<= and >>=, np.left_shift/right_shift,
# jnp and lax shifts (logical and arithmetic), under jit and vmap; invert and the bitwise ops.
# rtol: 0
# atol: 0
import numpy as np
import jax
import jax.numpy as jnp
from jax import lax
dts = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]
for dt in dts:
    signed = np.dtype(dt).kind == "i"
    vals = np.array([0, 1, 5, 100, -1, -1 // 3, -7, -3, 77, 128, 255], dtype=np.int64).astype(dt)
    vals[5] = vals[4] // 3
    bits = np.dtype(dt).itemsize * 8
    counts = np.array([0, 1, 3, bits - 1, bits, bits + 5, 2 * bits] + ([-1, -bits] if signed else [bits - 2, 7]), dtype=dt)
    x = vals[:, None]
    n = counts[None, :]
    print(dt.__name__, "<<", (x << n).tolist() if dt != np.uint64 else (x << n).astype(np.float64)[:, :3])
    print(dt.__name__, ">>", np.right_shift(x, n))
    print(np.left_shift(x, n)[vals.size // 2])
y = np.arange(10, dtype=np.int16)
y <<= 3
print(y)
y >>= np.int16(2)
print(y, y.dtype)
print(np.array([1, 2, 3]) << 2, 1 << np.arange(5), (np.arange(5) >> 1).dtype, np.left_shift(np.array([True, False]), np.array([True, True])))
print(np.int8(-128) >> 3, np.uint8(200) >> 3, np.array([-5], dtype=np.int64).astype(np.uint64) >> 62)
print(np.invert(np.array([0, 5, -3], dtype=np.int8)), ~np.array([0, 200], dtype=np.uint8), ~np.array([0, 5], dtype=np.uint64))
print(np.bitwise_and(np.array([12, 10], dtype=np.uint16), 6), np.bitwise_or(np.uint32(5), np.uint32(2**31)), np.bitwise_xor(np.array([-1], dtype=np.int64), 2**40))
for dt in [jnp.int8, jnp.int32, jnp.uint8, jnp.uint32]:
    a = jnp.array([1, 3, 100, 127], dtype=dt)
    c = jnp.array([0, 1, 7, 40], dtype=dt)
    print(a << c, a >> c, lax.shift_left(a, c), lax.shift_right_logical(a, c), lax.shift_right_arithmetic(a, c))
    print(jnp.left_shift(a, 2), jnp.right_shift(a, 1))
a = jnp.array([-16, -1, 5, -2**31], dtype=jnp.int32)
print(lax.shift_right_logical(a, jnp.int32(28)), lax.shift_right_arithmetic(a, jnp.int32(3)), lax.shift_right_logical(a, jnp.int32(0)))
u = jnp.array([2**31 + 8, 8, 2**32 - 1], dtype=jnp.uint32)
print(lax.shift_right_arithmetic(u, jnp.uint32(2)), lax.shift_right_logical(u, jnp.uint32(2)))
f = jax.jit(lambda x, n: (x << n) ^ (x >> 1))
print(f(jnp.arange(8, dtype=jnp.int32), jnp.arange(8, dtype=jnp.int32) * 5))
print(jax.vmap(lambda r: lax.shift_right_logical(r, jnp.int32(1)))(jnp.array([[-2, 4], [8, -8]], dtype=jnp.int32)))
print(jax.jit(lambda x: x << 3)(jnp.uint8(100)))

# jnp's int8/int16/uint8/uint16/uint32/float16 (x64 off: int64, uint64, float64 become 32-bit),
# JAX's promotion lattice, weak Python scalars and XLA's saturating float-to-int casts.
import jax.numpy as jnp
import numpy as np

for n in ["int8", "int16", "uint8", "uint16", "uint32", "uint64", "float16"]:
    a = jnp.array([1, 2, 3], dtype=n)
    print(n, a, a.dtype, a.dtype.itemsize, (a + 1).dtype, (a * 2.0).dtype, a.sum().dtype, a.mean().dtype)
u = jnp.array([250, 5], dtype=jnp.uint8)
print(u + 10, u * 3, u - 6, u + 300)
i = jnp.array([-128, 127], dtype=jnp.int8)
print(i + 1, i - 1, -i)
names = ["bool", "int8", "int16", "int32", "uint8", "uint16", "uint32", "float16", "float32"]
for a in names:
    print(a, " ".join(str((jnp.zeros(1, a) + jnp.zeros(1, b)).dtype) for b in names))
f = jnp.array([np.nan, 300.5, -1.5, 1e10, -1e10, 65535.9])
for n in ["int8", "uint8", "int16", "uint16", "int32", "uint32", "float16"]:
    print(n, f.astype(n))
h = jnp.array([0.1, 1.0, 2.5], dtype=jnp.float16)
print(h + 1, h / jnp.array([3.0, 7.0, 3.0], jnp.float16), h * 0.1, jnp.sqrt(h), h.sum())
print(jnp.arange(5, dtype=jnp.uint8), jnp.zeros(2, jnp.int16), jnp.iinfo(jnp.uint8).max, jnp.finfo(jnp.float16).eps)

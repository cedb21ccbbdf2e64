# packbits/unpackbits give uint8, as numpy and JAX (JAX's docstring examples).
import numpy as np
import jax.numpy as jnp

bits = jnp.array([0, 0, 0, 0, 0, 1, 1, 1])
print(jnp.packbits(bits), jnp.packbits(bits, bitorder="little"), jnp.packbits(jnp.array([1, 0, 1])))
vals = jnp.array([[212, 150], [69, 207]], dtype=jnp.uint8)
print(jnp.unpackbits(vals, axis=1))
print(jnp.unpackbits(jnp.uint8(27)), jnp.unpackbits(jnp.uint8(27), bitorder="little"))
v2 = jnp.array([219, 96], dtype=jnp.uint8)
print(jnp.unpackbits(v2, count=11), jnp.unpackbits(v2, count=-5))
b = np.array([[1, 0, 0, 1, 1, 0, 1, 0], [0, 0, 1, 1, 0, 0, 0, 1]], dtype=np.uint8)
print(np.packbits(b, axis=1), np.packbits(b, axis=1).dtype, np.unpackbits(np.packbits(b)).dtype)
print(np.packbits(np.array([True, False, True])), np.unpackbits(np.array([5], dtype=np.uint8)))

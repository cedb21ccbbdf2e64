# Found by the fuzzer (std/tests/fuzz.rs, fuzz_interp): the transpose of a slice that takes
# nothing (a[1:] of a one-element array) subtracted past zero and panicked.
import jax
import jax.numpy as jnp
from jax import lax

a = jnp.linspace(-1.5, 2.0, 1, dtype=jnp.float32)
print(jax.grad(lambda a: jnp.sum(a[1:]))(a))
print(jax.grad(jax.jit(lambda a: jnp.sum(a[1:]) + jnp.sum(a)))(a))
print(jax.grad(lambda a: jnp.sum(lax.slice(a, (1,), (1,))))(a))
b = jnp.arange(6.0).reshape(2, 3)
print(jax.grad(lambda b: jnp.sum(b[2:, 1:]) + jnp.sum(b[:, 3:] ** 2) + jnp.sum(b[0:0]))(b))
print(jax.jvp(lambda a: jnp.sum(a[1:]), (a,), (jnp.ones_like(a),)))

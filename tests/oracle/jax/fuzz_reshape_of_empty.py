# Found by the fuzzer (std/tests/fuzz.rs, fuzz_interp): a reshape of an empty array fused into a
# kernel (jnp.roll of a[1:] of a one-row array) divided by a zero stride and panicked.
import jax
import jax.numpy as jnp

a = jnp.linspace(-1.5, 2, 6, dtype=jnp.float32).reshape((2, 1, 3))
b = jnp.linspace(0.25, -3, 5, dtype=jnp.float32).reshape((5,))


def f(a, b):
    t0 = jnp.roll((jnp.sum(a, axis=0))[1:], 1)
    t2 = jnp.log(jnp.abs(t0) + 1.0) * (0.5 + t0)
    return jnp.sum(t2) + 0.0 * jnp.sum(a) + 0.0 * jnp.sum(b)


print(jnp.roll(b[1:], 1))
print(f(a, b))
print(jax.grad(f, argnums=(0, 1))(a, b))
print(jax.jit(jax.vmap(jax.grad(f), in_axes=(0, None)))(jnp.stack([a, a - 1.0]), b))
print(jnp.roll(jnp.zeros((0, 3)), 1).shape, jnp.zeros((2, 0)).reshape(0, 4).shape)

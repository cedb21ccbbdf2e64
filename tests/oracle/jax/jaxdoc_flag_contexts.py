# JAX's documentation (new_docs/101/arrays.md, new_docs/201/debugging.md): x.sharding, the flag
# context managers jax.debug_nans, jax.disable_jit and jax.enable_x64, jax.effects_barrier.
# words: float32 float64 FloatingPointError
import jax
import jax.numpy as jnp


x = jnp.ones(3)
print(x.sharding)
print(x.sharding.num_devices, x.sharding.is_fully_replicated, len(x.sharding.device_set))
with jax.debug_nans(True):
    try:
        jnp.log(-jnp.ones(2)) + 1.0
        print("no error")
    except FloatingPointError:
        print("FloatingPointError")
print(jnp.log(-1.0))
with jax.disable_jit():
    print(jax.jit(lambda v: v * 2)(jnp.arange(3)))
with jax.enable_x64():
    print(jnp.arange(3.0).dtype)
print(jnp.arange(3.0).dtype)
jax.effects_barrier()
with jax.enable_x64(False):
    print(jnp.arange(3.0).dtype)

# jax.random.randint, truncated_normal and jax.nn.initializers under jax_enable_x64: randint
# draws int64 from two 64-bit words (int32 and 8/16-bit dtypes from 32-bit ones), spans past
# 2**32 included; truncated_normal and the initializers draw float64 by default (float32 when
# asked) as JAX does. Integers are exact; float32 draws near zero differ by ~3e-8 (XLA fuses
# uniform's multiply-add: one float32 rounding fewer), hence the atol.
# rtol: 1e-6
# atol: 1e-6
import jax
import jax.numpy as jnp

jax.config.update("jax_enable_x64", True)
for seed in [0, 1, 42]:
    k = jax.random.PRNGKey(seed)
    a = jax.random.randint(k, (6,), 0, 100)
    print(a.dtype, a)
    print(jax.random.randint(k, (4,), -2**40, 2**40))
    print(jax.random.randint(k, (4,), -2**62, 2**62 + 12345))
    print(jax.random.randint(k, (5,), -7, 9, dtype=jnp.int32))
    print(jax.random.randint(k, (5,), 0, 256, dtype=jnp.uint8))
    print(jax.random.randint(k, (5,), -100, 100, dtype=jnp.int16))
    print(jax.random.randint(k, (5,), 3, 3), jax.random.randint(k, (3,), 10, 2))
    print(jax.random.randint(k, (2, 3), jnp.array([0, 10, 100]), jnp.array([5, 20, 1000])))
    t = jax.random.truncated_normal(k, -1.0, 2.0, (5,))
    print(t.dtype, t)
    print(jax.random.truncated_normal(k, -2.0, 2.0, (5,), dtype=jnp.float32))
    for name in ["glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_normal", "lecun_uniform"]:
        w = getattr(jax.nn.initializers, name)()(k, (3, 4))
        print(name, w.dtype, w)
    print(jax.nn.initializers.orthogonal()(k, (3, 3)))
    print(jax.nn.initializers.normal(0.5)(k, (4,)), jax.nn.initializers.uniform(2.0)(k, (4,)))
    print(jax.nn.initializers.truncated_normal(0.1)(k, (4,)))
print(jax.jit(lambda kk: jax.random.randint(kk, (3,), 0, 2**35))(jax.random.PRNGKey(3)))
print(jax.vmap(lambda kk: jax.random.randint(kk, (2,), -5, 5))(jax.random.split(jax.random.PRNGKey(9), 3)))

# jax.random under jax_enable_x64: float64 uniform and normal draw 64-bit words and XLA's
# float64 erf_inv as JAX does; an explicit float32 dtype draws JAX's float32 numbers.
# words: float32 float64
# rtol: 1e-13
# atol: 1e-15
import jax
import jax.numpy as jnp

jax.config.update("jax_enable_x64", True)
for seed in [0, 1, 42]:
    k = jax.random.PRNGKey(seed)
    a = jax.random.normal(k, (3, 4))
    print(a.dtype, a)
    u = jax.random.uniform(k, (6,), minval=-2.0, maxval=3.0)
    print(u.dtype, u)
    print(jax.random.uniform(k, (4,), dtype=jnp.float32), jax.random.normal(k, (3,), dtype=jnp.float32))
    k1, k2 = jax.random.split(k)
    print(jnp.sum(jax.random.uniform(k1, (1000,))), jnp.sum(jax.random.normal(k2, (1000,)) ** 2))
    print(jnp.max(jax.random.normal(k, (5000,))), jnp.min(jax.random.normal(k, (5000,))))
    print(jax.random.exponential(k, (3,)), jax.random.gumbel(k, (3,)))
    print(jax.random.bernoulli(k, 0.3, (8,)))
print(jax.vmap(lambda kk: jax.random.normal(kk, (2,)))(jax.random.split(jax.random.PRNGKey(7), 3)))
print(jax.jit(lambda kk: jax.random.uniform(kk, (3,)))(jax.random.PRNGKey(3)))

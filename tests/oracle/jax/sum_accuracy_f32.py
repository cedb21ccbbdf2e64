# rtol: 4e-7
# atol: 2e-7
# Long float32 sums, means and variances, eagerly and under jit, as accurate as XLA's tree-order
# reductions (a few ulps): one accumulator per lane gave 99999.99 for a million 0.1s and 0.55001354
# for a mean of 0.55s. Sums over a leading axis too (XLA reduces those in tree order as well).
import jax
import jax.numpy as jnp

n = 1_000_000
c1 = jnp.full((n,), 0.1, jnp.float32)
c55 = jnp.full((2, 512, 512), 0.55, jnp.float32)
c2 = jnp.full((1000, 1000), 0.1, jnp.float32)
print(c1.sum(), jnp.mean(c1), jnp.mean(c55), c55.sum(), jnp.sum(c55[0]), c2.sum())
print(c2.sum(axis=0)[:3], c2.sum(axis=1)[-3:], c2.mean(axis=0, keepdims=True)[0, :2], jnp.sum(c55, axis=(0, 2))[:2])

f = jax.jit(lambda x: (x.sum(), x.mean(), jnp.var(x), jnp.std(x)))
print(*f(c1))
print(*f(c55))
g = jax.jit(lambda x: (x.sum(axis=0), x.mean(axis=1), x.sum(axis=(0, 1), keepdims=True)))
s0, m1, s01 = g(c2)
print(s0[:3], m1[:3], s01)

a = jnp.arange(n, dtype=jnp.float32) * 1e-3
print(a.sum(), a.mean(), f(a)[2], jnp.var(a), jnp.std(a))

# Uniform values in [0, 1) from an integer hash (exact on both sides).
h = ((jnp.arange(n, dtype=jnp.int32) * 1103515245 + 12345) & 0x7FFFFFFF) >> 7
r = h.astype(jnp.float32) / 16777216.0
print(r.sum(), r.mean(), jnp.var(r), *f(r))
r2 = r.reshape(1000, 1000)
print(r2.sum(axis=0)[:3], r2.sum(axis=1)[:3], jnp.mean(r2, axis=0)[-2:], jnp.var(r2, axis=0)[:2])
print(jax.jit(lambda x: jnp.mean(x, axis=0))(r2)[:3], jax.jit(lambda x: (x * x).sum(axis=1))(r2)[:3])

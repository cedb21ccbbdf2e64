# rtol: 1e-5
# atol: 1e-6
# jax.numpy's forms of the numpy functions of tests/oracle/numpy/vectorize_piecewise.py and
# friends: jnp.vectorize (vmap over the broadcast axes, under jit and grad), jnp.place with
# inplace=False (under jit), jnp.piecewise, jnp.insert at several indices, cumulative_sum,
# choose, unwrap, the windows and interp(period=).
import jax
import jax.numpy as jnp

x = jnp.arange(4.0)
vf = jnp.vectorize(lambda a, b: a * b + 1)
print(vf(jnp.arange(3.0), jnp.ones((2, 1))))
print(jax.jit(jnp.vectorize(lambda a: a * 2))(x))
print(jax.grad(lambda v: jnp.vectorize(lambda a: jnp.sin(a) * a)(v).sum())(x))
print(jnp.vectorize(lambda p, t: p[0] * t + p[1], excluded={0})(jnp.array([2.0, 1.0]), x))
print(jnp.place(x, x > 1, jnp.array([7.0]), inplace=False))
print(jax.jit(lambda a: jnp.place(a, a > 0, jnp.array([5.0, 6.0]), inplace=False))(x))
try:
    jnp.place(x, x > 1, 1.0)
except ValueError as e:
    print("ValueError")
y = jnp.linspace(-2.5, 2.5, 6)
print(jnp.piecewise(y, [y < 0, y >= 0], [lambda v: -v, lambda v: v * 2]))
print(jax.jit(lambda v: jnp.piecewise(v, [v < -1, v > 1], [lambda t: t * 10, lambda t: t ** 2, 0.5]))(y))
print(jnp.insert(x, jnp.array([1, 2]), 9.0), jnp.insert(x, 2, 7.0), jnp.insert(jnp.arange(6).reshape(2, 3), jnp.array([0, 2]), -1, axis=1))
print(jnp.cumulative_sum(x, include_initial=True), jnp.cumulative_prod(x + 1))
print(jax.jit(lambda v: jnp.choose(jnp.array([0, 1, 0, 1]), [v, -v], mode="clip"))(x))
print(jnp.unwrap(jnp.array([0.0, 3.0, 6.5, 0.2])), jnp.hanning(5), jnp.kaiser(4, 2.5), jnp.bartlett(4))
print(jnp.interp(jnp.array([0.25, 1.75]), jnp.array([0.5, 1.0]), jnp.array([2.0, 4.0]), period=1.0))
print(jnp.resize(x, (2, 3)), jnp.matrix_transpose(jnp.ones((2, 3))).shape, jnp.arange(6.0).reshape(2, 3).mT)
print(jnp.trim_zeros(jnp.array([0.0, 1.0, 2.0, 0.0])), jnp.compress(jnp.array([True, False, True]), jnp.arange(3)), jnp.extract(x > 1, x))
m = jnp.array([[jnp.nan, 4.0], [2.0, 3.0]])
print(jnp.nanargmin(m, axis=1), jnp.nanargmax(m), jnp.nanprod(m, axis=0), jnp.nancumsum(m, axis=1), jnp.nanmedian(m, axis=0), jnp.nanquantile(m, 0.25))
print(jnp.fill_diagonal(jnp.zeros((3, 3)), 2.0, inplace=False), jnp.tril_indices(3), jnp.diag_indices(2))

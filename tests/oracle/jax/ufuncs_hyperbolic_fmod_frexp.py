# jax.numpy's arcsinh/arccosh/arctanh, fmod, modf, frexp, ldexp, gcd/lcm, float_power, spacing,
# vecdot/matvec/vecmat, and the gradients of the inverse hyperbolic functions (also through
# jit and vmap): the derivatives JAX gives, 1/sqrt(1+x^2), 1/sqrt(x^2-1), 1/(1-x^2).
import jax
import jax.numpy as jnp

x = jnp.array([-30.0, -2.0, -0.5, 0.0, 0.1, 3.0, 500.0])
print(jnp.arcsinh(x), jnp.arccosh(jnp.array([1.0, 1.5, 10.0, 0.5])), jnp.arctanh(jnp.array([-0.9, 0.0, 0.4, 1.0, 2.0])))
print(jnp.asinh(1.0), jnp.acosh(3.0), jnp.atanh(0.5))
print(jax.grad(jnp.arcsinh)(0.7), jax.grad(jnp.arccosh)(2.5), jax.grad(jnp.arctanh)(0.3))
print(jax.vmap(jax.grad(jnp.arcsinh))(x))
print(jax.jit(jax.vmap(jax.grad(lambda t: jnp.arctanh(t) * jnp.arccosh(t + 2.0))))(jnp.array([-0.5, 0.0, 0.25])))
print(jax.grad(jnp.arcsinh)(0.0), jax.grad(jnp.arctanh)(0.0))
print(jnp.fmod(jnp.array([-3, -2, -1, 1, 2, 3]), 2), jnp.fmod(jnp.array([-5.5, 5.5, 7.0]), jnp.array([2.0, -2.0, 3.5])))
f, i = jnp.modf(jnp.array([0.0, 3.5, -0.5, -3.0]))
print(f, i)
m, e = jnp.frexp(jnp.array([0.0, 1.0, 3.0, 0.75, -8.0, 0.1]))
print(m, e, e.dtype, jnp.ldexp(m, e))
print(jnp.gcd(12, 20), jnp.gcd(jnp.arange(6), 20), jnp.lcm(jnp.arange(6), 20))
print(jnp.float_power(jnp.arange(4), 2), jnp.float_power(jnp.arange(4), 2).dtype)
print(jnp.spacing(jnp.array([1.0, -1.0, 100.0])))
print(jnp.vecdot(jnp.array([[0.0, 5.0, 0.0], [0.0, 0.0, 10.0]]), jnp.array([0.0, 0.6, 0.8])))
print(jnp.matvec(jnp.ones((2, 3, 4)), jnp.arange(4.0)), jnp.vecmat(jnp.arange(3.0), jnp.ones((3, 2))))
print(jnp.positive(jnp.array([-1, 2])), jnp.conj(jnp.array([1.0, -2.0])))

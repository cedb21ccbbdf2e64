# Gradients are plain IEEE arithmetic, as JAX's: an infinite loss gets NaN or infinite
# gradients, never silent zeros. Only the branch a select/where/maximum/clip did not take is
# masked (std/tests/session.rs checks that departure against finite differences); here nothing
# is selected.
import jax
import jax.numpy as jnp
from jax import grad, vmap

# log-sum-exp without the max trick overflows: exp(1000) = inf, so the gradient is [nan, 0].
lse = lambda x: jnp.log(jnp.sum(jnp.exp(x)))
print(lse(jnp.array([1000.0, 0.0])), grad(lse)(jnp.array([1000.0, 0.0])))
print(grad(lse)(jnp.array([1.0, 0.0])))
# 0 * log(x) and x * log(x) at 0: 0 * inf and 0 / 0 are NaN.
print(grad(lambda x: 0.0 * jnp.log(x))(0.0), grad(lambda x: x * jnp.log(x))(0.0))
print(grad(lambda x: x * jnp.log(x))(1.0))
# log(1 + exp(x)) at 100: exp overflows float32, the gradient inf / inf is NaN.
log1pexp = lambda x: jnp.log(1.0 + jnp.exp(x))
print(log1pexp(100.0), grad(log1pexp)(100.0), grad(log1pexp)(3.0))
# Special values through single primitives, elementwise.
s = jnp.array([0.0, -0.0, 1.0, -1.0, jnp.inf, -jnp.inf, jnp.nan])
for f in [jnp.exp, jnp.log, jnp.sqrt, jnp.sin, jnp.tanh, jnp.log1p, jnp.arctan, lambda v: v * v, lambda v: 1.0 / v, lambda v: v ** 3, lambda v: v ** -1]:
    print(vmap(grad(f))(s))
print(vmap(grad(lambda a, b: a * b, argnums=(0, 1)))(s, s[::-1]))
print(vmap(grad(lambda a, b: a / b, argnums=(0, 1)))(s, s[::-1]))
# A second derivative that meets inf: d²/dx² sqrt at 0.
print(grad(grad(jnp.sqrt))(0.0), grad(grad(jnp.sqrt))(4.0))
# Rules that meet rounding differences (XLA fuses 1 ± x² into a multiply-add; tanh and tan are
# polynomials on both sides): equal within float32 rounding.
for x in [0.3, -0.7, 1.9, 0.05]:
    print(grad(jnp.arcsin)(x / 2.0), grad(jnp.arccos)(x / 2.0), grad(jnp.arctan)(x), grad(jnp.tanh)(x), grad(jnp.tan)(x / 2.0))

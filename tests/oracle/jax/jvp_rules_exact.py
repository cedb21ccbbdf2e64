# rtol: 0
# atol: 0
# Each derivative rule is JAX's, operation for operation, so where the rule uses only +, -, *,
# /, sqrt and integer powers (all correctly rounded) the float32 results are JAX's bit for bit:
# this program is compared exactly. (Not here: rules with 1 ± x², which XLA contracts into a
# fused multiply-add, e.g. arctan's and arcsin's; grad_nonfinite_ieee.py compares those.)
import jax
import jax.numpy as jnp
from jax import grad, jvp

pts = [0.3, -0.7, 1.9, 0.05]
for x in pts:
    print(grad(jnp.sqrt)(abs(x)), grad(jnp.log1p)(x), grad(jnp.log)(abs(x)), grad(lambda v: jnp.sqrt(v) * v)(abs(x)))
    print(grad(lambda v: v ** 3)(x), grad(lambda v: v ** 2)(x), grad(lambda v: v ** -3)(x), grad(lambda v: v ** 0.5)(abs(x)))
    print(grad(lambda a, b: a / b, argnums=(0, 1))(x, 1.3), grad(lambda a, b: jnp.arctan2(a, b), argnums=(0, 1))(x, -1.3))
    print(jvp(lambda v: v ** 5, (x,), (0.7,)), jvp(lambda v: 1.0 / v, (x,), (0.7,)))
    print(grad(grad(lambda v: v ** 4))(x), grad(grad(jnp.sqrt))(abs(x)))

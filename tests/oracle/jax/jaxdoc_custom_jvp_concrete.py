# JAX's documentation (docs/new_docs/301/custom-jvp-vjp.md; Custom_derivative_rules cell 50): a
# custom_jvp function and its rule branch in Python on a primal's value; under grad and jvp the
# rule sees the value (its trace is specialised to it), under jit both raise
# TracerBoolConversionError.
# rtol: 1e-6
import jax
import jax.numpy as jnp
from jax import custom_jvp, grad, jit, vmap

@custom_jvp
def f(x):
  if x > 0:
    return jnp.sin(x)
  else:
    return jnp.cos(x)

@f.defjvp
def f_jvp(primals, tangents):
  x, = primals
  x_dot, = tangents
  ans = f(x)
  if x > 0:
    return ans, 2 * x_dot
  else:
    return ans, 3 * x_dot

print(grad(f)(1.))
print(grad(f)(-1.))
print(grad(f)(2.), grad(f)(-2.), grad(f)(2.))
print(jax.jvp(f, (1.5,), (1.0,)))
print(jax.jvp(f, (-1.5,), (1.0,)))
print(grad(lambda x: f(x) * x)(0.5))
try:
    jit(grad(f))(1.)
except Exception as e:
    print(type(e).__name__)

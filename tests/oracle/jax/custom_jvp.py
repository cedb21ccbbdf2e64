import jax
import jax.numpy as jnp
from jax import grad, jvp, vmap

@jax.custom_jvp
def safe_log1pexp(x):
    return jnp.log1p(jnp.exp(x))

@safe_log1pexp.defjvp
def safe_log1pexp_jvp(primals, tangents):
    (x,) = primals
    (t,) = tangents
    y = safe_log1pexp(x)
    return y, t * (1.0 - 1.0 / (1.0 + jnp.exp(x)))

print(safe_log1pexp(2.0))
print(grad(safe_log1pexp)(2.0), grad(safe_log1pexp)(100.0))
y, t = jvp(safe_log1pexp, (1.0,), (2.0,))
print(y, t)
print(vmap(grad(safe_log1pexp))(jnp.array([-3.0, 0.0, 3.0])))

@jax.custom_jvp
def f(x, y):
    return jnp.sin(x) * y

def f_jvp(primals, tangents):
    x, y = primals
    tx, ty = tangents
    return f(x, y), jnp.cos(x) * tx * y + jnp.sin(x) * ty

f.defjvp(f_jvp)
print(f(1.0, 2.0))
print(grad(f)(1.0, 2.0), grad(f, argnums=1)(1.0, 2.0))
y, t = jvp(f, (1.0, 2.0), (0.5, -1.0))
print(y, t)

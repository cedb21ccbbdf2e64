# custom_jvp.defjvps (one rule per argument) and nondiff_argnums on custom_jvp and custom_vjp,
# as JAX's custom-derivatives tutorial uses them.
import jax, jax.numpy as jnp
from functools import partial

@jax.custom_jvp
def f(x, y):
    return jnp.sin(x) * y

f.defjvps(lambda x_dot, primal_out, x, y: jnp.cos(x) * x_dot * y,
          lambda y_dot, primal_out, x, y: jnp.sin(x) * y_dot)
print(f(2.0, 3.0), jax.grad(f)(2.0, 3.0), jax.grad(f, 1)(2.0, 3.0), jax.jvp(f, (2.0, 3.0), (1.0, 0.5)))

@jax.custom_jvp
def g(x):
    return jnp.exp(x)
g.defjvps(lambda t, ans, x: ans * t)
print(jax.grad(g)(1.0))

@partial(jax.custom_vjp, nondiff_argnums=(0,))
def app(f, x):
    return f(x)

def app_fwd(f, x):
    return f(x), x

def app_bwd(f, x, g):
    return (5.0 * g * x,)

app.defvjp(app_fwd, app_bwd)
print(app(jnp.sin, 1.0), jax.grad(lambda x: app(jnp.sin, x))(2.0))

@partial(jax.custom_jvp, nondiff_argnums=(1,))
def powk(x, k):
    return x ** k

@powk.defjvp
def powk_jvp(k, primals, tangents):
    (x,), (t,) = primals, tangents
    return x ** k, 10.0 * k * t

print(powk(2.0, 3), jax.grad(powk)(2.0, 3))

@jax.custom_vjp
def clip_gradient(lo, hi, x):
    return x

def clip_gradient_fwd(lo, hi, x):
    return x, (lo, hi)

def clip_gradient_bwd(res, g):
    lo, hi = res
    return (None, None, jnp.clip(g, lo, hi))

clip_gradient.defvjp(clip_gradient_fwd, clip_gradient_bwd)
print(jax.grad(lambda x: clip_gradient(-0.75, 0.75, x) * 3.0)(1.0))

# JAX's documentation (docs/external-callbacks.md): jax.pure_callback on numpy code under jit,
# vmap, lax.scan and a pytree of results; ShapeDtypeStruct; a callback inside custom_jvp under
# grad, jit(grad), hessian and vmap(grad); pure_callback under plain grad is JAX's ValueError;
# jax.debug.callback under jit, vmap and grad; jax.experimental.io_callback under jit.
# rtol: 1e-6
import jax
import jax.numpy as jnp
import numpy as np
from jax import debug
from jax.experimental import io_callback


def f_host(x):
    return np.sin(x).astype(x.dtype)


def f(x):
    result_shape = jax.ShapeDtypeStruct(x.shape, x.dtype)
    return jax.pure_callback(f_host, result_shape, x, vmap_method="sequential")


x = jnp.arange(5.0)
print(f(x))
print(jax.jit(f)(x))
print(jax.vmap(f)(x))
print(jax.lax.scan(lambda c, xi: (c + f(xi), f(xi) * 2), 0.0, x))
print(jax.ShapeDtypeStruct((2, 3), jnp.float32))
s = jax.ShapeDtypeStruct.like(jnp.ones((4,), jnp.int32))
print(s.shape, s.ndim, s.size, s.dtype)

# A callback returning a pytree, and one taking two arguments.
def stats(a, b):
    return {"mean": np.mean(a * b).astype(np.float32), "max": np.max(a + b).astype(np.float32)}

spec = {"mean": jax.ShapeDtypeStruct((), jnp.float32), "max": jax.ShapeDtypeStruct((), jnp.float32)}
print(jax.jit(lambda a, b: jax.pure_callback(stats, spec, a, b))(x, x + 1))

try:
    jax.grad(lambda v: f(v).sum())(x)
except ValueError as e:
    print("ValueError", "JVP" in str(e))


# A callback inside custom_jvp: grad, jit of grad and the Hessian work.
@jax.custom_jvp
def csin(x):
    return jax.pure_callback(f_host, jax.ShapeDtypeStruct(jnp.shape(x), jnp.result_type(x)), x, vmap_method="sequential")


@csin.defjvp
def csin_jvp(primals, tangents):
    (x,), (x_dot,) = primals, tangents
    return csin(x), jnp.cos(x) * x_dot


print(csin(2.0))
print(jax.grad(csin)(2.0))
print(jax.jit(jax.grad(csin))(2.0))
print(jax.hessian(csin)(2.0))
print(jax.vmap(jax.grad(csin))(x))


def log_value(v):
    print("log:", v)


@jax.jit
def g(v):
    debug.callback(log_value, v)
    return v * 2


print(g(1.0))
jax.vmap(g)(jnp.arange(3.0))
print(jax.grad(g)(1.0))

calls = []


@jax.jit
def h(v):
    return io_callback(lambda a: (calls.append(1), np.asarray(a) * 3)[1], jax.ShapeDtypeStruct(v.shape, v.dtype), v)


print(h(jnp.arange(3.0)), len(calls))
jax.effects_barrier()

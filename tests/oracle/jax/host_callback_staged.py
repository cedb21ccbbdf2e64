# Host callbacks staged as primitives (Slope's Prim::HostCall, JAX's pure_callback_p): under jit
# the callback runs once per call of the compiled function (a counter shows it); under vmap
# with each vmap_method it sees JAX's shapes; custom_jvp around a pure_callback under grad,
# jit(grad) and vmap(grad); a pure_callback inside lax.scan, fori_loop and while_loop bodies
# and a vmapped cond under jit, one that is dead code, and one that calls a jitted function
# holding another;
# io_callback ordered (runs in program order, kept when its result is unused);
# jax.debug.callback under jit; JAX's errors for grad through a bare pure_callback or an
# io_callback, and for vmap of an ordered io_callback; the primitive's name in make_jaxpr.
# rtol: 1e-6
import jax
import jax.numpy as jnp
import numpy as np
from jax.experimental import io_callback

calls = [0]


def host_affine(x):
    calls[0] += 1
    return (np.asarray(x) * 2 + 1).astype(x.dtype)


def affine(x):
    return jax.pure_callback(host_affine, jax.ShapeDtypeStruct(x.shape, x.dtype), x, vmap_method="sequential")


f = jax.jit(lambda x: affine(x) * 3)
x = jnp.arange(4.0)
print(f(x))
print(f(x + 1))
print(f(x + 2))
print("calls under jit:", calls[0])
print("primitive in jaxpr:", "pure_callback" in str(jax.make_jaxpr(f)(x)))
# A pure_callback whose result is unused is dead code (JAX removes it): no call.
calls[0] = 0
print(jax.jit(lambda v: (affine(v), v + 1)[1])(x), "calls of an unused pure_callback:", calls[0])

# vmap: the shapes the callback sees for each vmap_method, and the results.
seen = []


def host_add(a, b):
    seen.append((tuple(a.shape), tuple(b.shape)))
    return (np.asarray(a) + np.asarray(b)).astype(np.float32)


for method in ["sequential", "expand_dims", "broadcast_all"]:
    seen.clear()
    g = lambda a, b: jax.pure_callback(host_add, jax.ShapeDtypeStruct(a.shape, a.dtype), a, b, vmap_method=method)
    out = jax.vmap(g, in_axes=(0, None))(jnp.ones((3, 2)), jnp.arange(2.0))
    print(method, out, seen)
    seen.clear()
    out = jax.jit(jax.vmap(g))(jnp.ones((3, 2)), jnp.ones((3, 2)) * 5)
    print(method, "jit", out, seen)


# custom_jvp around a pure_callback: the rule gives the derivative.
@jax.custom_jvp
def cube(x):
    return jax.pure_callback(lambda v: (np.asarray(v) ** 3).astype(v.dtype), jax.ShapeDtypeStruct(x.shape, x.dtype), x, vmap_method="expand_dims")


@cube.defjvp
def cube_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    return cube(x), 3 * x * x * t


y = jnp.array([1.0, 2.0, -0.5])
print(jax.grad(lambda v: cube(v).sum())(y))
print(jax.jit(jax.grad(lambda v: cube(v).sum()))(y))
print(jax.vmap(jax.grad(lambda v: cube(v).sum()))(jnp.stack([y, y * 2])))
print(jax.vmap(cube)(jnp.stack([y, y + 1])))

# Inside loop bodies under jit: one call per step.
calls[0] = 0
print(jax.jit(lambda xs: jax.lax.scan(lambda c, xi: (c + affine(xi), affine(xi) - c), 0.0, xs))(jnp.arange(5.0)))
print("calls in scan:", calls[0])
calls[0] = 0
print(jax.jit(lambda v: jax.lax.fori_loop(0, 4, lambda i, c: affine(c) / 2, v))(jnp.float32(1.0)))
print("calls in fori_loop:", calls[0])

# io_callback, ordered: runs in program order, also when its result is unused.
log = []


def record(v):
    log.append(float(v))
    return np.float32(v * 10)


def note(v):
    log.append(-float(v))


@jax.jit
def h(v):
    a = io_callback(record, jax.ShapeDtypeStruct((), jnp.float32), v, ordered=True)
    io_callback(note, None, v + 1, ordered=True)
    io_callback(record, jax.ShapeDtypeStruct((), jnp.float32), v + 2, ordered=True)
    return a + 1


print(h(jnp.float32(1.0)), log)
print(h(jnp.float32(5.0)), log)


# jax.debug.callback under jit: runs when the function runs, every call.
def show(v):
    print("debug callback sees", v)


@jax.jit
def k(v):
    jax.debug.callback(show, v * 2)
    return v + 1


print(k(jnp.arange(3.0)))
print(k(jnp.ones(3)))

# JAX's errors.
try:
    jax.grad(lambda v: affine(v).sum())(x)
except ValueError as e:
    print("ValueError:", e)
try:
    jax.grad(lambda v: io_callback(record, jax.ShapeDtypeStruct((), jnp.float32), v))(1.0)
except ValueError as e:
    print("ValueError:", e)
try:
    jax.vmap(lambda v: io_callback(record, jax.ShapeDtypeStruct((), jnp.float32), v, ordered=True))(jnp.ones(2))
except ValueError as e:
    print("ValueError:", e)

# A while_loop body (traced bounds) and a cond inside vmap (both branches run: 4 calls), and a
# callback that itself calls a jitted function holding a callback.
calls[0] = 0


def step(c):
    i, v = c
    return i + 1, affine(v) / 4


r = jax.jit(lambda n, v: jax.lax.while_loop(lambda c: c[0] < n, step, (0, v)))(5, jnp.float32(10.0))
print(r[1], "calls in while_loop:", calls[0])
calls[0] = 0
print(jax.jit(jax.vmap(lambda v: jax.lax.cond(v > 1, affine, lambda u: u * 0, v)))(jnp.arange(4.0)), "calls in vmap of cond:", calls[0])
inner = jax.jit(lambda v: affine(v) * 4)
calls[0] = 0
print(jax.jit(lambda v: jax.pure_callback(lambda u: np.asarray(inner(jnp.asarray(u))) + 1, jax.ShapeDtypeStruct(v.shape, v.dtype), v * 2))(x), "nested calls:", calls[0])

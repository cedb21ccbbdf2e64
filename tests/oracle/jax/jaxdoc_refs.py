# JAX's documentation (new_docs/101/state.md, new_docs/201/jit.md): jax.new_ref, reading and writing
# refs by every kind of index, jax.freeze, refs inside grad and jit, a jitted function writing a
# ref made outside it and one taking a ref argument, a shape mismatch's ValueError, math on a
# ref's TypeError; jnp.array(True)'s and a weak scalar's repr.
# rtol: 1e-6
# words: float32 bool
import jax
import jax.numpy as jnp

x_ref = jax.new_ref(jnp.zeros(3))


@jax.jit
def f():
    x_ref[1] += 1.0


print(x_ref)
f()
f()
print(x_ref)
print(x_ref.shape, x_ref.dtype, x_ref.ndim, type(x_ref).__name__, len(x_ref))


def g(x):
    r = jax.new_ref(0.0)
    r[...] = jnp.sin(x)
    return r[...]


print(jax.grad(g)(1.0))
print(jax.jit(g)(1.0))

y_ref = jax.new_ref(jnp.arange(12.0).reshape(3, 4))
row = y_ref[0]
y_ref[1] = row
val = y_ref[1, 2]
y_ref[2, 3] = val
col = y_ref[:, 1]
y_ref[0, :3] = col
vals = y_ref[jnp.array([0, 0, 1]), jnp.array([1, 2, 3])]
y_ref[jnp.array([1, 2, 1]), jnp.array([0, 0, 1])] = vals
print(jax.freeze(y_ref))


def normalize(x):
    acc = jax.new_ref(0.0)
    acc[...] = jnp.sum(x)
    return x / acc[...]


print(jax.grad(lambda x: normalize(x).sum())(jnp.arange(1.0, 4.0)))


@jax.jit
def sin_inplace(r):
    r[...] = jnp.sin(r[...])


z_ref = jax.new_ref(jnp.arange(3.0))
sin_inplace(z_ref)
print(z_ref)
print(isinstance(z_ref, jax.Ref))
s = jax.new_ref(1.0)
print(s)
try:
    s[...] = jnp.ones(2)
except ValueError as e:
    print("ValueError")
try:
    jnp.sin(s)
except TypeError as e:
    print("TypeError")
print(repr(jnp.array(True)), repr(jnp.asarray(2.0)), (jnp.asarray(1.0) * jnp.ones(2, jnp.float16)).dtype)

# vmap (new_docs/101/state.md): a mapped ref argument gives each example its row; a ref made
# outside and written with a mapped value is JAX's error.
def scale_into(x, out_ref):
    out_ref[...] = 2.0 * x


out_ref = jax.new_ref(jnp.zeros(3))
jax.vmap(scale_into)(jnp.arange(3.0), out_ref)
print(out_ref[...])
shared = jax.new_ref(0.0)


def write_shared(x):
    shared[...] = x


try:
    jax.vmap(write_shared)(jnp.arange(3.0))
    print("no error")
except Exception as e:
    print("Exception", "unbatched" in str(e))

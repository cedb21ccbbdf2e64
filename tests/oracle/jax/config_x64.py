# jax.config.update("jax_enable_x64", ...): 64-bit defaults under jax.numpy, weak-type
# promotion with x64, jit/grad under x64, and back to 32 bits when disabled.
# words: float16 float32 float64 int8 int16 int32 int64 uint8 uint32 uint64 bool
# rtol: 1e-12
import jax
import jax.numpy as jnp

print(jax.config.x64_enabled, jax.config.read("jax_enable_x64"), jax.config.jax_enable_x64)
print(jnp.array(1.0).dtype, jnp.arange(3).dtype, jnp.zeros(2).dtype)
jax.config.update("jax_enable_x64", True)
print(jax.config.x64_enabled, jax.config.read("jax_enable_x64"))
print(jnp.array(1.0).dtype, jnp.array([1, 2]).dtype, jnp.arange(3).dtype, jnp.arange(0.0, 1.0, 0.25).dtype)
print(jnp.zeros(3).dtype, jnp.ones((2, 2)).dtype, jnp.full((2,), 3).dtype, jnp.full((2,), 3.5).dtype)
print(jnp.linspace(0, 1, 5).dtype, jnp.eye(2).dtype, jnp.asarray([1], dtype=float).dtype, jnp.asarray([1], dtype=int).dtype)
print(jnp.array(1.0) / 3)
print(jnp.float32(1) / 3, (jnp.float32(1) / 3).dtype)
print((jnp.int32(1) + 1.0).dtype, (jnp.int32(1) + 1).dtype, (jnp.float32(1) + 1.0).dtype, (jnp.int8(1) + 1).dtype)
print(jnp.promote_types(jnp.int64, jnp.uint64), jnp.promote_types(jnp.int32, jnp.uint32), jnp.promote_types(jnp.uint8, jnp.int8))
print(jnp.promote_types(jnp.float32, jnp.int64), jnp.promote_types(jnp.uint64, jnp.uint32))
x = jnp.arange(5)
print(x.dtype, x.sum().dtype, x.mean().dtype, (x / 2).dtype, jnp.sqrt(x).dtype, jnp.argmax(x).dtype)
print(jnp.array([2**40, 3]) * 3, jnp.array(2**40).dtype)
print(jnp.pi * jnp.array(1.0), jnp.exp(jnp.array(1.0)), jnp.sin(jnp.array(0.1)))
print(jnp.sum(jnp.arange(1, 101) ** 2.0) / 7)
f = jax.jit(lambda a: a * 0.1 + jnp.ones(a.shape))
print(f(jnp.arange(3)), f(jnp.arange(3)).dtype)
g = jax.grad(lambda w: jnp.sum(jnp.tanh(w * 0.3) ** 2))
print(g(jnp.array([0.5, 1.5, -2.0])), g(jnp.array([0.5, 1.5, -2.0])).dtype)
print(jax.vmap(lambda r: jnp.dot(r, r))(jnp.arange(6.0).reshape(2, 3)))
print(jnp.finfo(jnp.float64).eps, jnp.iinfo(jnp.int64).max)
print(jnp.array(1e-300) * 1e-5, jnp.array(1e300) * 10)
jax.config.update("jax_enable_x64", False)
print(jax.config.x64_enabled)
print(jnp.array(1.0).dtype, jnp.arange(3).dtype, f(jnp.arange(3)).dtype, g(jnp.array([0.5])).dtype)
print((jnp.int32(1) + 1.0).dtype, jnp.promote_types(jnp.int32, jnp.uint32))

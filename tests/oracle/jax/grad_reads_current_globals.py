# A traced function that reads globals, attributes, items or arrays changed since its last call
# sees their current values under grad (as in JAX, which retraces) and under jit of a method.
import jax, jax.numpy as jnp
import numpy as np
w = jnp.float32(1.0)
def f(x): return x * w
print(jax.grad(f)(1.0), jax.jit(f)(1.0))
w = jnp.float32(2.0)
print(jax.grad(f)(1.0))
d = {"w": jnp.float32(3.0)}
def g(x): return x * d["w"]
print(jax.grad(g)(1.0))
d["w"] = jnp.float32(5.0)
print(jax.grad(g)(1.0))
class M:
    def __init__(self, w): self.w = w
    def loss(self, x): return x * self.w
    def __call__(self, x): return x * self.w * 10
m = M(jnp.float32(1.0))
for i in range(3):
    m.w = jnp.float32(i + 2.0)
    print(jax.grad(m.loss)(1.0), jax.jit(m.loss)(1.0), jax.grad(m)(1.0))
lr = 0.1
def h(x): return x * lr
print(jax.grad(h)(1.0))
lr = 0.5
print(jax.grad(h)(1.0))
layers = [jnp.float32(1.0), jnp.float32(2.0)]
def k(x):
    for wl in layers:
        x = x * wl
    return x
print(jax.grad(k)(1.0))
layers[1] = jnp.float32(7.0)
print(jax.grad(k)(1.0))
a = np.array([1.0, 2.0])
def q(x): return jnp.sum(x * jnp.asarray(a, dtype=jnp.float32))
print(jax.grad(q)(1.0))
a[0] = 10.0
print(jax.grad(q)(1.0))
def outer(x):
    return f(x) * 2
print(jax.grad(outer)(1.0))
w = jnp.float32(4.0)
print(jax.grad(outer)(1.0))

# functools.partial and NamedTuples with JAX: jit/grad/vmap of partial objects (as @partial(jax.jit,
# static_argnums=...) and partial(loss, x=..., y=...) are written), of bound methods and callable
# objects; typing.NamedTuple and collections.namedtuple states through tree_map and grad.
from typing import NamedTuple
from functools import partial
import jax, jax.numpy as jnp
class State(NamedTuple):
    w: jnp.ndarray
    step: int = 0
s = State(jnp.ones(3), 2)
print(jax.tree_util.tree_map(lambda x: x * 2, s))
print(jax.tree_util.tree_structure(s))
def loss(st, x):
    return jnp.sum(st.w * x)
g = jax.grad(loss)(State(jnp.ones(3), 1.0), jnp.arange(3.0))
print(type(g).__name__, g)
@partial(jax.jit, static_argnums=(1,))
def f(x, n):
    return x * n
print(f(jnp.ones(2), 3))
scale = jax.jit(partial(jnp.multiply, 2.0))
print(scale(jnp.arange(3.0)))
from collections import namedtuple
Opt = namedtuple("Opt", "m v")
print(jax.tree_util.tree_map(lambda a: a + 1, Opt(jnp.zeros(2), 1.0)))
def mse(w, x, y):
    return jnp.mean((x * w - y) ** 2)
gl = jax.grad(partial(mse, x=jnp.arange(3.0), y=jnp.ones(3)))
print(gl(2.0), jax.vmap(partial(jnp.add, 1.0))(jnp.arange(3.0)), jax.value_and_grad(partial(mse, y=jnp.zeros(3)))(1.0, jnp.ones(3)))
class Model:
    def __init__(self, k):
        self.k = k
    def __call__(self, x):
        return jnp.sum(x * self.k)
    def apply(self, x):
        return jnp.sum(x ** 2) * self.k
m = Model(3.0)
print(jax.grad(m)(jnp.ones(2)), jax.jit(m.apply)(jnp.ones(2)), jax.grad(m.apply)(jnp.ones(2)))

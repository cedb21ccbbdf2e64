# A dataclass of arrays registered as a pytree (jax.tree_util.register_dataclass, with a static
# field) passed through jax.grad, jax.vmap and jax.jit, and updated with dataclasses.replace.
import dataclasses
from dataclasses import dataclass, field
import jax
import jax.numpy as jnp


@jax.tree_util.register_dataclass
@dataclass
class Params:
    w: jnp.ndarray
    b: jnp.ndarray
    activation: str = field(default="tanh", metadata=dict(static=True))

    def __call__(self, x):
        h = x @ self.w + self.b
        return jnp.tanh(h) if self.activation == "tanh" else h


def loss(p, x, y):
    return jnp.mean((p(x) - y) ** 2)


x = jnp.linspace(-1.0, 1.0, 12).reshape(6, 2)
y = jnp.sin(x[:, :1])
p = Params(w=jnp.array([[0.3], [-0.2]]), b=jnp.array([0.1]))
g = jax.grad(loss)(p, x, y)
print(type(g).__name__, g.activation, g.w.ravel(), g.b)
print(jax.tree_util.tree_structure(p).num_leaves)
print(len(jax.tree_util.tree_leaves(p)))


@jax.jit
def step(p, x, y):
    grads = jax.grad(loss)(p, x, y)
    return jax.tree_util.tree_map(lambda a, b: a - 0.5 * b, p, grads)


for i in range(20):
    p = step(p, x, y)
print(float(loss(p, x, y)), p.activation)

per_example = jax.vmap(lambda xi, yi: jax.grad(loss)(p, xi[None], yi[None]))(x, y)
print(per_example.w.shape, per_example.b.shape, jnp.allclose(jnp.mean(per_example.w, axis=0), jax.grad(loss)(p, x, y).w, atol=1e-6))
lin = dataclasses.replace(p, activation="linear")
print(float(loss(lin, x, y)), lin.activation, dataclasses.asdict(lin)["activation"])
batched = jax.vmap(lambda q: q(x)[0, 0])(Params(w=jnp.stack([p.w, 2 * p.w]), b=jnp.stack([p.b, p.b])))
print(batched)

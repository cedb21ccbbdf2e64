# The rest of jax.tree_util (paths and keys, is_leaf, transpose, reduce, flatten_up_to,
# Partial), jax.checkpoint/remat (same values and gradients), jax.config.update, and JAX's
# out-of-bounds indexing (gathers clamp, scatters drop, .at[].get(mode='fill'), take's modes).
from typing import NamedTuple
import jax
import jax.numpy as jnp
from jax import tree_util as tu


class Point(NamedTuple):
    x: float
    y: float


tree = {"b": [1.0, (2.0, 3.0)], "a": Point(4.0, 5.0), "c": None}
pairs, tdef = tu.tree_flatten_with_path(tree)
for path, leaf in pairs:
    print(tu.keystr(path), leaf, repr(path[0]))
print(tu.keystr(pairs[1][0], simple=True, separator="/"))
print(tu.tree_map_with_path(lambda p, v: f"{tu.keystr(p)}={v}", {"w": 1, "b": [2, 3]}))
print([tu.keystr(p) for p, _ in tu.tree_leaves_with_path([{"k": 1}, 2])])
print(jax.tree.flatten_with_path({"z": 1})[0][0][0][0].key)
print(tu.tree_leaves({"a": [1, 2], "b": (3, [4])}, is_leaf=lambda x: isinstance(x, list)))
print(tu.tree_structure([1, (2, 3)], is_leaf=lambda x: isinstance(x, tuple)))
print(tu.tree_map(lambda x: len(x), {"a": [1, 2], "b": [3]}, is_leaf=lambda x: isinstance(x, list)))
print(tu.tree_map(lambda x, y: (x, y), [1, 2], [{"p": 1}, (5, 6)]))
print(tu.tree_structure([0, 0]).flatten_up_to([{"a": 1}, (2, 3)]))
print(tu.tree_transpose(tu.tree_structure([0, 0]), tu.tree_structure((0, 0)), [(1, 2), (3, 4)]))
print(tu.tree_reduce(lambda a, b: a + b, {"x": 1, "y": [2, 3]}), tu.tree_reduce(lambda a, b: a * b, [], 7))
print(tu.tree_all([True, {"a": 1}]), tu.tree_all([True, 0]))
print(tu.treedef_is_leaf(tu.tree_structure(1.0)), tu.treedef_is_leaf(tu.tree_structure([1.0])))
add = tu.Partial(lambda a, b, c=0: a + b + c, 10)
print(add(1), add(1, c=5), jax.jit(lambda f, x: f(x))(add, 2.0))
print(len(tu.tree_leaves(add)))


def f(x):
    return jnp.sum(jnp.sin(x) ** 2 * jnp.cos(x))


x = jnp.linspace(0.0, 2.0, 5)
print(jax.grad(jax.checkpoint(f))(x), jax.grad(f)(x))
print(jax.grad(jax.remat(f))(x))
g = jax.checkpoint(f, policy=jax.checkpoint_policies.dots_saveable)
print(jax.value_and_grad(g)(x))


@jax.checkpoint
def layer(w, h):
    return jnp.tanh(w * h)


print(jax.grad(lambda w: layer(w, layer(w, 0.5)))(1.5))
jax.config.update("jax_platform_name", "cpu")
jax.config.update("jax_enable_x64", False)
print(jax.config.jax_enable_x64, jnp.ones(2).dtype)
a = jnp.arange(5)
print(a[jnp.array([7, -9, 2])], a[7], a[-8], a.at[7].set(100), a.at[jnp.array([1, 9])].set(100), a.at[jnp.array([1, 9])].add(5))
print(a.at[7].get(mode="fill", fill_value=-1), a.at[jnp.array([0, 7])].get(mode="fill", fill_value=-1), a.at[jnp.array([0, 7])].get(mode="clip"))
print(a.at[jnp.array([0, 7])].set(9, mode="clip"), a.at[-1].set(0), a.at[jnp.array([-1, -6])].set(0))
print(jnp.take(a, jnp.array([0, 7])), jnp.take(a, jnp.array([0, 7]), mode="clip"), jnp.take(jnp.arange(5.0), jnp.array([9])))
print(jnp.arange(6).reshape(2, 3)[jnp.array([0, 5]), jnp.array([1, 1])])
m = jnp.zeros((3, 3))
print(m.at[1, 5].set(1.0), m.at[jnp.array([0, 3]), 1].add(2.0))
print(jax.jit(lambda v, i: v[i])(jnp.arange(4.0), 9), jax.jit(lambda v, i: v.at[i].set(-1.0))(jnp.arange(4.0), 9))
for bad in [lambda: jnp.dot(jnp.ones(3), jnp.ones(4)), lambda: jnp.ones((2, 3)) @ jnp.ones((2, 3))]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

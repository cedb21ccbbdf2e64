import jax
import jax.numpy as jnp
from jax import tree_util

tree = {"a": [jnp.array(1.0), jnp.array([2.0, 3.0])], "b": (jnp.array(4.0), None), "c": {"d": jnp.array([[5.0]])}}
leaves = tree_util.tree_leaves(tree)
print(len(leaves))
for l in leaves:
    print(l)
doubled = tree_util.tree_map(lambda x: x * 2.0, tree)
print(doubled["a"][1], doubled["b"][0], doubled["b"][1] is None, doubled["c"]["d"])
s = tree_util.tree_map(lambda x, y: x + y, tree, doubled)
print(s["a"][0], s["c"]["d"])
print(tree_util.tree_structure(tree) == tree_util.tree_structure(doubled))
print(tree_util.tree_structure(tree) == tree_util.tree_structure({"a": 1}))
print(len(jax.tree_util.tree_leaves([1.0, (2.0, 3.0), {"x": 4.0}])))
total = sum(jnp.sum(l) for l in tree_util.tree_leaves(tree))
print(total)
print(tree_util.tree_leaves({"z": 1.0, "a": 2.0, "m": 3.0}))

# expect: RecursionError
# span: jax.tree_util.tree_leaves(tree)
# cpython: runs
# JAX's C++ pytree code does not stop it (CPython reports a SystemError there).
import jax

tree = 1.0
for i in range(100_000):
    tree = [tree]
print(len(jax.tree_util.tree_leaves(tree)))

# jax.eval_shape (nothing computed: a 2000x3000 @ 3000x1000 product is described, not run),
# jax.named_scope, and tree_util's register_static, register_pytree_with_keys_class,
# treedef_children and treedef_tuple, from JAX's docstring examples.
import jax, jax.numpy as jnp
import numpy as np
from functools import partial
print(jax.eval_shape(lambda x: x @ x.T, jax.ShapeDtypeStruct((3, 2), jnp.float32)))
A = jax.ShapeDtypeStruct((2000, 3000), jnp.float32)
x = jax.ShapeDtypeStruct((3000, 1000), jnp.float32)
f = lambda A, x: jnp.tanh(jnp.dot(A, x))
out = jax.eval_shape(f, A, x)
print(out.shape, out.dtype)
print(jax.eval_shape(lambda t: {"s": jnp.sum(t["a"]), "b": t["b"].astype(jnp.int32) * 2}, {"a": jnp.ones((4, 5)), "b": jax.ShapeDtypeStruct((7,), jnp.float16)}))
with jax.named_scope("layer"):
    print(jnp.ones(2) * 3)
@jax.jit
@jax.named_scope("dense")
def layer(w, x):
    return jax.nn.relu(w.dot(x))
print(layer(jnp.ones((2, 3)), jnp.ones(3)))

@jax.tree_util.register_static
class StaticStr(str):
    pass
def g(x, y, op):
    assert isinstance(op, StaticStr)
    return x + y if op == 'add' else x * y
print(jax.jit(g)(1.0, 2.0, StaticStr('add')))
print(jax.tree.leaves([1, StaticStr("x"), 2]))

from jax.tree_util import register_pytree_with_keys_class, GetAttrKey
@register_pytree_with_keys_class
class Special:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def tree_flatten_with_keys(self):
        return (((GetAttrKey('x'), self.x), (GetAttrKey('y'), self.y)), None)
    @classmethod
    def tree_unflatten(cls, aux_data, children):
        return cls(*children)
s = Special(2, 3)
print(jax.tree.leaves(s), jax.tree.map(lambda v: v * 10, s).y)
x = [1, 2, 3]
treedef = jax.tree.structure(x)
print(jax.tree_util.treedef_children(jax.tree.structure([[1, 2], (3,)])))
print(jax.tree_util.treedef_tuple([jax.tree.structure(x), jax.tree.structure((1, {"a": 2}))]))
print(jax.tree_util.treedef_tuple([jax.tree.structure(x), jax.tree.structure(x)]) == jax.tree.structure((x, x)))

# make_jaxpr: static_argnums (constants in the jaxpr), return_shape, JAX's one-line form for a
# jaxpr that fits in 80 columns, and JAX 0.10's parameter names.
def f(x, n):
    return x * n + 1.0
print(jax.make_jaxpr(f, static_argnums=1)(jnp.ones(3), 2))
j, shape = jax.make_jaxpr(lambda a, b: (a @ b, jnp.sum(a)), return_shape=True)(jnp.ones((2, 3)), jnp.ones((3, 4)))
print(shape)
x = jnp.ones((2, 3))
for g in [jnp.sin, lambda x: jnp.sum(x), lambda x: jnp.max(x, axis=0), lambda x: jnp.prod(x), lambda x: x.reshape(3, 2), lambda x: x.T, lambda x: x ** 3, lambda x: jnp.concatenate([x, x]), lambda x: jnp.sin(x) * 2, lambda x: -x + 1.0, lambda x: x[:, ::2], lambda x: jnp.argmax(x, axis=1)]:
    print(jax.make_jaxpr(g)(x))

# More of JAX's API written in Slope: jax.eval_shape, jax.named_scope/named_call and the rest of
# jax.tree_util (register_static, register_pytree_with_keys(_class), treedef_children,
# treedef_tuple). Runs in jax.numpy's scope; the names in _TREE_UTIL go to jax.tree_util (and
# jax.tree without the tree_ prefix), those in _JAX to jax.
import jax as _jax_mod
import jax.tree_util as _tu


def eval_shape(fun, *args, **kwargs):
    """eval_shape(fun, *args, **kwargs): the shape and dtype of fun's result (a pytree of
    jax.ShapeDtypeStruct), without computing it: arguments may be ShapeDtypeStructs or arrays.

    >>> print(jax.eval_shape(lambda x: x @ x.T, jax.ShapeDtypeStruct((3, 2), jnp.float32)))
    ShapeDtypeStruct(shape=(3, 3), dtype=float32)
    """
    def abstract(x):
        if _py.isinstance(x, _jax_mod.ShapeDtypeStruct) or (_py.hasattr(x, "shape") and _py.hasattr(x, "dtype")):
            # A broadcast zero: staged, never filled (Slope computes arrays only when read).
            return broadcast_to(zeros((), dtype=x.dtype), _py.tuple(x.shape))
        return x

    args2, kw2 = _tu.tree_map(abstract, (args, kwargs))
    out = fun(*args2, **kw2)

    def describe(y):
        a = asarray(y)
        return _jax_mod.ShapeDtypeStruct(a.shape, a.dtype)

    return _tu.tree_map(describe, out)


class named_scope:
    """named_scope(name): a context manager (or decorator) naming the operations inside it in
    profiles; Slope keeps no operation names, so it only checks the name."""

    def __init__(self, name):
        if not _py.isinstance(name, _py.str):
            raise TypeError("named_scope name argument must be a string.")
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __call__(self, fun):
        return fun


def named_call(fun, *, name=None):
    """named_call(fun, *, name=None): fun, its calls named in profiles (a no-op in Slope)."""
    return fun


def register_static(cls):
    """register_static(cls): instances of cls are pytree nodes with no children (kept as
    static data, as hashable aux data is)."""
    _tu.register_pytree_node(cls, lambda x: ((), x), lambda aux, _: aux)
    return cls


def register_pytree_with_keys(nodetype, flatten_with_keys, unflatten_func, flatten_func=None):
    """register_pytree_with_keys(nodetype, flatten_with_keys, unflatten_func, flatten_func=None)."""
    def flat(x):
        if flatten_func is not None:
            return flatten_func(x)
        pairs, aux = flatten_with_keys(x)
        return [c for _, c in pairs], aux

    _tu.register_pytree_node(nodetype, flat, unflatten_func)


def register_pytree_with_keys_class(cls):
    """register_pytree_with_keys_class(cls): cls's tree_flatten_with_keys (children with their
    keys, aux data) and tree_unflatten (a classmethod) make it a pytree node."""
    flatten = cls.tree_flatten if _py.hasattr(cls, "tree_flatten") else None
    register_pytree_with_keys(cls, lambda x: x.tree_flatten_with_keys(), cls.tree_unflatten, flatten)
    return cls


def treedef_children(treedef):
    """treedef_children(treedef): the treedefs of the root's children."""
    return treedef.children()


def treedef_tuple(treedefs):
    """treedef_tuple(treedefs): the treedef of a tuple whose children have these treedefs."""
    parts = [_tu.tree_unflatten(t, [0] * t.num_leaves) for t in treedefs]
    return _tu.tree_structure(_py.tuple(parts))


_TREE_UTIL = ["register_static", "register_pytree_with_keys", "register_pytree_with_keys_class", "treedef_children", "treedef_tuple"]
_JAX = ["eval_shape", "named_scope", "named_call"]


_native_make_jaxpr = _jax_mod.make_jaxpr


def make_jaxpr(fun, static_argnums=(), axis_env=None, return_shape=False, abstracted_axes=None):
    """make_jaxpr(fun, static_argnums=(), axis_env=None, return_shape=False)
    The function that returns fun's IR for the given arguments, printed as JAX prints a jaxpr;
    static_argnums are taken as constants, and return_shape=True also returns the result's
    shape (a pytree of ShapeDtypeStruct), as JAX.

    >>> print(len(str(jax.make_jaxpr(jnp.sin)(1.0))) > 0)
    True
    """
    if axis_env is not None:
        # help: Slope has no named axes outside vmap; drop axis_env
        raise NotImplementedError("make_jaxpr(axis_env=...) is not supported in Slope")
    if abstracted_axes is not None:
        raise NotImplementedError("make_jaxpr(abstracted_axes=...) is not supported in Slope")
    static = (static_argnums,) if _py.isinstance(static_argnums, _py.int) else _py.tuple(static_argnums)

    def traced(*args, **kwargs):
        n = _py.len(args)
        idx = set()
        for i in static:
            if i >= n or i < -n:
                raise ValueError(f"jitted function has static_argnums={static}, but only accepts {n} positional arguments")
            idx.add(i % n)
        if idx:
            dyn = [a for i, a in _py.enumerate(args) if i not in idx]

            def with_statics(*dargs, **kw):
                rest = _py.iter(dargs)
                return fun(*[args[i] if i in idx else _py.next(rest) for i in _py.range(n)], **kw)

            j = _native_make_jaxpr(with_statics)(*dyn, **kwargs)
        else:
            j = _native_make_jaxpr(fun)(*args, **kwargs)
        if return_shape:
            return j, eval_shape(fun, *args, **kwargs)
        return j

    return traced


_JAX = _JAX + ["make_jaxpr"]

"""flax.struct: frozen dataclasses that are JAX pytrees (Flax's struct.dataclass, field and
PyTreeNode). Fields are pytree children unless declared with field(pytree_node=False), which
makes them static (part of the tree's structure, e.g. functions)."""

import dataclasses
import jax


def field(pytree_node=True, *, metadata=None, **kwargs):
    """A dataclass field; pytree_node=False makes it static metadata instead of a pytree child."""
    md = dict(metadata or {})
    md["pytree_node"] = pytree_node
    return dataclasses.field(metadata=md, **kwargs)


def _replace(self, **updates):
    """A copy of the dataclass with the given fields replaced."""
    return dataclasses.replace(self, **updates)


def dataclass(clz=None, **kwargs):
    """Makes clz a frozen dataclass registered as a pytree (its pytree_node fields are the
    children), with a `replace(**updates)` method.

    >>> @flax.struct.dataclass
    ... class Point:
    ...     x: float
    ...     tag: str = flax.struct.field(pytree_node=False, default='p')
    >>> print(jax.tree_util.tree_leaves(Point(1.0)))
    [1.0]
    """
    if clz is None:
        return lambda c: dataclass(c, **kwargs)
    if "_flax_dataclass" in clz.__dict__:
        return clz
    kwargs.setdefault("frozen", True)
    data_clz = dataclasses.dataclass(**kwargs)(clz)
    data_fields = []
    meta_fields = []
    for f in dataclasses.fields(data_clz):
        if f.metadata.get("pytree_node", True):
            data_fields.append(f.name)
        else:
            meta_fields.append(f.name)
    if "replace" not in data_clz.__dict__:
        data_clz.replace = _replace
    jax.tree_util.register_dataclass(data_clz, data_fields, meta_fields)
    data_clz._flax_dataclass = True
    return data_clz


class PyTreeNode:
    """A base class whose subclasses are flax.struct dataclasses (frozen pytrees with replace)."""

    def __init_subclass__(cls, **kwargs):
        dataclass(cls, **kwargs)

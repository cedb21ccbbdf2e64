"""types: UnionType (what `int | str` makes, PEP 604) and SimpleNamespace."""


def _type_repr(t):
    if t is type(None):
        return "None"
    module = getattr(t, "__module__", None)
    name = getattr(t, "__qualname__", None)
    if name is None:
        return repr(t)
    return name if module == "builtins" else f"{module}.{name}"


class UnionType:
    """`X | Y` of types: usable with isinstance and issubclass, and as an annotation."""

    def __init__(self, args):
        flat = []
        for a in args:
            for x in a.__args__ if isinstance(a, UnionType) else (a,):
                x = type(None) if x is None else x
                if x not in flat:
                    flat.append(x)
        self.__args__ = tuple(flat)

    def __or__(self, other):
        return UnionType((self, other))

    def __ror__(self, other):
        return UnionType((other, self))

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__args__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__args__)

    def __eq__(self, other):
        return isinstance(other, UnionType) and set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __repr__(self):
        return " | ".join(_type_repr(a) for a in self.__args__)


class SimpleNamespace:
    """An object whose attributes are the keyword arguments it was made with."""

    def __init__(self, **kwargs):
        for k, v in kwargs.items():
            setattr(self, k, v)

    def __repr__(self):
        items = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"namespace({items})"

    def __eq__(self, other):
        return isinstance(other, SimpleNamespace) and self.__dict__ == other.__dict__


NoneType = type(None)

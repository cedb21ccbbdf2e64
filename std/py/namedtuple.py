"""NamedTuple: the base of the standard library's named tuples (optax's states and
GradientTransformation, example_libraries' OptimizerState). A subclass lists its field names in
`_fields` (and optional defaults in `_field_defaults`); instances are tuples whose items are also
reached by name, print as `Name(field=value, ...)`, and are pytree nodes (their items are the
children), as Python's typing.NamedTuple classes are for JAX."""


class NamedTuple(tuple):
    """A tuple whose items have names (the class's `_fields`)."""

    _fields = ()
    _field_defaults = {}

    def __init_subclass__(cls, **kwargs):
        # Each field is a property reading its item, so fields named like tuple's methods
        # (`count`, `index`) are the fields, as in Python's named tuples.
        for i, f in enumerate(cls._fields):
            setattr(cls, f, property(lambda self, i=i: tuple.__getitem__(self, i)))

    def __new__(cls, *args, **kwargs):
        fields = cls._fields
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}.__new__() takes {len(fields) + 1} positional arguments but {len(args) + 1} were given")
        vals = list(args)
        for f in fields[len(args):]:
            if f in kwargs:
                vals.append(kwargs.pop(f))
            elif f in cls._field_defaults:
                vals.append(cls._field_defaults[f])
            else:
                raise TypeError(f"{cls.__name__}.__new__() missing 1 required positional argument: '{f}'")
        for k in kwargs:
            raise TypeError(f"{cls.__name__}.__new__() got an unexpected keyword argument '{k}'")
        return tuple.__new__(cls, vals)

    def __getattr__(self, name):
        fields = type(self)._fields
        if name in fields:
            return self[fields.index(name)]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __repr__(self):
        fields = type(self)._fields
        parts = [f"{fields[i]}={self[i]!r}" for i in range(len(fields))]
        return type(self).__name__ + "(" + ", ".join(parts) + ")"

    def __str__(self):
        return self.__repr__()

    def _replace(self, **kwargs):
        """A copy with the named fields replaced."""
        fields = type(self)._fields
        vals = [kwargs.pop(f) if f in kwargs else self[i] for i, f in enumerate(fields)]
        if kwargs:
            raise ValueError(f"Got unexpected field names: {list(kwargs)}")
        return type(self)(*vals)

    def _asdict(self):
        """The fields as a dict."""
        fields = type(self)._fields
        return {f: self[i] for i, f in enumerate(fields)}

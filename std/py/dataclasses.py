# dataclasses in Slope: @dataclass generates __init__, __repr__, __eq__ (and the ordering methods,
# __hash__, frozen __setattr__) from the class's annotated fields, as CPython's dataclasses does.
# CPython writes the methods' source and execs it; here they are closures over the field list.


class _MissingType:
    def __repr__(self):
        return "MISSING"


MISSING = _MissingType()


class FrozenInstanceError(AttributeError):
    """Raised when assigning to a field of a frozen dataclass instance."""


class Field:
    """One field of a dataclass: its name, type (the annotation's text), default or default_factory."""

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only

    def __repr__(self):
        return (
            f"Field(name={self.name!r},type={self.type!r},default={self.default!r},"
            f"default_factory={self.default_factory!r},init={self.init!r},repr={self.repr!r},"
            f"hash={self.hash!r},compare={self.compare!r},metadata={self.metadata!r},"
            f"kw_only={self.kw_only!r},_field_type=_FIELD)"
        )


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True, metadata=None, kw_only=MISSING):
    """field(*, default, default_factory, init, repr, hash, compare, metadata, kw_only): per-field options of a dataclass."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


class InitVar:
    """InitVar[T]: a pseudo-field passed to __post_init__ (accepted; Slope keeps it as a field)."""

    def __class_getitem__(cls, item):
        return cls


class KW_ONLY:
    """A marker: annotated fields after `_: KW_ONLY` are keyword-only."""


def _is_classvar(annotation):
    a = annotation.strip()
    return a.startswith("ClassVar") or a.startswith("typing.ClassVar") or a.startswith("t.ClassVar")


def _collect_fields(cls, kw_only_default):
    """The fields of cls in definition order: the bases' first (as CPython's MRO walk), then its own."""
    fields = {}
    for base in reversed(cls.__mro__[1:]):
        base_fields = base.__dict__.get("__dataclass_fields__")
        if base_fields is not None:
            for f in base_fields.values():
                fields[f.name] = f
    own = cls.__dict__.get("__annotations__", {})
    kw_only = kw_only_default
    for name, annotation in own.items():
        if _is_classvar(annotation):
            continue
        if annotation.strip() in ("KW_ONLY", "dataclasses.KW_ONLY"):
            kw_only = True
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
            if f.default is MISSING:
                # A field() without a default is not a class attribute afterwards.
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        else:
            if isinstance(default, (list, dict, set)):
                raise ValueError(f"mutable default {type(default)} for field {name} is not allowed: use default_factory")
            f = Field(default, MISSING, True, True, None, True, None, MISSING)
        f.name = name
        f.type = annotation
        if f.kw_only is MISSING:
            f.kw_only = kw_only
        fields[name] = f
    return fields


def _make_init(cls, fields, frozen, has_post_init):
    init_fields = [f for f in fields if f.init]
    positional = [f for f in init_fields if not f.kw_only]
    names = [f.name for f in init_fields]
    seen_default = False
    for f in positional:
        has_default = f.default is not MISSING or f.default_factory is not MISSING
        if seen_default and not has_default:
            raise TypeError(f"non-default argument '{f.name}' follows default argument")
        seen_default = seen_default or has_default
    qual = cls.__qualname__

    def __init__(self, *args, **kwargs):
        if len(args) > len(positional):
            required = len([f for f in positional if f.default is MISSING and f.default_factory is MISSING])
            takes = f"{len(positional) + 1}" if required == len(positional) else f"from {required + 1} to {len(positional) + 1}"
            raise TypeError(f"{qual}.__init__() takes {takes} positional arguments but {len(args) + 1} were given")
        values = {}
        for f, a in zip(positional, args):
            values[f.name] = a
        for k, v in kwargs.items():
            if k not in names:
                raise TypeError(f"{qual}.__init__() got an unexpected keyword argument '{k}'")
            if k in values:
                raise TypeError(f"{qual}.__init__() got multiple values for argument '{k}'")
            values[k] = v
        missing = [f.name for f in init_fields if f.name not in values and f.default is MISSING and f.default_factory is MISSING]
        if missing:
            kind = "keyword-only" if all(f.kw_only for f in init_fields if f.name in missing) else "positional"
            quoted = [f"'{m}'" for m in missing]
            listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
            s = "" if len(missing) == 1 else "s"
            raise TypeError(f"{qual}.__init__() missing {len(missing)} required {kind} argument{s}: {listed}")
        for f in fields:
            if f.name in values:
                v = values[f.name]
            elif f.default_factory is not MISSING:
                v = f.default_factory()
            elif f.default is not MISSING:
                v = f.default
            else:
                continue
            if frozen:
                object.__setattr__(self, f.name, v)
            else:
                setattr(self, f.name, v)
        if has_post_init:
            self.__post_init__()

    return __init__


def _tuple_of(self, fields):
    return tuple(getattr(self, f.name) for f in fields)


def _process(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only):
    fields_map = _collect_fields(cls, kw_only)
    fields = list(fields_map.values())
    cls.__dataclass_fields__ = fields_map
    cls.__dataclass_params__ = {"init": init, "repr": repr, "eq": eq, "order": order, "unsafe_hash": unsafe_hash, "frozen": frozen}
    own = cls.__dict__
    if init and "__init__" not in own:
        cls.__init__ = _make_init(cls, fields, frozen, hasattr(cls, "__post_init__"))
    if repr and "__repr__" not in own:
        shown = [f for f in fields if f.repr]
        qual = cls.__qualname__

        def __repr__(self):
            return qual + "(" + ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in shown) + ")"

        cls.__repr__ = __repr__
    compared = [f for f in fields if f.compare]
    if eq and "__eq__" not in own:

        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, compared) == _tuple_of(other, compared)
            return NotImplemented

        cls.__eq__ = __eq__
    if order:
        for name, test in [("__lt__", lambda a, b: a < b), ("__le__", lambda a, b: a <= b), ("__gt__", lambda a, b: a > b), ("__ge__", lambda a, b: a >= b)]:
            if name in own:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}. Consider using functools.total_ordering")

            def method(self, other, test=test):
                if other.__class__ is self.__class__:
                    return test(_tuple_of(self, compared), _tuple_of(other, compared))
                return NotImplemented

            setattr(cls, name, method)
    hashed = [f for f in fields if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash or (eq and frozen):
        if "__hash__" not in own or unsafe_hash:

            def __hash__(self):
                return hash(_tuple_of(self, hashed))

            cls.__hash__ = __hash__
    elif eq and "__hash__" not in own:
        cls.__hash__ = None
    if frozen:

        def __setattr__(self, name, value):
            if name in fields_map:
                raise FrozenInstanceError(f"cannot assign to field '{name}'")
            object.__setattr__(self, name, value)

        def __delattr__(self, name):
            if name in fields_map:
                raise FrozenInstanceError(f"cannot delete field '{name}'")
            object.__delattr__(self, name)

        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
    cls.__match_args__ = tuple(f.name for f in fields if f.init and not f.kw_only)
    return cls


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False, match_args=True, kw_only=False, slots=False):
    """@dataclass or @dataclass(frozen=..., order=..., ...): generate __init__, __repr__, __eq__ from annotated fields."""

    def wrap(c):
        return _process(c, init, repr, eq, order, unsafe_hash, frozen, kw_only)

    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    """fields(dc): the tuple of a dataclass's Field objects."""
    try:
        fs = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance")
    return tuple(fs.values())


def is_dataclass(obj):
    """is_dataclass(obj): whether obj is a dataclass or an instance of one."""
    return hasattr(obj, "__dataclass_fields__")


def replace(obj, /, **changes):
    """replace(obj, **changes): a new instance like obj with the given fields replaced."""
    if not is_dataclass(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in fields(obj):
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} is declared with init=False, it cannot be specified with replace()")
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def _asdict_inner(obj, dict_factory):
    if is_dataclass(obj) and not isinstance(obj, type):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory)) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory)) for k, v in obj.items())
    return obj


def asdict(obj, *, dict_factory=dict):
    """asdict(obj): the fields of a dataclass instance as a dict, recursively."""
    if not is_dataclass(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)


def astuple(obj, *, tuple_factory=tuple):
    """astuple(obj): the fields of a dataclass instance as a tuple, recursively."""
    if not is_dataclass(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if is_dataclass(obj) and not isinstance(obj, type):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory)) for k, v in obj.items())
    return obj


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **kwargs):
    """make_dataclass(name, fields, bases=(), namespace=None, **options): a dataclass made from (name, type[, default]) items."""
    ns = dict(namespace or {})
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            annotations[item] = "typing.Any"
        elif len(item) == 2:
            annotations[item[0]] = repr(item[1])
        else:
            annotations[item[0]] = repr(item[1])
            ns[item[0]] = item[2]
    ns["__annotations__"] = annotations
    cls = type(cls_name, bases, ns)
    return dataclass(cls, **kwargs)

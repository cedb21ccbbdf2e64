"""Python's `typing` in Slope: the names programs import for their annotations. Annotations are
kept as text and never checked, so these objects only need to exist, subscript (`List[int]`,
`Dict[str, float]`, `Optional[T]`, `Callable[[int], str]`) and print as CPython 3.11 prints
them. `NamedTuple` (class syntax and functional form) makes real tuple subclasses, as
`collections.namedtuple` does; `TypedDict` classes make plain dicts."""

import collections as _collections
import collections.abc as _abc

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    if callable(obj) and hasattr(obj, "__name__") and not isinstance(obj, (_Special, _GenericAlias, TypeVar)):
        return obj.__name__
    if isinstance(obj, list):
        return "[" + ", ".join(_type_repr(t) for t in obj) + "]"
    return repr(obj)


def _conv(p):
    """A type parameter as typing keeps it: None stands for type(None)."""
    if p is None:
        return type(None)
    if isinstance(p, list):
        return [_conv(x) for x in p]
    return p


class _Special:
    """A special form of typing (Any, Union, Optional, ClassVar, Final, Literal, …)."""

    def __init__(self, name, doc="", getitem=None):
        self._name = name
        self.__doc__ = doc
        self._getitem = getitem

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        if self._getitem is None:
            raise TypeError(f"{self} is not subscriptable")  # help: this typing name takes no [...] parameters
        return self._getitem(self, params)

    def __call__(self, *args, **kwargs):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __instancecheck__(self, obj):
        raise TypeError(f"{self} cannot be used with isinstance()")

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return hash(self._name)


class _GenericAlias:
    """A subscripted generic, such as List[int]: it prints as typing prints it and calls its
    origin class (List[int]() is []); isinstance refuses it, as in CPython."""

    def __init__(self, origin, args, name=None, special=None):
        self.__origin__ = origin
        if not isinstance(args, tuple):
            args = (args,)
        self.__args__ = args
        self._name = name
        self._special = special

    def __repr__(self):
        if self._special is not None:
            return self._special(self)
        if self._name is not None:
            head = "typing." + self._name
        else:
            head = _type_repr(self.__origin__)
        if not self.__args__:
            return f"{head}[()]"
        return head + "[" + ", ".join(_type_repr(a) for a in self.__args__) + "]"

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __getitem__(self, params):
        return _GenericAlias(self.__origin__, params if isinstance(params, tuple) else (params,), self._name, self._special)

    def __instancecheck__(self, obj):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")  # help: check against the unsubscripted class, e.g. isinstance(x, list)

    def __subclasscheck__(self, cls):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __mro_entries__(self, bases):
        return (self.__origin__,)


class _SpecialGenericAlias:
    """An unsubscripted generic alias of a class (List, Dict, Sequence): isinstance checks the
    class, subscripting gives a _GenericAlias."""

    def __init__(self, origin, name, nparams=-1):
        self.__origin__ = origin
        self._name = name
        self._nparams = nparams

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if self._nparams >= 0 and len(params) != self._nparams and not (self._name == "Tuple"):
            many = "many" if len(params) > self._nparams else "few"
            raise TypeError(f"Too {many} arguments for {self}; actual {len(params)}, expected {self._nparams}")
        return _GenericAlias(self.__origin__, tuple(_conv(p) for p in params), self._name)

    def __call__(self, *args, **kwargs):
        if self._name in ("List", "Dict", "Set", "FrozenSet", "Tuple", "Type"):
            raise TypeError(f"Type {self._name} cannot be instantiated; use {self.__origin__.__name__}() instead")
        return self.__origin__(*args, **kwargs)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __mro_entries__(self, bases):
        return (self.__origin__,)


def _union_getitem(self, params):
    if params == ():
        raise TypeError("Cannot take a Union of no types.")
    if not isinstance(params, tuple):
        params = (params,)
    flat = []
    for p in params:
        if p is None:
            p = type(None)
        if isinstance(p, _GenericAlias) and p.__origin__ is Union:
            items = p.__args__
        else:
            items = (p,)
        for q in items:
            if q not in flat:
                flat.append(q)
    if len(flat) == 1:
        return flat[0]
    return _GenericAlias(Union, tuple(flat), "Union", _union_repr)


def _union_repr(alias):
    args = alias.__args__
    if len(args) == 2 and type(None) in args:
        other = args[0] if args[1] is type(None) else args[1]
        return f"typing.Optional[{_type_repr(other)}]"
    return "typing.Union[" + ", ".join(_type_repr(a) for a in args) + "]"


def _optional_getitem(self, param):
    if isinstance(param, tuple):
        raise TypeError(f"{self} requires a single type.")
    return Union[param, type(None)]


def _literal_getitem(self, params):
    if not isinstance(params, tuple):
        params = (params,)
    return _GenericAlias(self, params, None, lambda a: "typing.Literal[" + ", ".join(repr(x) for x in a.__args__) + "]")


def _single_getitem(self, param):
    return _GenericAlias(self, (param,), self._name)


def _annotated_getitem(self, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError("Annotated[...] should be used with at least two arguments (a type and an annotation).")
    return _GenericAlias(self, params, None, lambda a: "typing.Annotated[" + _type_repr(a.__args__[0]) + ", " + ", ".join(repr(x) for x in a.__args__[1:]) + "]")


def _concatenate_getitem(self, params):
    return _GenericAlias(self, params, "Concatenate")


Any = _Special("Any", "Special type indicating an unconstrained type.")
NoReturn = _Special("NoReturn", "Special type indicating functions that never return.")
Never = _Special("Never", "The bottom type, a type that has no members.")
Self = _Special("Self", "Used to spell the type of 'self' in classes.")
LiteralString = _Special("LiteralString", "Represents an arbitrary literal string.")
TypeAlias = _Special("TypeAlias", "Special form for marking type aliases.")
Union = _Special("Union", "Union[X, Y] means either X or Y.", _union_getitem)
Optional = _Special("Optional", "Optional[X] is equivalent to Union[X, None].", _optional_getitem)
Literal = _Special("Literal", "Literal[v, ...]: the type of exactly these values.", _literal_getitem)
ClassVar = _Special("ClassVar", "ClassVar[T]: a class variable, not an instance field.", _single_getitem)
Final = _Special("Final", "Final[T]: a name that cannot be re-assigned.", _single_getitem)
Annotated = _Special("Annotated", "Annotated[T, x]: T with context-specific metadata x.", _annotated_getitem)
TypeGuard = _Special("TypeGuard", "TypeGuard[T]: a function returning bool that narrows to T.", _single_getitem)
Required = _Special("Required", "Required[T]: a required key of a TypedDict.", _single_getitem)
NotRequired = _Special("NotRequired", "NotRequired[T]: a key of a TypedDict that may be missing.", _single_getitem)
Unpack = _Special("Unpack", "Unpack[Ts]: unpacks a TypeVarTuple.", _single_getitem)
Concatenate = _Special("Concatenate", "Concatenate[X, P]: parameters for Callable.", _concatenate_getitem)


def _callable_repr(alias):
    args = alias.__args__
    if len(args) == 2 and (isinstance(args[0], list) or args[0] is ...):
        params = "..." if args[0] is ... else "[" + ", ".join(_type_repr(a) for a in args[0]) + "]"
        return f"typing.Callable[{params}, {_type_repr(args[1])}]"
    return "typing.Callable[" + ", ".join(_type_repr(a) for a in args) + "]"


class _CallableAlias(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError("Callable must be used as Callable[[arg, ...], result].")
        return _GenericAlias(self.__origin__, tuple(_conv(p) for p in params), "Callable", _callable_repr)


def _tuple_repr(alias):
    if not alias.__args__:
        return "typing.Tuple[()]"
    return "typing.Tuple[" + ", ".join(_type_repr(a) for a in alias.__args__) + "]"


class _TupleAlias(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(tuple, tuple(_conv(p) for p in params), "Tuple", _tuple_repr)


List = _SpecialGenericAlias(list, "List", 1)
Dict = _SpecialGenericAlias(dict, "Dict", 2)
Set = _SpecialGenericAlias(set, "Set", 1)
FrozenSet = _SpecialGenericAlias(frozenset, "FrozenSet", 1)
Tuple = _TupleAlias(tuple, "Tuple")
Type = _SpecialGenericAlias(type, "Type", 1)
DefaultDict = _SpecialGenericAlias(_collections.defaultdict, "DefaultDict", 2)
OrderedDict = _SpecialGenericAlias(_collections.OrderedDict, "OrderedDict", 2)
Counter = _SpecialGenericAlias(_collections.Counter, "Counter", 1)
Deque = _SpecialGenericAlias(_collections.deque, "Deque", 1)
ChainMap = _SpecialGenericAlias(_collections.ChainMap, "ChainMap", 2)
Callable = _CallableAlias(_abc.Callable, "Callable")
Iterable = _SpecialGenericAlias(_abc.Iterable, "Iterable", 1)
Iterator = _SpecialGenericAlias(_abc.Iterator, "Iterator", 1)
Generator = _SpecialGenericAlias(_abc.Generator, "Generator", 3)
Reversible = _SpecialGenericAlias(_abc.Reversible, "Reversible", 1)
Container = _SpecialGenericAlias(_abc.Container, "Container", 1)
Collection = _SpecialGenericAlias(_abc.Collection, "Collection", 1)
Sequence = _SpecialGenericAlias(_abc.Sequence, "Sequence", 1)
MutableSequence = _SpecialGenericAlias(_abc.MutableSequence, "MutableSequence", 1)
Mapping = _SpecialGenericAlias(_abc.Mapping, "Mapping", 2)
MutableMapping = _SpecialGenericAlias(_abc.MutableMapping, "MutableMapping", 2)
AbstractSet = _SpecialGenericAlias(_abc.Set, "AbstractSet", 1)
MutableSet = _SpecialGenericAlias(_abc.MutableSet, "MutableSet", 1)
Hashable = _SpecialGenericAlias(_abc.Hashable, "Hashable", 0)
Sized = _SpecialGenericAlias(_abc.Sized, "Sized", 0)
KeysView = _SpecialGenericAlias(_abc.KeysView, "KeysView", 1)
ItemsView = _SpecialGenericAlias(_abc.ItemsView, "ItemsView", 2)
ValuesView = _SpecialGenericAlias(_abc.ValuesView, "ValuesView", 1)
Text = str
AnyStr = None  # replaced below by a TypeVar


class TypeVar:
    """TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False): a type
    variable for generic functions and classes; it prints as ~T (+T, -T for variance)."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


AnyStr = TypeVar("AnyStr", bytes, str)


class ParamSpec:
    """ParamSpec(name): a parameter specification variable (for decorators' Callable types)."""

    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.args = self
        self.kwargs = self

    def __repr__(self):
        return "~" + self.__name__


class TypeVarTuple:
    """TypeVarTuple(name): a variadic type variable."""

    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return self.__name__


class Generic:
    """Generic[T, ...]: the base of generic classes (class Stack(Generic[T]): ...). Subscripting
    a generic class (Stack[int]) gives an alias that makes instances of it."""

    def __class_getitem__(cls, params):
        if cls is Generic or cls is Protocol:
            return cls
        return _GenericAlias(cls, params)


class Protocol(Generic):
    """Protocol: the base of structural types (classes that describe methods). Protocol classes
    are ordinary base classes in Slope; isinstance checks them by inheritance."""


def runtime_checkable(cls):
    """runtime_checkable(cls): marks a Protocol class for isinstance checks (returns cls)."""
    return cls


def cast(typ, val):
    """cast(typ, val): val, unchanged (a hint for type checkers)."""
    return val


def assert_type(val, typ, /):
    """assert_type(val, typ): val, unchanged (a hint for type checkers)."""
    return val


def reveal_type(obj, /):
    """reveal_type(obj): print the runtime type of obj to stderr and return obj."""
    import sys

    print(f"Runtime type is {type(obj).__name__!r}", file=sys.stderr)
    return obj


def assert_never(arg, /):
    """assert_never(arg): raise AssertionError (code that type checkers prove unreachable)."""
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + "..."
    raise AssertionError(f"Expected code to be unreachable, but got: {value}")


def _overload_dummy(*args, **kwds):
    raise NotImplementedError(
        "You should not call an overloaded function. "
        "A series of @typing.overload-decorated functions "
        "outside a stub module should always be followed "
        "by an implementation that is not @typing.overload-decorated."
    )


def overload(func):
    """overload(func): marks a function signature for type checkers; the last, undecorated
    definition is the one that runs."""
    return _overload_dummy


def final(f):
    """final(f): marks a method or class as final (returns f)."""
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    """no_type_check(arg): returns arg (type checkers skip it)."""
    return arg


def dataclass_transform(**kwargs):
    """dataclass_transform(...): a decorator that returns its argument unchanged."""
    return lambda f: f


def get_origin(tp):
    """get_origin(tp): the unsubscripted form of a generic alias (list for List[int]), else None."""
    if isinstance(tp, (_GenericAlias, _SpecialGenericAlias)):
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    """get_args(tp): the parameters of a subscripted alias (int, str for Dict[int, str]), else ()."""
    if isinstance(tp, _GenericAlias):
        args = tp.__args__
        if tp._name == "Callable" and len(args) == 2 and isinstance(args[0], list):
            return (list(args[0]), args[1])
        return args
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """get_type_hints(obj): the annotations of a class, function or module, evaluated in its
    module's globals when they are text."""
    ann = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            ann.update(base.__dict__.get("__annotations__", {}))
    else:
        ann = dict(getattr(obj, "__annotations__", {}))
    out = {}
    for k, v in ann.items():
        if isinstance(v, str) and globalns is not None:
            v = eval(v, globalns, localns)
        if v is None:
            v = type(None)
        out[k] = v
    return out


def NewType(name, tp):
    """NewType(name, tp): a callable that returns its argument unchanged (a distinct type for
    type checkers)."""

    def new_type(x):
        return x

    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type


class NamedTuple(tuple):
    """NamedTuple: the typed form of collections.namedtuple.

        class Point(NamedTuple):
            x: float
            y: float = 0.0

    makes a tuple subclass with fields x and y (y defaults to 0.0); NamedTuple('Point',
    [('x', float), ('y', float)]) does the same as a call."""

    def __new__(cls, typename, fields=None, /, **kwargs):
        if cls is not NamedTuple:
            return tuple.__new__(cls)
        if fields is None:
            fields = list(kwargs.items())
        names = [n for n, t in fields]
        nt = _collections.namedtuple(typename, names)
        nt.__annotations__ = {n: t for n, t in fields}
        return nt

    def __init_subclass__(cls, **kwargs):
        if NamedTuple not in cls.__bases__:
            return
        ann = cls.__dict__.get("__annotations__", {})
        names = list(ann)
        defaults = []
        for name in names:
            if name in cls.__dict__:
                defaults.append(cls.__dict__[name])
            elif defaults:
                default_names = ", ".join(n for n in names if n in cls.__dict__)
                raise TypeError(f"Non-default namedtuple field {name} cannot follow default field{'s' if len(defaults) > 1 else ''} {default_names}")
        for name in names:
            if name.startswith("_"):
                raise AttributeError(f"Cannot overwrite NamedTuple attribute {name}")
        _collections._install_namedtuple(cls, names, defaults)


class TypedDict(dict):
    """TypedDict: a class whose instances are plain dicts with the annotated keys
    (Movie(name='Blade Runner', year=1982) is {'name': 'Blade Runner', 'year': 1982})."""

    def __new__(cls, *args, **kwargs):
        return dict(*args, **kwargs)


class SupportsInt(Protocol):
    """An object with __int__."""


class SupportsFloat(Protocol):
    """An object with __float__."""


class SupportsIndex(Protocol):
    """An object with __index__."""


class SupportsAbs(Protocol):
    """An object with __abs__."""


class IO(Generic):
    """The generic type of file objects."""


class TextIO(IO):
    """The type of text file objects."""


class BinaryIO(IO):
    """The type of binary file objects."""

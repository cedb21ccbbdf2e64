"""Python's `abc` in Slope: abstract base classes. `ABCMeta` is a metaclass (Slope runs a
metaclass's `__init__` on each new class and asks it for `isinstance`/`issubclass`); a class
with abstract methods left unimplemented cannot be instantiated, with CPython's TypeError."""


def abstractmethod(funcobj):
    """abstractmethod(funcobj): marks a method abstract; a class whose metaclass is ABCMeta (a
    subclass of ABC) cannot be instantiated until every abstract method is overridden."""
    funcobj.__isabstractmethod__ = True
    return funcobj


def _isabstract(value):
    if value is None:
        return False
    if isinstance(value, property):
        return _isabstract(value.fget) or _isabstract(value.fset)
    inner = getattr(value, "__func__", None)
    if inner is not None and _isabstract(inner):
        return True
    try:
        return bool(getattr(value, "__isabstractmethod__", False))
    except Exception:
        return False


class abstractproperty(property):
    """Deprecated: use @property over @abstractmethod."""

    __isabstractmethod__ = True


def abstractclassmethod(callable):
    """Deprecated: use @classmethod over @abstractmethod."""
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    """Deprecated: use @staticmethod over @abstractmethod."""
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


_invalidation = [0]


class ABCMeta(type):
    """ABCMeta: the metaclass of abstract base classes. It records a class's abstract methods
    (`__abstractmethods__`), keeps the classes registered with `register`, and answers
    isinstance/issubclass from inheritance, registration and `__subclasshook__`."""

    def __init__(cls, name, bases, namespace, /, **kwargs):
        abstracts = set()
        for key, value in namespace.items():
            if _isabstract(value):
                abstracts.add(key)
        for base in bases:
            for key in getattr(base, "__abstractmethods__", ()):
                value = getattr(cls, key, None)
                if _isabstract(value):
                    abstracts.add(key)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._abc_registry = []
        cls._abc_subclasses = []
        # Answers already found (as CPython's caches): positive ones stay, negative ones are
        # dropped when any ABC registers a class.
        cls._abc_cache = {}
        cls._abc_negative_cache = {}
        cls._abc_negative_version = _invalidation[0]
        for base in bases:
            if isinstance(base, ABCMeta):
                base._abc_subclasses.append(cls)

    def register(cls, subclass):
        """register(subclass): make subclass a virtual subclass of this ABC (isinstance and
        issubclass answer True); returns subclass, so it works as a class decorator."""
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_registry.append(subclass)
        _invalidation[0] += 1
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("issubclass() arg 1 must be a class")
        if subclass in cls._abc_cache:
            return True
        if cls._abc_negative_version != _invalidation[0]:
            cls._abc_negative_cache = {}
            cls._abc_negative_version = _invalidation[0]
        elif subclass in cls._abc_negative_cache:
            return False
        ok = cls._subclasscheck(subclass)
        if ok:
            cls._abc_cache[subclass] = True
        else:
            cls._abc_negative_cache[subclass] = True
        return ok

    def _subclasscheck(cls, subclass):
        hook = getattr(cls, "__subclasshook__", None)
        if hook is not None:
            ok = hook(subclass)
            if ok is not NotImplemented:
                return bool(ok)
        if cls in subclass.__mro__:
            return True
        for rcls in cls._abc_registry:
            if issubclass(subclass, rcls):
                return True
        for scls in cls._abc_subclasses:
            if issubclass(subclass, scls):
                return True
        return False


class ABC(metaclass=ABCMeta):
    """ABC: a helper base class; `class Shape(ABC)` makes Shape an abstract base class."""

    __slots__ = ()


def get_cache_token():
    """A token that changes when an ABC's registry changes (always 0 in Slope)."""
    return 0


def update_abstractmethods(cls):
    """update_abstractmethods(cls): recompute cls.__abstractmethods__ after methods were added."""
    if not hasattr(cls, "__abstractmethods__"):
        return cls
    abstracts = set()
    for base in cls.__bases__:
        for name in getattr(base, "__abstractmethods__", ()):
            if _isabstract(getattr(cls, name, None)):
                abstracts.add(name)
    for name, value in cls.__dict__.items():
        if _isabstract(value):
            abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    return cls

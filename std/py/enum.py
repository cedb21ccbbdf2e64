"""Python's `enum` in Slope: `Enum`, `IntEnum`, `StrEnum`, `auto` and `unique`. The members
are instances of the class, made when the class statement ends (by the metaclass `EnumType`,
whose `__init__` Slope runs); the class iterates over them, indexes them by name
(`Color['RED']`), looks them up by value (`Color(1)`), and they print as CPython 3.11 prints
them (`<Color.RED: 1>`, `Color.RED`)."""

_auto_null = object()


class auto:
    """auto(): a member value chosen by the class (1, 2, 3, … for Enum and IntEnum, the member's
    lower-cased name for StrEnum)."""

    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return "auto(%r)" % self.value


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1:2] != "_" and name[-2:-1] != "_"


def _is_descriptor(obj):
    if isinstance(obj, type):
        return True
    if type(obj).__name__ in ("function", "classmethod", "staticmethod", "property", "builtin_function_or_method", "method"):
        return True
    return hasattr(type(obj), "__get__") or hasattr(type(obj), "__set__") or hasattr(type(obj), "__delete__")


_enum_ready = False


class EnumType(type):
    """EnumType (EnumMeta): the metaclass of Enum. It turns the class's plain attributes into
    members and gives the class iteration, len, `in`, indexing by name and lookup by value."""

    def __init__(cls, name, bases, namespace, /, **kwargs):
        cls._member_names_ = []
        cls._member_map_ = {}
        cls._value2member_map_ = {}
        # repr, str and format come from the Enum classes, not from a mixed-in int or str that
        # precedes them in the MRO (as CPython's EnumType arranges).
        for method in ("__repr__", "__str__", "__format__"):
            if method not in namespace:
                for base in cls.__mro__[1:]:
                    if isinstance(base, EnumType) and method in base.__dict__:
                        setattr(cls, method, base.__dict__[method])
                        break
        if not _enum_ready:
            return
        for base in bases:
            if isinstance(base, EnumType) and base._member_names_:
                raise TypeError(f"{name}: cannot extend enumeration {base.__name__!r}")  # help: an Enum with members cannot be subclassed; subclass a member-less Enum instead
        member_type = object
        for base in cls.__mro__[1:]:
            if base in (int, str, float):
                member_type = base
                break
        custom_init = any("__init__" in b.__dict__ for b in cls.__mro__ if isinstance(b, EnumType) and b not in (Enum, ReprEnum, IntEnum, StrEnum))
        last_values = []
        for key, value in list(namespace.items()):
            if _is_dunder(key) or _is_sunder(key) or key.startswith("_" + name + "__") or _is_descriptor(value):
                continue
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = cls._generate_next_value_(key, 1, len(cls._member_names_), last_values[:])
                value = value.value
            args = value if isinstance(value, tuple) else (value,)
            if member_type is object:
                member = object.__new__(cls)
                member._value_ = value
            else:
                member = member_type.__new__(cls, *args)
                member._value_ = member_type(*args)
            if custom_init:
                member.__init__(*args)
            member._name_ = key
            member.__objclass__ = cls
            canonical = None
            for other in cls._member_map_.values():
                if other._value_ == member._value_:
                    canonical = other
                    break
            if canonical is not None:
                cls._member_map_[key] = canonical
                setattr(cls, key, canonical)
                continue
            cls._member_names_.append(key)
            cls._member_map_[key] = member
            try:
                cls._value2member_map_[member._value_] = member
            except TypeError:
                pass
            setattr(cls, key, member)
            last_values.append(member._value_)

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1, boundary=None):
        if names is None:
            return cls._lookup(value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type, start=start)

    def _lookup(cls, value):
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for member in cls._member_map_.values():
            if member._value_ == value:
                return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is not None:
            raise TypeError(f"error in {cls.__name__}._missing_: returned {result!r} instead of None or a valid member")
        raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")  # help: call the class with a member's value, or index it with a member's name (Color['RED'])

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1):
        bases = (cls,) if type is None else (type, cls)
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        ns = {}
        if isinstance(names, dict):
            ns.update(names)
        else:
            names = list(names)
            last_values = []
            for count, item in enumerate(names):
                if isinstance(item, str):
                    value = cls._generate_next_value_(item, start, count, last_values[:])
                    last_values.append(value)
                    ns[item] = value
                else:
                    k, v = item
                    ns[k] = v
        ns["__module__"] = "__main__" if module is None else module
        return _builtin_type(class_name, bases, ns)

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': '%s' and '%s'" % (_builtin_type(member).__qualname__, "EnumType")
            )
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    @property
    def __members__(cls):
        return dict(cls._member_map_)


EnumMeta = EnumType
_builtin_type = type
Flag = None


class Enum(metaclass=EnumType):
    """Enum: the base class of enumerations.

        class Color(Enum):
            RED = 1
            GREEN = 2

    Color.RED is a member (an instance of Color) with .name 'RED' and .value 1; Color(1) and
    Color['RED'] give it; list(Color) lists the members in definition order (aliases, members
    with a value already taken, left out)."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        return "<%s.%s: %r>" % (self.__class__.__name__, self._name_, self._value_)

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __dir__(self):
        return ["__class__", "__doc__", "__eq__", "__hash__", "__module__", "name", "value"]

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        """The name of the member."""
        return self._name_

    @property
    def value(self):
        """The value of the member."""
        return self._value_


class ReprEnum(Enum):
    """An Enum whose str() and format() are those of its mixed-in type (IntEnum, StrEnum); only
    repr() shows the member."""


class IntEnum(int, ReprEnum):
    """IntEnum: an Enum whose members are also ints (they compare, hash and compute as their
    values; str() and format() give the number)."""

    def __str__(self):
        return int.__repr__(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)


class StrEnum(str, ReprEnum):
    """StrEnum: an Enum whose members are also strs (auto() gives the lower-cased name)."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    def __str__(self):
        return self._value_

    def __format__(self, format_spec):
        return format(self._value_, format_spec)


_enum_ready = True


def unique(enumeration):
    """unique(enumeration): a class decorator that refuses an Enum with aliases (two names for
    one value), with a ValueError naming them."""
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ", ".join(["%s -> %s" % (alias, name) for (alias, name) in duplicates])
        raise ValueError("duplicate values found in %r: %s" % (enumeration, alias_details))
    return enumeration

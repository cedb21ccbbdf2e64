"""Python's `enum` in Slope: `Enum`, `IntEnum`, `StrEnum`, `Flag`, `IntFlag`, `auto` and `unique`. The members
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

    def __or__(self, other):
        return _AutoExpr(lambda a, b: a | b, self, other)

    def __and__(self, other):
        return _AutoExpr(lambda a, b: a & b, self, other)

    def __xor__(self, other):
        return _AutoExpr(lambda a, b: a ^ b, self, other)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__


class _AutoExpr(auto):
    """A combination of auto() values (WHITE = RED | GREEN in a Flag), computed once the values
    of the members before it are chosen."""

    def __init__(self, op, a, b):
        self.op, self.a, self.b = op, a, b
        self.value = _auto_null

    def resolve(self):
        a = self.a.resolve() if isinstance(self.a, _AutoExpr) else self.a.value if isinstance(self.a, auto) else self.a
        b = self.b.resolve() if isinstance(self.b, _AutoExpr) else self.b.value if isinstance(self.b, auto) else self.b
        return self.op(a, b)


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
        custom_init = any("__init__" in b.__dict__ for b in cls.__mro__ if isinstance(b, EnumType) and b not in (Enum, ReprEnum, IntEnum, StrEnum, Flag, IntFlag))
        last_values = []
        for key, value in list(namespace.items()):
            if _is_dunder(key) or _is_sunder(key) or key.startswith("_" + name + "__") or _is_descriptor(value):
                continue
            if isinstance(value, _AutoExpr):
                value.value = value.resolve()
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
            # A Flag's multi-bit and zero members are named but not iterated (CPython 3.11).
            v = member._value_
            single = not isinstance(v, int) or (v > 0 and v & (v - 1) == 0)
            if single or Flag is None or not issubclass(cls, Flag):
                cls._member_names_.append(key)
            cls._member_map_[key] = member
            try:
                cls._value2member_map_[member._value_] = member
            except TypeError:
                pass
            setattr(cls, key, member)
            last_values.append(member._value_)
        if Flag is not None and issubclass(cls, Flag):
            mask = 0
            for member in cls._member_map_.values():
                v = member._value_
                if isinstance(v, int) and v > 0 and v & (v - 1) == 0:
                    mask |= v
            cls._flag_mask_ = mask
            cls._all_bits_ = 2 ** mask.bit_length() - 1

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
IntFlag = None


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


class Flag(Enum):
    """Flag: an Enum whose members combine with |, & and ^ (auto() gives 1, 2, 4, …); a
    combination is a member too (<Perm.R|W: 6>), `in` tests bits, and iterating over a
    combination gives the members it holds."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        return 2 ** max(last_values).bit_length()

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        if value < 0:
            value = cls._all_bits_ + 1 + value
        if value & ~cls._all_bits_ and not issubclass(cls, int):
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        member_type = int if issubclass(cls, int) else object
        pseudo = member_type.__new__(cls) if member_type is object else int.__new__(cls, value)
        pseudo._value_ = value
        names = [m._name_ for m in cls._iter_member_(value)]
        pseudo._name_ = "|".join(names) if names else None
        pseudo.__objclass__ = cls
        cls._value2member_map_[value] = pseudo
        return pseudo

    @classmethod
    def _iter_member_(cls, value):
        for name in cls._member_names_:
            m = cls._member_map_[name]
            v = m._value_
            if v and v & (v - 1) == 0 and v & value == v:
                yield m

    def __repr__(self):
        if self._name_ is None:
            return "<%s: %r>" % (self.__class__.__name__, self._value_)
        return "<%s.%s: %r>" % (self.__class__.__name__, self._name_, self._value_)

    def __str__(self):
        if self._name_ is None:
            return "%s(%r)" % (self.__class__.__name__, self._value_)
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError(
                "unsupported operand type(s) for 'in': %r and %r" % (type(other).__qualname__, self.__class__.__qualname__)
            )
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return self.__class__._iter_member_(self._value_)

    def __len__(self):
        return bin(self._value_).count("1")

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif not (issubclass(self.__class__, int) and isinstance(other, int)):
            return NotImplemented
        return self.__class__(self._value_ | other)

    def __and__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif not (issubclass(self.__class__, int) and isinstance(other, int)):
            return NotImplemented
        return self.__class__(self._value_ & other)

    def __xor__(self, other):
        if isinstance(other, self.__class__):
            other = other._value_
        elif not (issubclass(self.__class__, int) and isinstance(other, int)):
            return NotImplemented
        return self.__class__(self._value_ ^ other)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return self.__class__(self.__class__._flag_mask_ ^ self._value_)


class IntFlag(int, ReprEnum, Flag):
    """IntFlag: a Flag whose members are also ints (str() and format() give the number)."""

    __or__ = Flag.__or__
    __and__ = Flag.__and__
    __xor__ = Flag.__xor__
    __ror__ = Flag.__or__
    __rand__ = Flag.__and__
    __rxor__ = Flag.__xor__
    __invert__ = Flag.__invert__

    def __str__(self):
        return int.__repr__(self._value_)

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

"""Python's `collections` written in Slope: `namedtuple`, `defaultdict`, `OrderedDict`,
`Counter`, `deque` and `ChainMap`, with CPython 3.11's reprs, orders and messages. The
containers extend `dict` (an instance carries its dict as its base value); `deque` keeps a list
and the index of its first item, so popleft is O(1)."""

import keyword as _keyword
from operator import itemgetter as _itemgetter

_tuple_new = tuple.__new__


def _is_identifier(name):
    return name.isidentifier()


################################################################################
### namedtuple
################################################################################


def _nt_new(cls, fields, defaults, args, kwargs):
    """The values of a new named tuple from a call's arguments, with CPython's messages."""
    n = len(fields)
    qual = f"{cls.__name__}.__new__()"
    if len(args) > n:
        takes = f"{n + 1}" if not defaults else f"from {n - len(defaults) + 1} to {n + 1}"
        raise TypeError(f"{qual} takes {takes} positional arguments but {len(args) + 1} were given")  # help: pass one value per field
    values = list(args)
    given = {}
    for k, v in kwargs.items():
        if k not in fields:
            raise TypeError(f"{qual} got an unexpected keyword argument '{k}'")  # help: the fields are listed in _fields
        i = fields.index(k)
        if i < len(args) or k in given:
            raise TypeError(f"{qual} got multiple values for argument '{k}'")
        given[k] = v
    first_default = n - len(defaults)
    missing = []
    for i in range(len(args), n):
        name = fields[i]
        if name in given:
            values.append(given[name])
        elif i >= first_default:
            values.append(defaults[i - first_default])
        else:
            missing.append(name)
    if missing:
        quoted = [f"'{m}'" for m in missing]
        listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
        s = "" if len(missing) == 1 else "s"
        raise TypeError(f"{qual} missing {len(missing)} required positional argument{s}: {listed}")  # help: pass a value for every field without a default
    return values


def _install_namedtuple(cls, field_names, defaults):
    """Give the tuple subclass cls the methods and field properties of a named tuple."""
    field_names = tuple(field_names)
    defaults = tuple(defaults)
    typename = cls.__name__
    num_fields = len(field_names)

    def __new__(_cls, *args, **kwargs):
        return _tuple_new(_cls, _nt_new(_cls, field_names, defaults, args, kwargs))

    __new__.__doc__ = f"Create new instance of {typename}({', '.join(field_names)})"

    def _make(cls, iterable):
        result = _tuple_new(cls, iterable)
        if len(result) != num_fields:
            raise TypeError(f"Expected {num_fields} arguments, got {len(result)}")
        return result

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(name) if name in kwds else getattr(self, name) for name in field_names])
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")  # help: _replace takes the names in _fields
        return result

    def __repr__(self):
        return self.__class__.__name__ + "(" + ", ".join(f"{name}={value!r}" for name, value in zip(field_names, self)) + ")"

    def _asdict(self):
        """Return a new dict which maps field names to their values."""
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        """Return self as a plain tuple.  Used by copy and pickle."""
        return tuple(self)

    _make.__doc__ = f"Make a new {typename} object from a sequence or iterable"
    _replace.__doc__ = "Return a new namedtuple object replacing specified fields with new values"
    __repr__.__doc__ = "Return a nicely formatted representation string"
    cls.__new__ = __new__
    cls._make = classmethod(_make)
    cls._replace = _replace
    cls.__repr__ = __repr__
    cls._asdict = _asdict
    cls.__getnewargs__ = __getnewargs__
    cls._fields = field_names
    cls._field_defaults = dict(reversed(list(zip(reversed(field_names), reversed(defaults)))))
    cls.__match_args__ = field_names
    for index, name in enumerate(field_names):
        setattr(cls, name, property(_itemgetter(index), doc=f"Alias for field number {index}"))
    return cls


def _check_field_names(typename, field_names, rename):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = list(map(str, field_names))
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if not name.isidentifier() or _keyword.iskeyword(name) or name.startswith("_") or name in seen:
                field_names[index] = f"_{index}"
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError("Type names and field names must be strings")
        if not name.isidentifier():
            raise ValueError(f"Type names and field names must be valid identifiers: {name!r}")  # help: field names are Python identifiers, given as a list or a string "x y" / "x, y"
        if _keyword.iskeyword(name):
            raise ValueError(f"Type names and field names cannot be a keyword: {name!r}")
    seen = set()
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError(f"Field names cannot start with an underscore: {name!r}")
        if name in seen:
            raise ValueError(f"Encountered duplicate field name: {name!r}")
        seen.add(name)
    return field_names


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """namedtuple(typename, field_names, *, rename=False, defaults=None, module=None): a new
    tuple subclass whose items are also named attributes. field_names is a list of names or a
    string of names separated by spaces or commas; defaults apply to the rightmost fields.

    >>> Point = namedtuple('Point', ['x', 'y'])
    >>> p = Point(11, y=22)
    >>> p
    Point(x=11, y=22)
    >>> p.x + p[1]
    33
    """
    typename = str(typename)
    field_names = _check_field_names(typename, field_names, rename)
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError("Got more default values than field names")
    else:
        defaults = ()
    namespace = {
        "__doc__": f"{typename}({', '.join(field_names)})",
        "__slots__": (),
        "__module__": "__main__" if module is None else module,
    }
    cls = type(typename, (tuple,), namespace)
    return _install_namedtuple(cls, field_names, defaults)


################################################################################
### defaultdict
################################################################################


class defaultdict(dict):
    """defaultdict(default_factory=None, /, [...]): a dict that calls default_factory() for a
    missing key, stores the result under that key and returns it (a KeyError when
    default_factory is None). The other arguments are those of dict()."""

    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")  # help: pass a type or function, e.g. defaultdict(list)
        dict.__init__(self, *args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def __repr__(self):
        factory = repr(self.default_factory)
        return f"{type(self).__name__}({factory}, {dict.__repr__(self)})"

    def copy(self):
        """A shallow copy (a defaultdict with the same default_factory)."""
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self.default_factory, other)
        new.update(self)
        return new


################################################################################
### OrderedDict
################################################################################


class OrderedDict(dict):
    """OrderedDict(...): a dict that remembers insertion order and can reorder its keys
    (move_to_end, popitem(last=False)); two OrderedDicts are equal only in the same order."""

    def popitem(self, last=True):
        """popitem(last=True): remove and return the last (key, value) pair, or the first when
        last is false."""
        if not self:
            raise KeyError("dictionary is empty")
        key = next(reversed(list(dict.keys(self)))) if last else next(iter(dict.keys(self)))
        value = dict.pop(self, key)
        return key, value

    def move_to_end(self, key, last=True):
        """move_to_end(key, last=True): move an existing key to the end (the start when last is
        false)."""
        if key not in self:
            raise KeyError(key)
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)
        else:
            rest = list(dict.items(self))
            dict.clear(self)
            dict.__setitem__(self, key, value)
            for k, v in rest:
                dict.__setitem__(self, k, v)

    def __repr__(self):
        if not self:
            return f"{self.__class__.__name__}()"
        return f"{self.__class__.__name__}({list(self.items())!r})"

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def __reversed__(self):
        return reversed(list(dict.keys(self)))

    def copy(self):
        """A shallow copy."""
        return self.__class__(self)

    __copy__ = copy

    @classmethod
    def fromkeys(cls, iterable, value=None):
        """fromkeys(iterable, value=None): a new OrderedDict with keys from iterable."""
        self = cls()
        for key in iterable:
            self[key] = value
        return self

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.__class__(self)
        new.update(other)
        return new


################################################################################
### Counter
################################################################################


class Counter(dict):
    """Counter(iterable=None, /, **kwds): a dict that counts hashable items. A missing item
    counts 0; most_common(), elements(), update() and subtract() work on counts, and +, -, &, |
    combine Counters keeping positive counts.

    >>> c = Counter('abracadabra')
    >>> c.most_common(3)
    [('a', 5), ('b', 2), ('r', 2)]
    """

    def __init__(self, iterable=None, /, **kwds):
        dict.__init__(self)
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        """The sum of the counts."""
        return sum(self.values())

    def most_common(self, n=None):
        """most_common(n=None): the n most common items and their counts, most common first
        (items of equal count in the order first seen); all of them when n is None."""
        items = sorted(self.items(), key=_itemgetter(1), reverse=True)
        if n is None:
            return items
        return items[: max(n, 0)]

    def elements(self):
        """An iterator over the items, each repeated as many times as its count (counts below
        one are left out)."""
        return _elements(list(self.items()))

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError("Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")  # help: write Counter(iterable)

    def update(self, iterable=None, /, **kwds):
        """update(iterable=None, /, **kwds): add counts from an iterable of items or a mapping
        of counts (unlike dict.update, counts add up)."""
        if iterable is not None:
            if isinstance(iterable, dict):
                if self:
                    for elem, count in iterable.items():
                        self[elem] = count + self[elem]
                else:
                    dict.update(self, iterable)
            else:
                for elem in iterable:
                    self[elem] = self[elem] + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        """subtract(iterable=None, /, **kwds): subtract counts (they may go to zero or below)."""
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self[elem] - count
            else:
                for elem in iterable:
                    self[elem] = self[elem] - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        """A shallow copy."""
        return self.__class__(self)

    __copy__ = copy

    def __delitem__(self, elem):
        if elem in self:
            dict.__delitem__(self, elem)

    def __repr__(self):
        if not self:
            return f"{self.__class__.__name__}()"
        try:
            d = dict(self.most_common())
        except TypeError:
            d = dict(self)
        return f"{self.__class__.__name__}({d!r})"

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] == other[e] for c in (self, other) for e in c)

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    __hash__ = None

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] <= other[e] for c in (self, other) for e in c)

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] >= other[e] for c in (self, other) for e in c)

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result

    def __pos__(self):
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result

    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result


def _elements(items):
    for elem, count in items:
        for _ in range(count):
            yield elem


################################################################################
### deque
################################################################################


class deque:
    """deque(iterable=(), maxlen=None): a double-ended queue with O(1) append and pop at both
    ends; with a maxlen, adding to a full deque drops items from the other end."""

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._maxlen = maxlen
        self._data = []
        self._head = 0
        self.extend(iterable)

    @property
    def maxlen(self):
        """The maximum size of the deque, or None when unbounded."""
        return self._maxlen

    def _items(self):
        if self._head:
            del self._data[: self._head]
            self._head = 0
        return self._data

    def append(self, x):
        """Add x to the right end."""
        if self._maxlen == 0:
            return
        self._data.append(x)
        if self._maxlen is not None and len(self._data) - self._head > self._maxlen:
            self.popleft()

    def appendleft(self, x):
        """Add x to the left end."""
        if self._maxlen == 0:
            return
        if self._head:
            self._head -= 1
            self._data[self._head] = x
        else:
            self._data.insert(0, x)
        if self._maxlen is not None and len(self._data) - self._head > self._maxlen:
            self._data.pop()

    def pop(self):
        """Remove and return the rightmost item."""
        if len(self._data) == self._head:
            raise IndexError("pop from an empty deque")  # help: check `if d:` (or len(d)) before popping
        x = self._data.pop()
        if len(self._data) == self._head:
            self._data = []
            self._head = 0
        return x

    def popleft(self):
        """Remove and return the leftmost item."""
        if len(self._data) == self._head:
            raise IndexError("pop from an empty deque")  # help: check `if d:` (or len(d)) before popping
        x = self._data[self._head]
        self._data[self._head] = None
        self._head += 1
        if self._head * 2 >= len(self._data):
            self._items()
        return x

    def extend(self, iterable):
        """Add the items of iterable to the right end."""
        if iterable is self:
            iterable = list(self)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        """Add the items of iterable to the left end, one by one (so they end up reversed)."""
        if iterable is self:
            iterable = list(self)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        """Remove every item."""
        self._data = []
        self._head = 0

    def copy(self):
        """A shallow copy."""
        return self.__class__(self, self._maxlen)

    __copy__ = copy

    def count(self, x):
        """The number of items equal to x."""
        return self._items().count(x)

    def index(self, x, start=0, stop=None):
        """The position of the first item equal to x (between start and stop)."""
        items = self._items()
        n = len(items)
        stop = n if stop is None else stop
        if start < 0:
            start = max(start + n, 0)
        if stop < 0:
            stop = max(stop + n, 0)
        for i in range(start, min(stop, n)):
            if items[i] == x:
                return i
        raise ValueError(f"{x!r} is not in deque")

    def insert(self, i, x):
        """Insert x before position i."""
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        self._items().insert(i, x)

    def remove(self, value):
        """Remove the first item equal to value."""
        items = self._items()
        for i in range(len(items)):
            if items[i] == value:
                del items[i]
                return
        raise ValueError(f"{value!r} is not in deque")

    def reverse(self):
        """Reverse the items in place."""
        self._items().reverse()

    def rotate(self, n=1):
        """Rotate n steps to the right (to the left when n is negative)."""
        items = self._items()
        k = len(items)
        if k <= 1:
            return
        n = n % k
        if n:
            self._data = items[k - n :] + items[: k - n]

    def __len__(self):
        return len(self._data) - self._head

    def __bool__(self):
        return len(self._data) > self._head

    def __iter__(self):
        return iter(self._data[self._head :])

    def __reversed__(self):
        return reversed(self._data[self._head :])

    def __contains__(self, x):
        return x in self._items()

    def _index(self, i):
        if not isinstance(i, int):
            raise TypeError(f"sequence index must be integer, not '{type(i).__name__}'")  # help: deques index by int only; use list(d)[a:b] or itertools.islice for a slice
        n = len(self)
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError("deque index out of range")  # help: valid indices run from -len(d) to len(d) - 1
        return self._head + i

    def __getitem__(self, i):
        return self._data[self._index(i)]

    def __setitem__(self, i, x):
        self._data[self._index(i)] = x

    def __delitem__(self, i):
        del self._data[self._index(i)]

    def __repr__(self):
        items = repr(self._data[self._head :])
        if self._maxlen is None:
            return f"{type(self).__name__}({items})"
        return f"{type(self).__name__}({items}, maxlen={self._maxlen})"

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() == other._items()

    def __ne__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() != other._items()

    def __lt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() < other._items()

    def __le__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() <= other._items()

    def __gt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() > other._items()

    def __ge__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() >= other._items()

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError(f'can only concatenate deque (not "{type(other).__name__}") to deque')
        new = self.copy()
        new.extend(other)
        return new

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        return self.__class__(list(self) * n, self._maxlen)

    __rmul__ = __mul__

    def __imul__(self, n):
        items = list(self) * n
        self.clear()
        self.extend(items)
        return self


################################################################################
### ChainMap
################################################################################


class ChainMap:
    """ChainMap(*maps): one view of several mappings, searched in order; writes and deletions go
    to the first mapping."""

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)

    def get(self, key, default=None):
        """The value for key in the first mapping that has it, else default."""
        return self[key] if key in self else default

    def _merged(self):
        d = {}
        for mapping in reversed(self.maps):
            for k in mapping:
                d[k] = None
        return d

    def __len__(self):
        return len(self._merged())

    def __iter__(self):
        return iter(self._merged())

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def keys(self):
        """The keys of all the mappings, each once."""
        return self._merged().keys()

    def items(self):
        """(key, value) pairs, with each key's value from the first mapping that has it."""
        return {k: self[k] for k in self._merged()}.items()

    def values(self):
        """Each key's value from the first mapping that has it."""
        return {k: self[k] for k in self._merged()}.values()

    def __repr__(self):
        return f"{self.__class__.__name__}({', '.join(map(repr, self.maps))})"

    def __eq__(self, other):
        if isinstance(other, ChainMap):
            return dict(self.items()) == dict(other.items())
        if isinstance(other, dict):
            return dict(self.items()) == other
        return NotImplemented

    @classmethod
    def fromkeys(cls, iterable, *args):
        """A ChainMap of one new dict with keys from iterable."""
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        """A new ChainMap with a copy of the first mapping and the others shared."""
        return self.__class__(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        """A new ChainMap with a new map (m, or an empty dict) followed by all these maps."""
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return self.__class__(m, *self.maps)

    @property
    def parents(self):
        """A new ChainMap of all the maps but the first."""
        return self.__class__(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}") from None

    def pop(self, key, *args):
        """Remove key from the first mapping and return its value."""
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}") from None

    def popitem(self):
        """Remove and return a (key, value) pair of the first mapping."""
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError("No keys found in the first mapping.") from None

    def clear(self):
        """Empty the first mapping."""
        self.maps[0].clear()

    def update(self, other=(), /, **kwds):
        """Update the first mapping."""
        self.maps[0].update(other, **kwds)

    def setdefault(self, key, default=None):
        """self[key], setting it to default in the first mapping when absent."""
        if key not in self:
            self[key] = default
        return self[key]

    def __or__(self, other):
        m = self.copy()
        m.maps[0].update(other)
        return m

    def __ior__(self, other):
        self.maps[0].update(other)
        return self


class UserDict(dict):
    """UserDict: a dict subclass meant to be extended (Slope keeps the data in the instance's dict
    base; `.data` is the instance itself)."""

    @property
    def data(self):
        return self


class UserList(list):
    """UserList: a list subclass meant to be extended (`.data` is the instance itself)."""

    @property
    def data(self):
        return self


"""weakref: ref (ReferenceType), WeakValueDictionary, WeakKeyDictionary and WeakSet, over
`_weakref` (std/src/pylib/weakref.rs), which holds Rust `Weak` pointers: a reference to an
instance, a function or a class gives None once its referent is freed. Slope frees objects
without a hook, so the callback given to `ref` is never called, and `finalize` is missing."""
import _weakref


class ref:
    """A weak reference: calling it gives the referent, or None once the referent is freed."""

    def __init__(self, obj, callback=None):
        self._h = _weakref.new(obj)
        self._hash = None
        self.__callback__ = callback

    def __call__(self):
        return _weakref.get(self._h)

    def __eq__(self, other):
        if not isinstance(other, ref):
            return NotImplemented
        a, b = self(), other()
        if a is None or b is None:
            return self is other
        return a == b

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __hash__(self):
        if self._hash is None:
            o = self()
            if o is None:
                raise TypeError("weak object has gone away")
            self._hash = hash(o)
        return self._hash

    def __repr__(self):
        o = self()
        if o is None:
            return f"<weakref at {hex(id(self))}; dead>"
        return f"<weakref at {hex(id(self))}; to '{type(o).__name__}' at {hex(id(o))}>"


ReferenceType = ref


class WeakValueDictionary:
    """A dict whose values are held weakly: an entry goes when its value is freed."""

    def __init__(self, other=None, **kw):
        self._d = {}
        if other is not None:
            self.update(other)
        self.update(kw)

    def _live(self):
        out = []
        for k, r in list(self._d.items()):
            o = r()
            if o is None:
                del self._d[k]
            else:
                out.append((k, o))
        return out

    def __setitem__(self, key, value):
        self._d[key] = ref(value)

    def __getitem__(self, key):
        o = self._d[key]()
        if o is None:
            del self._d[key]
            raise KeyError(key)
        return o

    def __delitem__(self, key):
        del self._d[key]

    def __contains__(self, key):
        r = self._d.get(key)
        return r is not None and r() is not None

    def __len__(self):
        return len(self._live())

    def __iter__(self):
        return iter([k for k, _ in self._live()])

    def get(self, key, default=None):
        r = self._d.get(key)
        o = None if r is None else r()
        return default if o is None else o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def pop(self, key, *default):
        r = self._d.pop(key, None)
        o = None if r is None else r()
        if o is None:
            if default:
                return default[0]
            raise KeyError(key)
        return o

    def update(self, other=(), **kw):
        items = other.items() if hasattr(other, "items") else other
        for k, v in items:
            self[k] = v
        for k, v in kw.items():
            self[k] = v

    def keys(self):
        return [k for k, _ in self._live()]

    def values(self):
        return [o for _, o in self._live()]

    def items(self):
        return self._live()

    def __repr__(self):
        return f"<WeakValueDictionary at {hex(id(self))}>"


class WeakKeyDictionary:
    """A dict whose keys are held weakly: an entry goes when its key is freed."""

    def __init__(self, dict=None):
        self._d = {}
        if dict is not None:
            self.update(dict)

    def _live(self):
        out = []
        for i, (r, v) in list(self._d.items()):
            k = r()
            if k is None:
                del self._d[i]
            else:
                out.append((k, v))
        return out

    def __setitem__(self, key, value):
        self._d[id(key)] = (ref(key), value)

    def __getitem__(self, key):
        r, v = self._d[id(key)]
        if r() is not key:
            raise KeyError(key)
        return v

    def __delitem__(self, key):
        del self._d[id(key)]

    def __contains__(self, key):
        e = self._d.get(id(key))
        return e is not None and e[0]() is key

    def __len__(self):
        return len(self._live())

    def __iter__(self):
        return iter([k for k, _ in self._live()])

    def get(self, key, default=None):
        return self[key] if key in self else default

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def pop(self, key, *default):
        if key in self:
            v = self[key]
            del self[key]
            return v
        if default:
            return default[0]
        raise KeyError(key)

    def update(self, other=(), **kw):
        items = other.items() if hasattr(other, "items") else other
        for k, v in items:
            self[k] = v

    def keys(self):
        return [k for k, _ in self._live()]

    def values(self):
        return [v for _, v in self._live()]

    def items(self):
        return self._live()

    def __repr__(self):
        return f"<WeakKeyDictionary at {hex(id(self))}>"


class WeakSet:
    """A set whose members are held weakly: a member goes when it is freed."""

    def __init__(self, data=None):
        self._d = WeakKeyDictionary()
        if data is not None:
            for x in data:
                self.add(x)

    def add(self, item):
        self._d[item] = True

    def discard(self, item):
        if item in self._d:
            del self._d[item]

    def remove(self, item):
        del self._d[item]

    def __contains__(self, item):
        return item in self._d

    def __len__(self):
        return len(self._d)

    def __iter__(self):
        return iter(self._d.keys())

    def __repr__(self):
        return f"<WeakSet at {hex(id(self))}>"

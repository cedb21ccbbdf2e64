"""Python's `functools` written in Slope: `partial`, `reduce`, `wraps` and `update_wrapper`,
`lru_cache` and `cache`, `cached_property`, `total_ordering`, `singledispatch`, `cmp_to_key`,
with CPython 3.11's behaviour and messages."""

WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__", "__doc__", "__annotations__")
WRAPPER_UPDATES = ("__dict__",)


class _Missing:
    def __repr__(self):
        return "<missing>"


_MISSING = _Missing()


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """update_wrapper(wrapper, wrapped): copy __module__, __name__, __qualname__, __doc__ and
    __annotations__ from wrapped to wrapper, merge wrapped's __dict__ into wrapper's, set
    wrapper.__wrapped__ = wrapped, and return wrapper."""
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            try:
                setattr(wrapper, attr, value)
            except AttributeError:
                pass
    for attr in updated:
        try:
            extra = getattr(wrapped, attr)
        except AttributeError:
            continue
        # A function's __dict__ is a copy in Slope, so its items are set one by one.
        for k, v in extra.items():
            try:
                setattr(wrapper, k, v)
            except AttributeError:
                pass
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """wraps(wrapped): a decorator that applies update_wrapper(wrapper, wrapped) to the function
    it decorates (the usual way to write a decorator that keeps the wrapped function's name and
    docstring)."""

    def decorator(wrapper):
        return update_wrapper(wrapper, wrapped, assigned, updated)

    return decorator


class partial:
    """partial(func, *args, **keywords): a callable that calls func with args followed by the
    call's arguments, and keywords updated by the call's keywords. `.func`, `.args` and
    `.keywords` hold what it was made with; a partial of a partial is flattened."""

    def __new__(cls, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if isinstance(func, partial):
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self = object.__new__(cls)
        self.func = func
        self.args = args
        self.keywords = keywords
        return self

    def __call__(self, /, *args, **keywords):
        keywords = {**self.keywords, **keywords}
        return self.func(*self.args, *args, **keywords)

    def __get__(self, obj, objtype=None):
        # A partial stored on a class is not a method (CPython's partial has no __get__ either).
        return self

    def __repr__(self):
        qualname = type(self).__qualname__
        module = type(self).__module__
        args = [repr(self.func)]
        args.extend(repr(x) for x in self.args)
        args.extend(f"{k}={v!r}" for (k, v) in self.keywords.items())
        if module == "functools":
            return f"functools.{qualname}({', '.join(args)})"
        return f"{module}.{qualname}({', '.join(args)})"


class partialmethod:
    """partialmethod(func, *args, **keywords): like partial, for a method defined in a class
    body (self comes first, then args, then the call's arguments)."""

    def __init__(self, func, /, *args, **keywords):
        self.func = func
        self.args = args
        self.keywords = keywords

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return partial(self.func, obj, *self.args, **self.keywords)


def reduce(function, iterable, initial=_MISSING, /):
    """reduce(function, iterable[, initial]): apply function of two arguments cumulatively to
    the items of iterable, from left to right, so reduce(f, [a, b, c]) is f(f(a, b), c);
    initial, when given, comes before the items and is the result of an empty iterable."""
    it = iter(iterable)
    if initial is _MISSING:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value") from None  # help: pass an initial value as the third argument
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value


def _make_cache_info():
    from collections import namedtuple

    return namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])


_CacheInfo = None


def _cache_key(args, kwds, typed):
    key = args
    if kwds:
        key = key + (_KWD_MARK,)
        for item in kwds.items():
            key = key + item
    if typed:
        key = key + tuple(type(v) for v in args)
        if kwds:
            key = key + tuple(type(v) for v in kwds.values())
    elif len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    try:
        hash(key)
    except TypeError as e:
        raise TypeError(str(e)) from None  # help: a cached function's arguments must be hashable: pass a tuple instead of a list, a frozenset instead of a set
    return key


_KWD_MARK = _Missing()


def _lru_cache_wrapper(user_function, maxsize, typed):
    global _CacheInfo
    if _CacheInfo is None:
        _CacheInfo = _make_cache_info()
    cache = {}
    stats = [0, 0]  # hits, misses

    def wrapper(*args, **kwds):
        key = _cache_key(args, kwds, typed)
        if key in cache:
            stats[0] += 1
            if maxsize is not None:
                # Most recently used last.
                result = cache.pop(key)
                cache[key] = result
                return result
            return cache[key]
        stats[1] += 1
        result = user_function(*args, **kwds)
        if maxsize is None:
            cache[key] = result
        elif maxsize > 0:
            if key in cache:
                return result
            if len(cache) >= maxsize:
                oldest = next(iter(cache))
                del cache[oldest]
            cache[key] = result
        return result

    def cache_info():
        """Report cache statistics: CacheInfo(hits, misses, maxsize, currsize)."""
        return _CacheInfo(stats[0], stats[1], maxsize, len(cache))

    def cache_clear():
        """Clear the cache and its statistics."""
        cache.clear()
        stats[0] = 0
        stats[1] = 0

    def cache_parameters():
        """The cache's parameters: {'maxsize': …, 'typed': …}."""
        return {"maxsize": maxsize, "typed": typed}

    update_wrapper(wrapper, user_function)
    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    wrapper.cache_parameters = cache_parameters
    return wrapper


def lru_cache(maxsize=128, typed=False):
    """lru_cache(maxsize=128, typed=False): a decorator that memoizes a function's results by
    its (hashable) arguments, keeping the maxsize most recently used (all of them when maxsize
    is None). `@lru_cache` without parentheses works too. The wrapper has cache_info() and
    cache_clear()."""
    if isinstance(maxsize, int) and not isinstance(maxsize, bool):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        user_function, maxsize = maxsize, 128
        return _lru_cache_wrapper(user_function, maxsize, typed)
    elif maxsize is not None:
        raise TypeError("Expected first argument to be an integer, a callable, or None")  # help: write @lru_cache, @lru_cache(maxsize=N) or @lru_cache(None)

    def decorating_function(user_function):
        return _lru_cache_wrapper(user_function, maxsize, typed)

    return decorating_function


def cache(user_function, /):
    """cache(user_function): a simple unbounded memoizing decorator (lru_cache(maxsize=None))."""
    return lru_cache(maxsize=None)(user_function)


class cached_property:
    """cached_property(func): a property computed once per instance, on first access, and then
    kept in the instance's attributes (delete the attribute to compute it again)."""

    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError(
                "Cannot assign the same cached_property to two different names "
                f"({self.attrname!r} and {name!r})."
            )

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError("Cannot use cached_property instance without calling __set_name__ on it.")
        val = self.func(instance)
        setattr(instance, self.attrname, val)
        return val


_convert = {
    "__lt__": [
        ("__gt__", lambda self, other: _not_op_and_not_eq(self.__lt__, self, other)),
        ("__le__", lambda self, other: _op_or_eq(self.__lt__, self, other)),
        ("__ge__", lambda self, other: _not_op(self.__lt__, other)),
    ],
    "__le__": [
        ("__ge__", lambda self, other: _not_op_or_eq(self.__le__, self, other)),
        ("__lt__", lambda self, other: _op_and_not_eq(self.__le__, self, other)),
        ("__gt__", lambda self, other: _not_op(self.__le__, other)),
    ],
    "__gt__": [
        ("__lt__", lambda self, other: _not_op_and_not_eq(self.__gt__, self, other)),
        ("__ge__", lambda self, other: _op_or_eq(self.__gt__, self, other)),
        ("__le__", lambda self, other: _not_op(self.__gt__, other)),
    ],
    "__ge__": [
        ("__le__", lambda self, other: _not_op_or_eq(self.__ge__, self, other)),
        ("__gt__", lambda self, other: _op_and_not_eq(self.__ge__, self, other)),
        ("__lt__", lambda self, other: _not_op(self.__ge__, other)),
    ],
}


def _not_op(op, other):
    r = op(other)
    if r is NotImplemented:
        return r
    return not r


def _op_or_eq(op, self, other):
    r = op(other)
    if r is NotImplemented:
        return r
    return r or self == other


def _not_op_and_not_eq(op, self, other):
    r = op(other)
    if r is NotImplemented:
        return r
    return not r and self != other


def _not_op_or_eq(op, self, other):
    r = op(other)
    if r is NotImplemented:
        return r
    return not r or self == other


def _op_and_not_eq(op, self, other):
    r = op(other)
    if r is NotImplemented:
        return r
    return r and self != other


def total_ordering(cls):
    """total_ordering(cls): a class decorator that fills in the missing ordering methods from
    __eq__ and one of __lt__, __le__, __gt__, __ge__."""
    roots = [op for op in ("__lt__", "__le__", "__gt__", "__ge__") if op in cls.__dict__]
    if not roots:
        raise ValueError("must define at least one ordering operation: < > <= >=")  # help: define __lt__ (or __le__, __gt__, __ge__) in the class
    root = roots[0]
    for opname, opfunc in _convert[root]:
        if opname not in roots:
            setattr(cls, opname, opfunc)
    return cls


def cmp_to_key(mycmp):
    """cmp_to_key(mycmp): a key function for sorted() and min()/max() from an old-style
    comparison function (negative, zero or positive for less, equal, greater)."""

    class K:
        __slots__ = ["obj"]

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None

    return K


def _find_impl(cls, registry):
    for c in cls.__mro__:
        if c in registry:
            return registry[c]
    return registry[object]


def singledispatch(func):
    """singledispatch(func): a generic function that picks an implementation by the type of its
    first argument; add implementations with @f.register(type) (or @f.register on a function
    whose first parameter is annotated with a class)."""
    registry = {object: func}

    def dispatch(cls):
        """The implementation for the class cls."""
        return _find_impl(cls, registry)

    def register(cls, func=None):
        """register(cls, func): add func as the implementation for cls (a decorator when func is
        left out)."""
        if func is None:
            if isinstance(cls, type):
                return lambda f: register(cls, f)
            f = cls
            ann = getattr(f, "__annotations__", {})
            if not ann:
                # help: Slope keeps no parameter annotations: name the class, as in @f.register(int)
                raise TypeError(
                    f"Invalid first argument to `register()`: {f!r}. "
                    "Use either `@register(some_class)` or plain `@register` on an annotated function."
                )
            name, annotation = next(iter(ann.items()))
            if isinstance(annotation, str):
                annotation = f.__globals__[annotation] if hasattr(f, "__globals__") else eval(annotation)
            registry[annotation] = f
            return f
        registry[cls] = func
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError(f"{funcname} requires at least 1 positional argument")
        return dispatch(args[0].__class__)(*args, **kw)

    funcname = getattr(func, "__name__", "singledispatch function")
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    update_wrapper(wrapper, func)
    return wrapper

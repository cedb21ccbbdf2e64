"""Python's `operator` module: the operators as functions (`add`, `mul`, `getitem`, …) and the
callables `itemgetter`, `attrgetter` and `methodcaller`, which are closures here."""


def lt(a, b):
    """lt(a, b): a < b."""
    return a < b


def le(a, b):
    """le(a, b): a <= b."""
    return a <= b


def eq(a, b):
    """eq(a, b): a == b."""
    return a == b


def ne(a, b):
    """ne(a, b): a != b."""
    return a != b


def ge(a, b):
    """ge(a, b): a >= b."""
    return a >= b


def gt(a, b):
    """gt(a, b): a > b."""
    return a > b


def not_(a):
    """not_(a): not a."""
    return not a


def truth(a):
    """truth(a): True if a is true, else False."""
    return True if a else False


def is_(a, b):
    """is_(a, b): a is b."""
    return a is b


def is_not(a, b):
    """is_not(a, b): a is not b."""
    return a is not b


_abs = abs


def abs(a):
    """abs(a): the absolute value of a."""
    return _abs(a)


def add(a, b):
    """add(a, b): a + b."""
    return a + b


def and_(a, b):
    """and_(a, b): a & b (bitwise and)."""
    return a & b


def floordiv(a, b):
    """floordiv(a, b): a // b."""
    return a // b


def index(a):
    """index(a): a as an int, for values that are integers (ints, bools, integer arrays of one element)."""
    if isinstance(a, bool):
        return 1 if a else 0
    if isinstance(a, int):
        return a
    if hasattr(a, 'dtype') and a.size == 1 and a.dtype.kind in 'iub':
        return int(a)
    raise TypeError(f"'{type(a).__name__}' object cannot be interpreted as an integer")


def inv(a):
    """inv(a): ~a (bitwise inverse)."""
    return ~a


invert = inv


def lshift(a, b):
    """lshift(a, b): a << b."""
    return a << b


def mod(a, b):
    """mod(a, b): a % b."""
    return a % b


def mul(a, b):
    """mul(a, b): a * b."""
    return a * b


def matmul(a, b):
    """matmul(a, b): a @ b."""
    return a @ b


def neg(a):
    """neg(a): -a."""
    return -a


def or_(a, b):
    """or_(a, b): a | b (bitwise or)."""
    return a | b


def pos(a):
    """pos(a): +a."""
    return +a


def pow(a, b):
    """pow(a, b): a ** b."""
    return a ** b


def rshift(a, b):
    """rshift(a, b): a >> b."""
    return a >> b


def sub(a, b):
    """sub(a, b): a - b."""
    return a - b


def truediv(a, b):
    """truediv(a, b): a / b."""
    return a / b


def xor(a, b):
    """xor(a, b): a ^ b (bitwise exclusive or)."""
    return a ^ b


def concat(a, b):
    """concat(a, b): a + b for sequences."""
    if not hasattr(a, '__getitem__') and not isinstance(a, (list, tuple, str)):
        raise TypeError(f"'{type(a).__name__}' object can't be concatenated")
    return a + b


def contains(a, b):
    """contains(a, b): b in a."""
    return b in a


def countOf(a, b):
    """countOf(a, b): how many items of a are b or equal to b."""
    n = 0
    for x in a:
        if x is b or x == b:
            n += 1
    return n


def indexOf(a, b):
    """indexOf(a, b): the index of the first item of a that is b or equal to b."""
    i = 0
    for x in a:
        if x is b or x == b:
            return i
        i += 1
    raise ValueError('sequence.index(x): x not in sequence')


def getitem(a, b):
    """getitem(a, b): a[b]."""
    return a[b]


def setitem(a, b, c):
    """setitem(a, b, c): a[b] = c."""
    a[b] = c


def delitem(a, b):
    """delitem(a, b): del a[b]."""
    del a[b]


def length_hint(obj, default=0):
    """length_hint(obj, default=0): len(obj), or default for objects without a length."""
    try:
        return len(obj)
    except TypeError:
        return default


def itemgetter(item, *items):
    """itemgetter(item, *items): a function f with f(obj) = obj[item], or the tuple (obj[item], obj[i2], ...) for several items."""
    if not items:
        def g(obj):
            return obj[item]
        return g
    keys = (item,) + items

    def g(obj):
        return tuple([obj[k] for k in keys])
    return g


def _resolve(obj, attr):
    for name in attr.split('.'):
        obj = getattr(obj, name)
    return obj


def attrgetter(attr, *attrs):
    """attrgetter(attr, *attrs): a function f with f(obj) = obj.attr (dotted names follow attributes), or a tuple for several names."""
    for a in (attr,) + attrs:
        if not isinstance(a, str):
            raise TypeError('attribute name must be a string')
    if not attrs:
        def g(obj):
            return _resolve(obj, attr)
        return g
    names = (attr,) + attrs

    def g(obj):
        return tuple([_resolve(obj, a) for a in names])
    return g


def methodcaller(name, *args, **kwargs):
    """methodcaller(name, *args, **kwargs): a function f with f(obj) = obj.name(*args, **kwargs)."""
    if not isinstance(name, str):
        raise TypeError('method name must be a string')

    def g(obj):
        return getattr(obj, name)(*args, **kwargs)
    return g


# The in-place forms: Python's values here are either immutable (numbers, strings, tuples,
# arrays) or lists, whose `+=` extends in place.
def iadd(a, b):
    """iadd(a, b): a += b, returning a."""
    a += b
    return a


def isub(a, b):
    """isub(a, b): a -= b, returning a."""
    a -= b
    return a


def imul(a, b):
    """imul(a, b): a *= b, returning a."""
    a *= b
    return a


def itruediv(a, b):
    """itruediv(a, b): a /= b, returning a."""
    a /= b
    return a


def ifloordiv(a, b):
    """ifloordiv(a, b): a //= b, returning a."""
    a //= b
    return a


def imod(a, b):
    """imod(a, b): a %= b, returning a."""
    a %= b
    return a


def ipow(a, b):
    """ipow(a, b): a **= b, returning a."""
    a **= b
    return a


__lt__ = lt
__le__ = le
__eq__ = eq
__ne__ = ne
__ge__ = ge
__gt__ = gt
__add__ = add
__sub__ = sub
__mul__ = mul
__truediv__ = truediv
__floordiv__ = floordiv
__mod__ = mod
__pow__ = pow
__neg__ = neg
__pos__ = pos
__abs__ = abs
__getitem__ = getitem
__contains__ = contains

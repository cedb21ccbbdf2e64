# functools as programs use it: partial (repr, attributes, nesting, keywords), reduce, wraps in
# decorators, lru_cache and cache on recursive functions and methods, cached_property,
# total_ordering, cmp_to_key with sorted, singledispatch; caught errors print type and message.
import functools
from functools import cache, cached_property, cmp_to_key, lru_cache, partial, reduce, total_ordering, wraps
import operator


def power(base, exponent, scale=1):
    return scale * base**exponent


square = partial(power, exponent=2)
cube = partial(power, exponent=3)
print(square(4), cube(2), square(3, scale=10))
print(square.func is power, square.args, square.keywords)
p = partial(max, 1, 5)
print(p, p(3), p(9, 2))
add3 = partial(operator.add, 3)
print(add3(4), list(map(add3, [1, 2, 3])))
nested = partial(partial(power, 2), 5)
print(nested(), nested.func is power, nested.args, nested.keywords)
kw = partial(partial(power, scale=2), exponent=3)
print(kw(2), kw.keywords)
print(repr(partial(pow, 2)), (3).__class__, 'a'.__class__.__name__)
print(repr(partial(min, key=abs)))
print(type(p).__name__, callable(p))
try:
    partial(3)
except TypeError as e:
    print(type(e).__name__, e)

print(reduce(operator.add, [1, 2, 3, 4]))
print(reduce(operator.mul, range(1, 6), 1))
print(reduce(lambda acc, x: acc + [x * 2], [1, 2, 3], []))
print(reduce(max, [3, 9, 2]), reduce(operator.add, [], 0), reduce(operator.add, ["a"]))
print(reduce(lambda a, b: a * 10 + b, iter([1, 2, 3])))
try:
    reduce(operator.add, [])
except TypeError as e:
    print(type(e).__name__, e)


def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        """The wrapper's own docstring."""
        print(f"calling {func.__name__}{args}")
        return func(*args, **kwargs)

    return wrapper


@logged
def area(w, h):
    """Area of a rectangle."""
    return w * h


print(area(3, 4), area.__name__, area.__doc__, area.__wrapped__(2, 2))
print(area.__qualname__)


def plain(x):
    return x


def shell(*a):
    return plain(*a)


functools.update_wrapper(shell, plain)
print(shell.__name__, shell.__wrapped__ is plain, shell.__doc__)


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(30), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())
print(fib(10), fib.cache_info().hits, fib.cache_info().misses)


@lru_cache
def slow_square(x):
    print("computing", x)
    return x * x


print(slow_square(3), slow_square(3), slow_square(4))
print(slow_square.cache_info())
print(slow_square.__name__, slow_square.__wrapped__(5))


@lru_cache(maxsize=2)
def ident(x):
    print("miss", x)
    return x


ident(1)
ident(2)
ident(1)
ident(3)
ident(2)
ident(1)
info = ident.cache_info()
print(info, info.currsize, info.maxsize, info._fields)
hits, misses, maxsize, currsize = info
print(hits, misses, maxsize, currsize)


@lru_cache(maxsize=None)
def kwfun(a, b=1, *, c=0):
    print("run", a, b, c)
    return a + b + c


print(kwfun(1), kwfun(1), kwfun(1, b=2), kwfun(1, c=5), kwfun(1, c=5))
print(kwfun.cache_info())
try:
    kwfun([1])
except TypeError as e:
    print(type(e).__name__, e)


@cache
def grid_paths(r, c):
    if r == 0 or c == 0:
        return 1
    return grid_paths(r - 1, c) + grid_paths(r, c - 1)


print(grid_paths(8, 8), grid_paths.cache_info().currsize)


class Circle:
    def __init__(self, r):
        self.r = r
        self.computed = 0

    @cached_property
    def area(self):
        self.computed += 1
        return 3 * self.r * self.r

    @lru_cache(maxsize=None)
    def scaled(self, k):
        return self.r * k


c = Circle(2)
print(c.area, c.area, c.computed)
del c.area
print(c.area, c.computed)
c.area = 100
print(c.area, c.computed)
print(c.scaled(3), c.scaled(3), Circle.scaled.cache_info().hits)
print(type(Circle.__dict__["area"]).__name__)


@total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor

    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)

    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)

    def __repr__(self):
        return f"Version({self.major}, {self.minor})"


a, b = Version(1, 2), Version(1, 3)
print(a < b, a <= b, a > b, a >= b, a == b, a != b, b >= a)
print(sorted([Version(2, 0), Version(1, 5), Version(1, 0)]), max(a, b))
try:

    @total_ordering
    class NoOrder:
        pass

except ValueError as e:
    print(type(e).__name__, e)


def compare_len_then_alpha(x, y):
    if len(x) != len(y):
        return len(x) - len(y)
    return (x > y) - (x < y)


words = ["pear", "fig", "apple", "kiwi", "date"]
print(sorted(words, key=cmp_to_key(compare_len_then_alpha)))
print(sorted([3, 1, 2], key=cmp_to_key(lambda x, y: y - x)))
print(min(words, key=cmp_to_key(compare_len_then_alpha)))


@functools.singledispatch
def describe(x):
    return f"object {x!r}"


@describe.register(int)
def _(x):
    return f"int {x}"


@describe.register(list)
def _(x):
    return "list of " + ", ".join(describe(i) for i in x)


describe.register(float, lambda x: f"float {x:.2f}")
print(describe(3), describe(2.5), describe("s"), describe([1, 2.0, "x"]), describe(True))
print(describe.dispatch(bool) is describe.dispatch(int))

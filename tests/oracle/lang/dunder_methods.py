# The dunder methods people overload: arithmetic and reflected arithmetic, comparisons,
# __repr__/__str__, __len__, __getitem__/__setitem__, __iter__/__next__, __call__,
# __eq__/__hash__, __contains__, __bool__, __neg__, __pow__, __matmul__, in-place operators.
class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)

    def __repr__(self):
        return f"Vec({', '.join(repr(x) for x in self.xs)})"

    def __str__(self):
        return "<" + " ".join(str(x) for x in self.xs) + ">"

    def __add__(self, o):
        if isinstance(o, Vec):
            return Vec(*[a + b for a, b in zip(self.xs, o.xs)])
        return Vec(*[a + o for a in self.xs])

    def __radd__(self, o):
        return self + o

    def __sub__(self, o):
        return self + (-o)

    def __rsub__(self, o):
        return (-self) + o

    def __mul__(self, k):
        return Vec(*[a * k for a in self.xs])

    __rmul__ = __mul__

    def __truediv__(self, k):
        return Vec(*[a / k for a in self.xs])

    def __neg__(self):
        return Vec(*[-a for a in self.xs])

    def __pow__(self, k):
        return Vec(*[a ** k for a in self.xs])

    def __matmul__(self, o):
        return sum(a * b for a, b in zip(self.xs, o.xs))

    def __len__(self):
        return len(self.xs)

    def __getitem__(self, i):
        return self.xs[i]

    def __setitem__(self, i, v):
        self.xs[i] = v

    def __eq__(self, o):
        return isinstance(o, Vec) and self.xs == o.xs

    def __hash__(self):
        return hash(tuple(self.xs))

    def __lt__(self, o):
        return self @ self < o @ o

    def __contains__(self, x):
        return x in self.xs

    def __bool__(self):
        return any(self.xs)

    def __call__(self, i):
        return self.xs[i] * 10

    def __abs__(self):
        return (self @ self) ** 0.5

    def __iadd__(self, o):
        self.xs = (self + o).xs
        return self


v, w = Vec(1, 2, 3), Vec(4, 5, 6)
print(v + w, v - w, 2 * v, v * 2, 1 + v, 10 - v, v / 2, -v, v ** 2)
print(repr(v), str(v), [v], f"{v}", f"{v!r}")
print(v @ w, len(v), v[0], v[-1], v[1:], 2 in v, 7 in v, v(1), abs(Vec(3, 4)))
v[0] = 100
print(v, v == Vec(100, 2, 3), v != w, v == 3, bool(Vec(0, 0)), bool(v))
print(sorted([Vec(3, 3), Vec(1, 1), Vec(2, 2)]), max(Vec(1), Vec(5), Vec(3)))
print(len({Vec(1, 2), Vec(1, 2), Vec(2, 1)}), {Vec(1): "a"}[Vec(1)])
u = v
u += Vec(1, 1, 1)
print(u, v, u is v)
print(sum([Vec(1, 1), Vec(2, 2)], Vec(0, 0)))


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


print(list(Countdown(3)), [x * x for x in Countdown(4)], sum(Countdown(10)))
it = iter(Countdown(2))
print(next(it), next(it), next(it, "done"))


class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 11


print(list(Seq()), 22 in Seq())


class Money:
    def __init__(self, c):
        self.c = c

    def __add__(self, o):
        if not isinstance(o, Money):
            return NotImplemented
        return Money(self.c + o.c)

    def __radd__(self, o):
        if o == 0:
            return self
        return NotImplemented

    def __repr__(self):
        return f"Money({self.c})"

    def __le__(self, o):
        return self.c <= o.c

    def __format__(self, spec):
        return format(self.c / 100, spec) + " EUR"


print(sum([Money(150), Money(250)]), Money(1) <= Money(2), Money(3) >= Money(2))
print(f"{Money(12345):.2f}", format(Money(5), ".1f"))
try:
    Money(1) + 5
except TypeError as e:
    print("TypeError:", e)

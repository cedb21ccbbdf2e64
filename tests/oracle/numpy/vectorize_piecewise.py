# np.vectorize (otypes, excluded, doc, the decorator forms, several outputs, the type of the
# first result) and np.piecewise (functions, constants, the "otherwise" function, 0-d input).
import numpy as np


def myfunc(a, b):
    "Return a-b if a>b, otherwise return a+b"
    if a > b:
        return a - b
    else:
        return a + b


vfunc = np.vectorize(myfunc)
print(vfunc([1, 2, 3, 4], 2))
print(vfunc.__doc__ == myfunc.__doc__)
print(np.vectorize(myfunc, doc="Vectorized `myfunc`").__doc__ == "Vectorized `myfunc`")
out = vfunc([1, 2, 3, 4], 2)
print(out.dtype == np.int64)
vf = np.vectorize(myfunc, otypes=[float])
out = vf([1, 2, 3, 4], 2)
print(out, out.dtype == np.float64)
print(np.vectorize(myfunc, otypes="d")([1, 2], [[0], [5]]))
# The first result fixes the dtype: later floats are truncated, as numpy's.
print(np.vectorize(lambda x: 1 if x == 0 else x / 4)(np.array([0, 1, 2, 6])))
print(np.vectorize(lambda x: x > 1)(np.array([[0, 1], [2, 3]])))


def mypolyval(p, x):
    _p = list(p)
    res = _p.pop(0)
    while _p:
        res = res * x + _p.pop(0)
    return res


vpolyval = np.vectorize(mypolyval, excluded=["p"])
print(vpolyval(p=[1, 2, 3], x=[0, 1]))
vpolyval.excluded.add(0)
print(vpolyval([1, 2, 3], x=[0, 1]))


@np.vectorize
def identity(x):
    return x


print(identity([0, 1, 2]))


@np.vectorize(otypes=[float])
def as_float(x):
    return x


print(as_float([0, 1, 2]))
# Several outputs: a tuple of arrays.
q, r = np.vectorize(lambda a, b: (a // b, a % b))(np.arange(7), 3)
print(q, r)
# Scalars in, a 0-d result out; empty inputs need otypes.
print(np.vectorize(myfunc)(5, 2), np.vectorize(myfunc, otypes=[np.int64])([]).shape)
calls = []
np.vectorize(lambda x: calls.append(x) or x)(np.array([7, 8]))
print(len(calls))
calls = []
np.vectorize(lambda x: calls.append(x) or x, cache=True)(np.array([7, 8]))
print(len(calls))
for bad in (lambda: np.vectorize(3), lambda: np.vectorize(abs, otypes="x"), lambda: np.vectorize(abs, otypes=3),
            lambda: np.vectorize(abs)([])):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

x = np.linspace(-2.5, 2.5, 6)
print(np.piecewise(x, [x < 0, x >= 0], [-1, 1]))
print(np.piecewise(x, [x < 0, x >= 0], [lambda x: -x, lambda x: x]))
y = -2
print(np.piecewise(y, [y < 0, y >= 0], [lambda x: -x, lambda x: x]))
# One function more than conditions: the last is for where no condition holds.
print(np.piecewise(x, [x < -1, x > 1], [lambda x: x * 10, lambda x: x ** 2, 0.5]))
# An int x gives an int result; extra arguments go to every function.
n = np.arange(6)
print(np.piecewise(n, [n < 2, n > 3], [lambda v, k: v * k, lambda v, k: v + k], 10))
print(np.piecewise(n, n > 2, [lambda v: v * 3]))
print(np.piecewise(x.reshape(2, 3), [x.reshape(2, 3) > 0], [lambda v: v + 100, lambda v: v - 100]))
try:
    np.piecewise(n, [n < 1, n < 2, n < 3], [1, 2])
except ValueError as e:
    print("ValueError", e)

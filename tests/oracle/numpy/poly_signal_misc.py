# polyfit, polyval, convolve (modes), correlate, interp, gradient, trapezoid, copysign,
# logaddexp, fromiter, packbits/unpackbits, set_printoptions/printoptions, numpy.testing.
# words: AssertionError ok
# atol: 1e-10
import numpy as np

# polyfit / polyval
x = np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
y = np.array([0.0, 0.8, 0.9, 0.1, -0.8, -1.0])
z = np.polyfit(x, y, 3)
print(z)
print(np.polyval(z, 0.5), np.polyval(z, 3.5), np.polyval(z, 10))
print(np.polyval([3, 0, 1], 5), np.polyval([3, 0, 1], np.array([1, 2, 3])), np.polyval([3.0, 0.5, 1.0], np.array([[1.0, 2.0], [0.5, -1.0]])))
print(np.polyfit(np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0]), 1))
c, resid, rank, sv, rc = np.polyfit(x, y, 2, full=True)
print(c, resid, rank, sv, rc)
print(np.polyfit(x, np.stack([y, 2 * y + 1], axis=1), 1))
print(np.polyfit(x, y, 1, w=np.linspace(1.0, 2.0, 6)))
xs = np.linspace(-1.0, 1.0, 20)
print(np.round(np.polyfit(xs, 3 * xs**4 - xs + 0.5, 4), 10))

# convolve / correlate
print(np.convolve([1, 2, 3], [0, 1, 0.5]))
print(np.convolve([1, 2, 3], [0, 1, 0.5], "same"))
print(np.convolve([1, 2, 3], [0, 1, 0.5], "valid"))
print(np.convolve([1, 2, 3, 4], [1, 1], "same"), np.convolve([1, 2], [1, 2, 3, 4, 5], "same"), np.convolve([1, 2], [1, 2, 3, 4, 5], "valid"))
print(np.correlate([1, 2, 3], [0, 1, 0.5]))
print(np.correlate([1, 2, 3], [0, 1, 0.5], "same"))
print(np.correlate([1, 2, 3], [0, 1, 0.5], "full"))
print(np.correlate([0, 1, 0.5], [1, 2, 3], "full"))
print(np.correlate([1, 2, 3, 4], [1, 2], "same"), np.correlate([1, 2], [1, 2, 3, 4, 5], "same"), np.correlate([1, 2], [1, 2, 3, 4], "valid"))
print(np.correlate(np.arange(5), np.arange(5), "full"))

# interp
xp = [1, 2, 3]
fp = [3, 2, 0]
print(np.interp(2.5, xp, fp))
print(np.interp([0, 1, 1.5, 2.72, 3.14], xp, fp))
UNDEF = -99.0
print(np.interp(3.14, xp, fp, right=UNDEF))
x = np.linspace(0, 2 * np.pi, 10)
y = np.sin(x)
xvals = np.linspace(0, 2 * np.pi, 50)
print(np.interp(xvals, x, y)[::7])

# gradient
f = np.array([1, 2, 4, 7, 11, 16])
print(np.gradient(f))
print(np.gradient(f, 2))
print(np.gradient(np.array([[1, 2, 6], [3, 4, 5]])))
print(np.gradient(np.array([[1, 2, 6], [3, 4, 5]]), axis=0))
print(np.gradient(np.array([[1.0, 2.0, 6.0], [3.0, 4.0, 5.0]]), 2.0, 0.5))
x = np.array([0.0, 1.0, 1.5, 3.5, 4.0, 6.0])
print(np.gradient(f, x))
print(np.gradient(f, x, edge_order=2), np.gradient(f, edge_order=2), np.gradient(f, 2.0, edge_order=2))
print(np.gradient(np.array([[1, 2, 6], [3, 4, 5]]), np.array([0.0, 2.0]), np.array([0.0, 1.0, 3.0])))
g = np.array([[1.0, 2, 6, 3], [3, 4, 5, 9], [0, 1, 1, 2]])
print(np.gradient(g, np.array([0.0, 2.0, 2.5]), np.array([0.0, 1.0, 3.0, 3.5]), edge_order=2))
print(np.gradient(g, axis=1, edge_order=2), np.gradient(np.arange(5.0) ** 2, np.arange(5.0) * 0.5))

# trapezoid
print(np.trapezoid([1, 2, 3]))
print(np.trapezoid([1, 2, 3], x=[4, 6, 8]))
print(np.trapezoid([1, 2, 3], dx=2))
a = np.arange(6).reshape(2, 3)
print(np.trapezoid(a, axis=0), np.trapezoid(a, axis=1))
x = np.linspace(0, 1, 101)
print(np.trapezoid(x**2, x))
th = np.linspace(0, 2 * np.pi, 200)
print(np.trapezoid(np.cos(th), x=np.sin(th)))

# copysign, logaddexp
print(np.copysign(1.3, -1))
print(1 / np.copysign(0, 1), 1 / np.copysign(0, -1))
print(np.copysign([-1, 0, 1], -1.1))
print(np.copysign([-1, 0, 1], np.arange(3) - 1))
print(np.copysign(np.array([2.0, -3.0, 4.0]), np.array([-0.0, 0.0, -5.0])))
print(np.signbit(np.array([-1.2, 0.0, -0.0, 3.0])))
prob1 = np.log(1e-50)
prob2 = np.log(2.5e-50)
prob12 = np.logaddexp(prob1, prob2)
print(prob12, np.exp(prob12))
print(np.logaddexp(np.array([0.0, 1.0, -np.inf, 1000.0, np.inf]), np.array([0.0, 2.0, -np.inf, 1000.0, 5.0])))
print(np.logaddexp(np.array([[1.0], [2.0]]), np.array([0.5, -3.0, 700.0])))
print(np.logaddexp2(np.array([3.0, 1.0, 10.0]), np.array([3.0, 0.0, -10.0])))

# fromiter
iterable = (x * x for x in range(5))
print(np.fromiter(iterable, float))
print(np.fromiter(range(10), dtype=np.int64, count=4))
print(np.fromiter([1.5, 2.5], np.float32), np.fromiter(iter([True, False]), bool))

# packbits / unpackbits
a = np.array([[[1, 0, 1], [0, 1, 0]], [[1, 1, 0], [0, 0, 1]]])
b = np.packbits(a, axis=-1)
print(b)
print(np.packbits(np.array([1, 0, 1, 1, 0, 0, 0, 1, 1])))
print(np.packbits(np.array([True, False, True]), bitorder="little"))
print(np.packbits(np.array([[1, 0], [1, 1], [0, 1]]), axis=0))
# (Bytes made by packbits: numpy's unpackbits takes uint8 only.)
a = np.packbits(np.array([[0, 0, 0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1, 1, 1], [0, 0, 0, 1, 0, 1, 1, 1]]), axis=1)
print(a)
b = np.unpackbits(a, axis=1)
print(b)
c = np.unpackbits(a, axis=1, count=-3)
print(c)
p = np.packbits(b, axis=0)
print(np.unpackbits(p, axis=0))
print(np.array_equal(b, np.unpackbits(p, axis=0, count=b.shape[0])))
q = np.packbits(np.array([0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
print(q, np.unpackbits(q, bitorder="little"), np.unpackbits(q[:1], count=3), np.unpackbits(q[:1], count=10))

# print options
x = np.array([1.123456789, 0.000012345, 1e-9])
print(x)
np.set_printoptions(precision=4)
print(np.array([1.123456789]))
print(x)
print(np.get_printoptions()["precision"])
np.set_printoptions(suppress=True)
print(x)
np.set_printoptions(precision=8, suppress=False)
with np.printoptions(precision=2, suppress=True):
    print(np.array([2.0]) / 3, x)
print(np.array([2.0]) / 3)
np.set_printoptions(threshold=5)
print(np.arange(10))
np.set_printoptions(threshold=1000)
print(np.arange(10))

# numpy.testing
np.testing.assert_allclose([1.0, 2.0, 3.0], [1.0, 2.0, 3.0 + 1e-9])
np.testing.assert_allclose(np.array([1.0, np.nan]), [1.0, np.nan])
np.testing.assert_array_equal(np.array([1, 2, 3]), [1, 2, 3])
np.testing.assert_array_equal(np.array([[1.0, np.nan]]), np.array([[1.0, np.nan]]))
np.testing.assert_array_equal(np.zeros(3), 0.0)
np.testing.assert_almost_equal(1.0, 1.0 + 1e-9)
np.testing.assert_array_almost_equal(np.array([1.0, 2.0]), np.array([1.0, 2.0000001]))
np.testing.assert_equal([1, (2, 3)], [1, (2, 3)])
np.testing.assert_array_less(np.array([1.0, 2.0]), np.array([2.0, 3.0]))
print("ok")
for f in [
    lambda: np.testing.assert_allclose([1.0, 2.0, 3.1], [1.0, 2.0, 3.0]),
    lambda: np.testing.assert_array_equal([1, 2, 3], [1, 2, 4]),
    lambda: np.testing.assert_array_equal([1, 2, 3], [1, 2]),
    lambda: np.testing.assert_allclose(np.array([[1.0, 2.0], [3.0, 4.0]]), [[1.0, 2.0], [3.0, 5.0]], rtol=1e-3, err_msg="oops"),
    lambda: np.testing.assert_array_equal(np.array([1.0, np.nan]), [1.0, 2.0]),
    lambda: np.testing.assert_allclose(1.0, 1.1),
    lambda: np.testing.assert_array_equal(np.array([1, 2, 3]), 1),
    lambda: np.testing.assert_allclose(np.arange(10.0), np.arange(10.0) * 1.5, atol=0.5),
    lambda: np.testing.assert_array_almost_equal(np.array([1.0, 2.0]), np.array([1.0, 2.01]), decimal=3),
    lambda: np.testing.assert_equal(3, 4),
]:
    try:
        f()
        print("no error")
    except AssertionError as e:
        print("AssertionError")
        print(str(e))

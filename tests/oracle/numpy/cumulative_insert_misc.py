# numpy 2's cumulative_sum/cumulative_prod (include_initial), unstack, matrix_transpose and
# a.mT, binary_repr/base_repr, isscalar/iterable, asarray_chkfinite, shares_memory,
# insert at several indices (a list or a slice), interp(period=) and array(order=).
import numpy as np

a = np.array([1, 2, 3, 4, 5, 6])
print(np.cumulative_sum(a), np.cumulative_prod(a))
print(np.cumulative_sum(a, dtype=float), np.cumulative_prod(a, dtype=float))
b = np.array([[1, 2, 3], [4, 5, 6]])
print(np.cumulative_sum(b, axis=0))
print(np.cumulative_sum(b, axis=1), np.cumulative_prod(b, axis=-1))
print(np.cumulative_sum(b, axis=1, include_initial=True))
print(np.cumulative_prod([1, 2, 3], include_initial=True), np.cumulative_sum([], include_initial=True))
print(np.cumulative_sum([True, True, False]), np.cumulative_sum(3))
c = np.array([1, 2e-9, 3e-9] * 100)
print(np.cumulative_sum(c)[-1])
try:
    np.cumulative_sum(np.ones((2, 2)))
except ValueError as e:
    print("ValueError", e)

arr = np.arange(24).reshape((2, 3, 4))
print(np.unstack(arr)[1])
print(len(np.unstack(arr, axis=1)), np.unstack(arr, axis=1)[2])
print(np.unstack(arr, axis=-1)[3], np.unstack(np.array([5, 6])))
print(np.matrix_transpose([[1, 2], [3, 4]]))
print(np.matrix_transpose([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]))
print(np.arange(6).reshape(2, 3).mT, np.arange(12).reshape(2, 3, 2).mT.shape)
for bad in (lambda: np.unstack(np.float64(1)), lambda: np.matrix_transpose([1, 2])):
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

print(np.binary_repr(3), np.binary_repr(-3), np.binary_repr(3, width=4), np.binary_repr(-3, width=3), np.binary_repr(-3, width=5))
print(np.binary_repr(0), np.binary_repr(0, width=3), np.binary_repr(-8, width=4), np.binary_repr(np.int64(6)), np.binary_repr(True))
print(np.base_repr(5), np.base_repr(6, 5), np.base_repr(7, base=5, padding=3), np.base_repr(10, base=16), np.base_repr(32, base=16))
print(np.base_repr(-35, 36, padding=3), np.base_repr(0), np.base_repr(-7, 2))
for bad in (lambda: np.binary_repr(3, width=1), lambda: np.binary_repr(-8, width=3), lambda: np.binary_repr(1.5),
            lambda: np.base_repr(5, 37), lambda: np.base_repr(5, 1)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

print(np.isscalar(3.1), np.isscalar([3.1]), np.isscalar(False), np.isscalar("numpy"), np.isscalar(np.float64(2)), np.isscalar(None), np.isscalar((1,)))
print(np.iterable([1, 2, 3]), np.iterable(2), np.iterable(np.array(1)), np.iterable("ab"), np.iterable(np.arange(2)), np.iterable(range(3)))

print(np.asarray_chkfinite([1, 2], dtype=float), np.asarray_chkfinite([1, 2], order="F"), np.asarray_chkfinite(np.arange(3)))
for bad in ([1, 2, np.inf], [np.nan], np.array([[1.0], [-np.inf]])):
    try:
        np.asarray_chkfinite(bad)
    except ValueError as e:
        print("ValueError", e)

x = np.array([1, 2, 3, 4])
print(np.shares_memory(x, np.array([5, 6, 7])), np.shares_memory(x[::2], x), np.shares_memory(x, x))
print(np.may_share_memory(np.array([1, 2]), np.array([5, 8, 9])), np.shares_memory(x, [1, 2]))
z = np.zeros([3, 4])
print(np.shares_memory(z[1:], z), np.shares_memory(z.copy(), z))

a = np.arange(6).reshape(3, 2)
print(np.insert(a, 1, 6))
print(np.insert(a, 1, 6, axis=1))
print(np.insert(a, [1], [[7], [8], [9]], axis=1))
print(np.array_equal(np.insert(a, 1, [7, 8, 9], axis=1), np.insert(a, [1], [[7], [8], [9]], axis=1)))
b = a.flatten()
print(np.insert(b, [2, 2], [6, 7]))
print(np.insert(b, slice(2, 4), [7, 8]))
print(np.insert(b, [2, 2], [7.13, False]))
x = np.arange(8).reshape(2, 4)
idx = (1, 3)
print(np.insert(x, idx, 999, axis=1))
print(np.insert(b, [0, -1, 6, 3, 3], [10, 20, 30, 40, 50]), np.insert(b, [], 5), np.insert(b, np.array([4, 1]), [-1, -2]))
print(np.insert(x, [0, 2], [[100], [200]], axis=0), np.insert(x, slice(None, None, 2), -5, axis=1))
print(np.insert(b, [1], [7, 8]), np.insert([1.5, 2.5], [1, 1, 2], 0))
for bad in (lambda: np.insert(np.arange(3), [1, 5], 9), lambda: np.insert(np.arange(3), [[1]], 9),
            lambda: np.insert(np.arange(3), 4, 9), lambda: np.insert(np.arange(3), [1, 2], [7, 8, 9])):
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)

x = [-180, -170, -185, 185, -10, -5, 0, 365]
xp = [190, -190, 350, -350]
fp = [5, 10, 3, 4]
print(np.interp(x, xp, fp, period=360))
print(np.interp(7.5, [0, 10], [1, 3], period=-10), np.interp([0.25, 1.75], [0.5, 1.0], [2.0, 4.0], period=1.0))
print(np.interp(2.5, [1, 2, 3], [3, 2, 0]), np.interp([0, 1, 1.5, 2.72, 3.14], [1, 2, 3], [3, 2, 0], left=-1, right=99))
try:
    np.interp(1, [1, 2], [3, 4], period=0)
except ValueError as e:
    print("ValueError", e)

print(np.array([[1, 2], [3, 4]], order="F"), np.array([1.5], order="C"), np.asarray([1, 2], order="K"), np.array([3], order=None))
try:
    np.array([1], order="X")
except ValueError as e:
    print("ValueError", e)

# An empty all/any along an axis is its identity in the reduced shape (insert with no indices uses it).
z = np.zeros((3, 0))
print(np.any(z, axis=1), np.all(z, axis=1), np.any(z, axis=1, keepdims=True).shape, np.all(z), np.any(z))
print(np.isin(np.arange(3), []), np.any(np.zeros((0, 2)), axis=0), np.all(np.zeros((2, 0, 3)), axis=(0, 1)))

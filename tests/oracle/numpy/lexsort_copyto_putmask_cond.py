# Functions from numpy's own docstrings (multiarray.py, linalg) that Slope lacked: lexsort,
# copyto, putmask, asanyarray, linalg.cond / tensorinv, creation with order=, integer arange
# with a float step (numpy's rule: start + i * (int(start + step) - int(start))), and how scalar
# types print (<class 'numpy.float64'>).
import numpy as np

a = [1, 5, 1, 4, 3, 4, 4]
b = [9, 4, 0, 4, 0, 2, 1]
print(np.lexsort((b, a)), np.lexsort((a, b)), np.lexsort(np.array([b, a])))
surnames = np.array([3, 1, 3, 2])
first = np.array([2, 5, 1, 2])
print(np.lexsort((first, surnames)))
k = np.array([[3.0, 1.0, 2.0], [1.0, 1.0, 0.0]])
print(np.lexsort(k), np.lexsort(np.array([[[1, 0], [0, 1]], [[0, 0], [1, 1]]]), axis=-1))

A = np.array([4, 5, 6])
np.copyto(A, [1, 2, 3])
print(A)
A = np.array([[1, 2, 3], [4, 5, 6]])
np.copyto(A, [[4, 5, 6], [7, 8, 9]])
print(A)
B = np.zeros((2, 3))
np.copyto(B, np.array([1.0, 2.0, 3.0]), where=np.array([[True, False, True], [False, True, False]]))
print(B)
try:
    np.copyto(np.zeros(3, dtype=int), np.array([1.5, 2.5, 3.5]))
except TypeError:
    print("TypeError")

x = np.arange(6).reshape(2, 3)
np.putmask(x, x > 2, x**2)
print(x)
x = np.arange(5)
np.putmask(x, x > 1, [-33, -44])
print(x)
print(np.asanyarray([1, 2]), type(np.asanyarray(np.arange(2))))

m = np.array([[1, 0, -1], [0, 1, 0], [1, 0, 1]])
print(np.linalg.cond(m), np.linalg.cond(m, "fro"), np.linalg.cond(m, np.inf), np.linalg.cond(m, -np.inf))
print(np.linalg.cond(m, 1), np.linalg.cond(m, -1), np.linalg.cond(m, 2), np.linalg.cond(m, -2))
print(np.linalg.cond(np.array([[[2.0, 1.0], [1.0, 3.0]], [[1.0, 0.5], [0.0, 2.0]]])))
t = np.eye(4 * 6).reshape((4, 6, 8, 3)) + 0.1 * np.arange(4 * 6 * 8 * 3).reshape((4, 6, 8, 3)) % 1.7
ainv = np.linalg.tensorinv(t, ind=2)
print(ainv.shape, np.allclose(np.tensordot(ainv, t, 2), np.eye(8 * 3).reshape(8, 3, 8, 3)))

print(np.arange(0, 5, 0.5, dtype=np.int_), np.arange(-3, 3, 0.5, dtype=np.int_), np.arange(1.5, 9, 2.5, dtype=int))
print(np.ones((2, 3), order="F"), np.zeros(2, order="C"), np.empty_like(np.ones(2), order="K").shape, np.full(2, 7, order="F"))

print(type(np.float64(1.0)), np.int64, type(np.arange(3)[0]), np.arange(3.0).dtype.type, repr(np.float32))
print(np.dtype(np.int32), np.int32 == np.dtype("int32"), np.arange(2, dtype=np.int8).dtype == np.int8)

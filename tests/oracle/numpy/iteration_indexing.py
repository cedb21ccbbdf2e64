# Iteration and index arithmetic: a.flat, ndenumerate, ndindex, nditer (read-only forms),
# unravel_index, ravel_multi_index, indices, ix_, partition/argpartition (compared through the
# property numpy guarantees), sliding_window_view, as_strided, .strides.
import numpy as np
from numpy.lib.stride_tricks import as_strided, sliding_window_view

# a.flat
x = np.arange(1, 7).reshape(2, 3)
print(x.flat[3])
print(x.flat[[1, 4]])
print(x.flat[2:5])
print(len(x.flat))
print([int(v) for v in x.flat])
fl = x.flat
print(next(fl), next(fl), fl.index, fl.coords)
total = 0
for v in np.array([[0.5, 1.5], [2.5, 3.5]]).flat:
    total += v
print(total)

# ndenumerate, ndindex
a = np.array([[1, 2], [3, 4]])
for index, v in np.ndenumerate(a):
    print(index, v)
for index in np.ndindex(3, 2, 1):
    print(index)
print(list(np.ndindex((2, 2))))
print(list(np.ndindex()))
b = np.zeros((2, 3))
for i, j in np.ndindex(b.shape):
    b[i, j] = 10 * i + j
print(b)

# nditer (read-only)
a = np.arange(6).reshape(2, 3)
print([int(v) for v in np.nditer(a)])
print([int(v) for v in np.nditer(a, order="F")])
print([int(v) for v in np.nditer(a.T, order="C")])
for xv, yv in np.nditer([np.arange(3), np.arange(6).reshape(2, 3)]):
    print(int(xv), int(yv), end="; ")
print()
it = np.nditer(a, flags=["multi_index"])
for v in it:
    print(f"{int(v)} <{it.multi_index}>", end=" ")
print()
it = np.nditer(a, flags=["c_index"])
while not it.finished:
    print(f"{int(it[0])} <{it.index}>", end=" ")
    it.iternext()
print()
it = np.nditer(a, flags=["f_index"])
for v in it:
    print(f"{int(v)} <{it.index}>", end=" ")
print()
for chunk in np.nditer(a, flags=["external_loop"]):
    print(chunk)
for chunk in np.nditer(a, flags=["external_loop"], order="F"):
    print(chunk)
with np.nditer(np.array([1.5, 2.5])) as it:
    for v in it:
        print(v * 2)

# unravel_index, ravel_multi_index
print(np.unravel_index([22, 41, 37], (7, 6)))
print(np.unravel_index([31, 41, 13], (7, 6), order="F"))
print(np.unravel_index(1621, (6, 7, 8, 9)))
arr = np.array([[3, 6, 6], [4, 5, 1]])
print(np.ravel_multi_index(arr, (7, 6)))
print(np.ravel_multi_index(arr, (7, 6), order="F"))
print(np.ravel_multi_index(arr, (4, 6), mode="clip"))
print(np.ravel_multi_index(arr, (4, 4), mode=("clip", "wrap")))
print(np.ravel_multi_index((3, 1, 4, 1), (6, 7, 8, 9)))
m = np.array([[1.0, 9.0, 3.0], [7.0, 2.0, 8.0]])
print(np.unravel_index(np.argmax(m), m.shape))
i, j = np.unravel_index(np.argmin(m), m.shape)
print(i, j, m[i, j])

# indices, ix_
grid = np.indices((2, 3))
print(grid.shape)
print(grid[0])
print(grid[1])
x = np.arange(20).reshape(5, 4)
row, col = np.indices((2, 3))
print(x[row, col])
print(np.indices((2, 3), sparse=True))
a = np.arange(10).reshape(2, 5)
ixgrid = np.ix_([0, 1], [2, 4])
print(ixgrid)
print(ixgrid[0].shape, ixgrid[1].shape)
print(a[ixgrid])
ixgrid = np.ix_([True, True], [2, 4])
print(a[ixgrid])
ixgrid = np.ix_([True, True], [False, False, True, False, True])
print(a[ixgrid])
print(np.arange(24).reshape(2, 3, 4)[np.ix_([1], [0, 2], [3, 1])])

# partition / argpartition: the k-th element is in its sorted place, smaller ones before it,
# larger ones after (the order inside the two parts is not specified by numpy).
a = np.array([7, 1, 7, 7, 1, 5, 7, 2, 3, 2, 6, 2, 3, 0])
for k in [0, 4, 9, 13, -1]:
    p = np.partition(a, k)
    kk = k % len(a)
    print(p[kk], np.sort(p[:kk]), np.sort(p[kk + 1 :]))
    ip = np.argpartition(a, k)
    print(a[ip][kk], np.sort(a[ip[:kk]]), np.sort(ip))
p = np.partition(a, (4, 8))
print(p[4], p[8], np.sort(p[:4]), np.sort(p[5:8]), np.sort(p[9:]))
x = np.array([3.5, -1.0, 2.0, 9.0, 0.5])
print(x[np.argpartition(x, 2)][2], x[np.argpartition(x, -2)][-2])
m = np.array([[9, 2, 5, 1], [4, 8, 0, 6]])
print(np.take_along_axis(m, np.argpartition(m, 1, axis=1), axis=1)[:, 1])
print(np.partition(m, 0, axis=0)[0])
print(np.partition(m, 3, axis=None)[3])
vals = np.array([0.3, 0.9, 0.1, 0.7, 0.5, 0.2])
top3 = np.argpartition(vals, -3)[-3:]
print(np.sort(vals[top3]))

# sliding_window_view
x = np.arange(6)
v = sliding_window_view(x, 3)
print(v.shape)
print(v)
i, j = np.arange(3).reshape(3, 1), np.arange(4).reshape(1, 4)
x = 10 * i + j
print(x.shape)
print(sliding_window_view(x, (2, 2)).shape)
print(sliding_window_view(x, (2, 2)))
print(sliding_window_view(x, 3, axis=0))
print(sliding_window_view(x, (2, 3), (1, 1)).shape)
print(sliding_window_view(x, (2, 3), (1, 1)))
x = np.arange(7.0)
print(sliding_window_view(x, 5)[:, ::2])
print(sliding_window_view(x, 3).mean(axis=-1))
print(np.lib.stride_tricks.sliding_window_view(np.arange(5), 2).sum(axis=1))

# .strides and as_strided (read-only)
print(np.zeros((3, 4)).strides, np.zeros((2, 3, 4), dtype=np.int32).strides, np.arange(5).strides)
x = np.arange(10)
print(as_strided(x, shape=(4, 3), strides=(8, 8)))
y = np.arange(12, dtype=np.float64).reshape(3, 4)
print(as_strided(y, shape=(3,), strides=(y.strides[0] + y.strides[1],)))
print(as_strided(y, shape=(2, 2, 2), strides=(32, 16, 8)))
z = np.arange(6, dtype=np.int32)
print(as_strided(z, shape=(3, 2), strides=(z.itemsize * 2, z.itemsize)))
print(np.lib.stride_tricks.as_strided(np.arange(4.0), shape=(3, 2), strides=(8, 8)))

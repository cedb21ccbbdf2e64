# split, tile, repeat, flip, ravel.
import numpy as np

x = np.arange(12)
parts = np.split(x, 3)
for p in parts:
    print(p)
print(np.split(x, [2, 5, 9]))
m = x.reshape(3, 4)
left, right = np.split(m, 2, axis=1)
print(left, right)
print(np.tile(np.array([1, 2]), 3), np.tile(np.array([1, 2]), (2, 2)))
print(np.repeat(np.array([1, 2, 3]), 2), np.repeat(m, 2, axis=0).shape)
print(np.repeat(np.array([[1, 2], [3, 4]]), 3, axis=1))
print(np.flip(x), np.flip(m, axis=0), np.flip(m, axis=1))
print(np.flip(m))
print(np.ravel(m.T), m.T.ravel(), m.ravel())

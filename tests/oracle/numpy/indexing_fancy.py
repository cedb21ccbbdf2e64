# Advanced indexing: integer arrays and boolean masks.
import numpy as np

x = np.arange(10) * 10
idx = np.array([0, 3, 3, -1])
print(x[idx], x[[1, 2, 5]])
m = np.arange(12).reshape(3, 4)
print(m[[0, 2]], m[:, [3, 0]], m[np.array([2, 0]), np.array([1, 3])])
print(m[[0, 1, 2], [3, 2, 1]])
mask = m % 3 == 0
print(m[mask], m[m > 6])
print(x[x > 45], x[(x > 15) & (x < 65)])
rows = np.array([True, False, True])
print(m[rows], m[rows, 1:3])
print(m[m.sum(axis=1) > 10])
labels = np.array([2, 0, 1, 1, 0])
table = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
print(table[labels])

# Broadcasting: (3,1)+(1,4), (2,3,1)*(4,), scalars, trailing axes.
import numpy as np

col = np.arange(3).reshape(3, 1)
row = np.arange(4).reshape(1, 4)
print(col + row, (col + row).shape)
print(col * np.arange(4))
t = np.ones((2, 3, 1)) * np.array([1.0, 2.0, 3.0, 4.0])
print(t.shape, t.sum(axis=(0, 1)))
m = np.arange(6.0).reshape(2, 3)
print(m - m.mean(axis=0), m / m.sum(axis=1, keepdims=True))
print(m + 1, 10 - m, 2 ** m, m ** 0.5)
print(np.arange(3)[:, None, None] + np.arange(2)[None, :, None] * 10 + np.arange(4) * 100)
print(np.zeros((2, 1)) + np.zeros((1, 3)) + 5)

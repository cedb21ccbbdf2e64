# Cumulative sums and products, flattened and along axes.
import numpy as np

a = np.array([1, 2, 3, 4, 5])
print(np.cumsum(a), np.cumprod(a))
m = np.arange(1, 13).reshape(3, 4)
print(np.cumsum(m))
print(np.cumsum(m, axis=0))
print(np.cumsum(m, axis=1))
print(np.cumprod(m, axis=0))
print(np.cumsum(m, axis=-1)[:, -1], m.sum(axis=1))
f = np.array([0.5, 1.5, 2.0, 0.25])
print(np.cumprod(f), np.cumsum(f))
print(np.cumsum(np.ones((2, 3)), axis=1))

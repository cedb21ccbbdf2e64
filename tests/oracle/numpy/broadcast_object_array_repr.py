# np.broadcast objects (shape, size, nd, numiter, iteration, reset) as numpy's docs use them, and
# np.array_repr / np.array_str with print options for one call.
import numpy as np

x = np.array([[1], [2], [3]])
y = np.array([4, 5, 6])
b = np.broadcast(x, y)
print(b.shape, b.size, b.nd, b.ndim, b.numiter, b.index)
out = np.empty(b.shape)
out[...] = np.array([u + v for (u, v) in b]).reshape(b.shape)
print(out, b.index)
b.reset()
print(b.index, next(b), next(b), b.index)
print(np.broadcast(np.ones((2, 1, 3)), np.ones(4)[:, None], 5.0).shape)
try:
    np.broadcast(np.ones(3), np.ones(4))
except ValueError:
    print("ValueError")

a = np.array([[1.0, 1.123456789], [2.5, 1e-9]])
print(np.array_repr(a), np.array_repr(np.arange(3)), np.array_repr(a, precision=3, suppress_small=True))
print(np.array_str(a), np.array_str(a, precision=2), np.array_str(np.arange(4)))
print(a)

# sum, prod, mean over axes: None, int, negative, tuple, keepdims.
import numpy as np

x = np.arange(24).reshape(2, 3, 4)
print(np.sum(x), np.sum(x, axis=0))
print(np.sum(x, axis=1))
print(np.sum(x, axis=-1))
print(np.sum(x, axis=(0, 2)))
print(np.sum(x, axis=(-1, -2)))
print(np.sum(x, axis=1, keepdims=True).shape, np.sum(x, axis=(0, 2), keepdims=True))
print(np.prod(np.arange(1, 7)), np.prod(x[:, :, :2] + 1, axis=0))
print(np.mean(x), np.mean(x, axis=2))
print(np.mean(x, axis=(0, 1)), np.mean(x, axis=0, keepdims=True).shape)
print(x.sum(axis=2), x.mean(axis=-2))
f = x / 7.0
print(f.sum(), f.sum(axis=0).sum(axis=0))
print(np.prod(np.array([[1.5, 2.0], [3.0, 0.5]]), axis=1))

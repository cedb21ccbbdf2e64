# Constructors with explicit dtypes, and what dtype each one produces.
import numpy as np

x = np.zeros(3, dtype=np.float32)
y = np.ones((2, 2), dtype=np.int32)
z = np.arange(6, dtype=np.float64)
w = np.array([1, 0, 2], dtype=np.bool_)
print(x, x.dtype)
print(y, y.dtype)
print(z, z.dtype)
print(w, w.dtype)
print(np.arange(4).dtype, np.arange(4.0).dtype, np.linspace(0, 1, 3).dtype)
print(np.array([1, 2.5]).dtype, np.array([True, False]).dtype)
print(np.full((2,), 3).dtype, np.full((2,), 3.0).dtype)
print(np.zeros_like(y, dtype=np.float64), np.ones_like(z, dtype=np.int64))
print(np.eye(2, dtype=np.int32))
print(np.array(3.5), np.array(3.5).shape, np.array(3.5).ndim)
print(np.array([[1, 2], [3, 4]], dtype=np.float32) / 3)

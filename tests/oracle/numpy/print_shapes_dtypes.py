# words: float32 float64 int32 int64 bool
# Printing shapes, dtypes, sizes of many derived arrays.
import numpy as np

x = np.arange(60).reshape(3, 4, 5)
for arr in [x, x[0], x[:, 1], x[..., 2:], x.T, x.sum(axis=1), x.reshape(-1, 6), x[None]]:
    print(arr.shape, arr.ndim, arr.size, arr.dtype)
print(x.dtype, (x * 1.0).dtype, (x > 3).dtype, x.astype(np.float32).dtype, x.astype(np.int32).dtype)
print(np.int64 == np.int64)
print(len(x), len(x[0]), x.shape[0] * x.shape[1])
s = x.shape
print(s, s[1:], len(s))
print(np.mean(x).shape)

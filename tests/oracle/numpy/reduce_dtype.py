# Reductions with dtype= and the dtypes reductions return.
import numpy as np

i = np.arange(10, dtype=np.int32)
print(np.sum(i), np.sum(i).dtype)
print(np.sum(i, dtype=np.float64), np.sum(i, dtype=np.int64))
print(np.mean(i), np.mean(i, dtype=np.float64))
f = np.linspace(0.0, 1.0, 11, dtype=np.float32)
print(np.sum(f, dtype=np.float64))
print(np.prod(np.arange(1, 6), dtype=np.float64))
print(np.cumsum(np.array([1, 2, 3]), dtype=np.float64))
b = np.array([True, True, False, True])
print(np.sum(b), b.sum(), np.mean(b))
print(np.sum(np.ones((2, 3), dtype=np.int32), axis=0, dtype=np.float32))

import numpy as np
x = np.array([1.7, -1.7, 0.0, 2.5])
print(x.astype(np.int64))
print(x.astype(np.int32))
print(x.astype(bool))
print(np.arange(3).astype(np.float32))
print(np.array([True, False]).astype(np.float64))

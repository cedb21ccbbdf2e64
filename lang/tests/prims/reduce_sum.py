import numpy as np
x = np.arange(24.0).reshape(2, 3, 4)
print(np.sum(x))
print(x.sum(axis=1))
print(np.sum(x, axis=(0, 2)))
print(np.arange(5).sum())

import numpy as np
x = np.arange(6.0).reshape(2, 3)
print(np.cumsum(x))
print(np.cumsum(x, axis=1))
print(x.cumsum(axis=0))

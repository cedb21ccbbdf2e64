import numpy as np
x = np.arange(1.0, 7.0).reshape(2, 3)
print(np.cumprod(x))
print(np.cumprod(x, axis=1))
print(np.arange(1, 6).cumprod())

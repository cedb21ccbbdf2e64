import numpy as np
x = np.arange(6)
print(np.where(x > 2, x, -x))
print(np.where(np.array([True, False]), 1.5, 2.5))

import numpy as np
a = np.array([[1.0, 2.0], [3.0, 4.0]])
print(a - 1.5)
print(np.arange(4) - np.arange(4)[::-1])
print(np.subtract(a, a.T))

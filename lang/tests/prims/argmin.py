import numpy as np
x = np.array([[1.0, -5.0, -5.0], [3.0, 0.5, 4.0]])
print(np.argmin(x))
print(np.argmin(x, axis=1))
print(x.argmin(axis=0))

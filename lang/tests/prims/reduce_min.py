import numpy as np
x = np.array([[1.0, 5.0, -2.0], [3.0, 0.5, 4.0]])
print(np.min(x))
print(x.min(axis=1))
print(np.amin(x, axis=0))

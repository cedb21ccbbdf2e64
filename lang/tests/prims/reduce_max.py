import numpy as np
x = np.array([[1.0, 5.0, -2.0], [3.0, 0.5, 4.0]])
print(np.max(x))
print(x.max(axis=1))
print(np.amax(x, axis=0))

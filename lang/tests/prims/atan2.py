import numpy as np
y = np.array([1.0, 1.0, -1.0, 0.0, 2.0])
x = np.array([1.0, -1.0, -1.0, -1.0, 0.5])
print(np.arctan2(y, x))

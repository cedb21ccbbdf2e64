import numpy as np
x = np.array([[3.0, 1.0, 2.0], [-1.0, 5.0, 0.0]])
print(np.sort(x))
print(np.sort(x, axis=0))
print(np.sort(np.array([4, 1, 3, 1])))

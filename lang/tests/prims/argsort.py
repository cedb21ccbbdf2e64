import numpy as np
x = np.array([[3.0, 1.0, 2.0], [-1.0, 5.0, 0.0]])
print(np.argsort(x))
print(np.argsort(x, axis=0))
print(np.argsort(np.array([4, 1, 3, 2])))

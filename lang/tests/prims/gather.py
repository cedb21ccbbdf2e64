import numpy as np
x = np.arange(12.0).reshape(3, 4)
print(x[np.array([2, 0, 2])])
print(x[:, np.array([-1, 1])])
print(np.take(np.arange(5), np.array([[0, 4], [4, 1]])))

import numpy as np
x = np.array([[1.0, 2.0], [3.0, 4.0]])
print(np.pad(x, 1))
print(np.pad(np.arange(3), (2, 1), constant_values=9))

import numpy as np
a = np.array([1.0, 5.0, -2.0, 3.0])
b = np.array([2.0, 4.0, -3.0, 3.0])
print(np.maximum(a, b))
print(np.maximum(np.arange(5), 2))

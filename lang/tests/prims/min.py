import numpy as np
a = np.array([1.0, 5.0, -2.0, 3.0])
b = np.array([2.0, 4.0, -3.0, 3.0])
print(np.minimum(a, b))
print(np.minimum(np.arange(5), 2))

import numpy as np
a = np.array([1.0, 2.0, 3.0, 4.0])
b = np.array([2.0, 2.0, 2.0, 5.0])
print(a >= b)
print(np.arange(5) >= 2)

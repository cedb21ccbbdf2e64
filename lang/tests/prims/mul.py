import numpy as np
a = np.array([[1.0, 2.0], [3.0, 4.0]])
print(a * a)
print(np.arange(5) * 3)
print(np.multiply(a, -2.0))

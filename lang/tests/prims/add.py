import numpy as np
a = np.array([[1.0, 2.0], [3.0, 4.0]])
print(a + a)
print(np.arange(4) + 10)
print(np.add(a, 0.5))

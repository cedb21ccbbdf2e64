import numpy as np
a = np.array([7.0, -7.0, 1.0, 3.0])
b = np.array([2.0, 2.0, 4.0, -8.0])
print(a / b)
print(np.arange(-6, 7) // 4)
print(np.array([7, -7, 7, -7]) // np.array([2, 2, -2, -2]))

import numpy as np
print(np.arange(-6, 7) % 4)
print(np.array([7, -7, 7, -7]) % np.array([2, 2, -2, -2]))
print(np.array([5.5, -5.5, 5.5, -5.5]) % np.array([2.0, 2.0, -2.0, -2.0]))

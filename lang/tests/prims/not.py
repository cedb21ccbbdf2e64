import numpy as np
b = np.array([True, False, True])
print(~b)
print(np.logical_not(b))
print(~np.arange(-2, 3))

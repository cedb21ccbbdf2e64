import numpy as np
p = np.array([True, True, False, False])
q = np.array([True, False, True, False])
print(p | q)
print(np.logical_or(p, q))
print(np.array([12, 7, -1]) | np.array([10, 3, 6]))

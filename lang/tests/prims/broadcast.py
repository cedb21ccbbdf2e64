import numpy as np
row = np.array([1.0, 2.0, 3.0])
col = np.array([[10.0], [20.0]])
print(row + col)
print(np.broadcast_to(row, (2, 3)))
print(np.zeros((2, 2)) + 7.0)

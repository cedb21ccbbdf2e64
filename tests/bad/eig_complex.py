# expect: NotImplementedError
# span: w, v = np.linalg.eig(rotation)
# cpython: runs
import numpy as np

rotation = np.array([[0.0, -1.0], [1.0, 0.0]])
w, v = np.linalg.eig(rotation)
print(w)

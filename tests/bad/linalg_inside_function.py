# expect: LinAlgError
# span: return np.linalg.inv(m)
# cpython: LinAlgError
import numpy as np


def invert(m):
    return np.linalg.inv(m)


print(invert(np.ones((2, 3))))

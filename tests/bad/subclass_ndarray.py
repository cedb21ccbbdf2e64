# expect: NotImplementedError
# span: class NamedArray(np.ndarray):
# cpython: runs
import numpy as np


class NamedArray(np.ndarray):
    def __new__(cls, array, name="no name"):
        obj = np.asarray(array).view(cls)
        obj.name = name
        return obj


Z = NamedArray(np.arange(10), "range_10")
print(Z.name)

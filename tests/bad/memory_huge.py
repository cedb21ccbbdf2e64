# expect: MemoryError
# span: np.zeros((100000, 100000, 100))
# cpython: MemoryError
import numpy as np

x = np.zeros((100000, 100000, 100))
print(x.shape)

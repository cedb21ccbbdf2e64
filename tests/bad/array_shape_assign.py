# expect: NotImplementedError
# span: a.shape = (2, 3)
# cpython: runs
import numpy as np

a = np.arange(6)
a.shape = (2, 3)

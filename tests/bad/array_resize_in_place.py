# expect: NotImplementedError
# span: a.resize((2, 6))
# cpython: runs
import numpy as np

a = np.arange(12.0)
a.resize((2, 6))

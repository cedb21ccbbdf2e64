# expect: TypeError
# span: x << 2
# cpython: TypeError
import numpy as np

x = np.array([1.5, 2.0])
y = x << 2

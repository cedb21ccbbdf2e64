# expect: TypeError
# span: np.zeros(3, dtype=[("x", float), ("y", float)])
# cpython: runs
import numpy as np

pts = np.zeros(3, dtype=[("x", float), ("y", float)])

# expect: AxisError|ValueError|IndexError
# span: np.sum(m, axis=2)
# cpython: AxisError
import numpy as np

m = np.ones((2, 3))
print(np.sum(m, axis=2))

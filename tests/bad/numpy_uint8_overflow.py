# expect: OverflowError
# span: pixels + 300
# cpython: OverflowError
# NEP 50: a Python int meets a uint8 array as a uint8, and 300 does not fit.
import numpy as np

pixels = np.array([1, 2, 250], dtype=np.uint8)
print(pixels + 300)

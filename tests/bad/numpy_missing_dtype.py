# expect: AttributeError
# span: np.uint8
# cpython: runs
# Slope has no uint8 yet (numpy has): the error names the dtypes it has.
import numpy as np

pixels = np.zeros((2, 2), dtype=np.uint8)

# expect: AttributeError
# span: np.datetime64("2020-01-01")
# cpython: runs
import numpy as np

day = np.datetime64("2020-01-01")

# expect: TypeError
# span: np.zeros(3, dtype="unit8")
# cpython: TypeError
# A misspelt dtype name: the help names the nearest dtype.
import numpy as np

pixels = np.zeros(3, dtype="unit8")

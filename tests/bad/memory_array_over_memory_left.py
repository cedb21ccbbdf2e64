# expect: MemoryError
# span: np.ones((8000, 8000))
# cpython: runs
# env: SLOPE_MEMORY_LIMIT=256M
# An array within the fixed 16 GiB limit but larger than the memory left (256 MB here,
# SLOPE_MEMORY_LIMIT standing in for a machine with little memory free).
import numpy as np

grid = np.ones((8000, 8000))
print(grid.sum())

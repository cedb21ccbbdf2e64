# expect: OverflowError
# span: int(big[0])
# cpython: runs
# stdout: [18446744073709551615]
import numpy as np

big = np.array([-1], dtype=np.int64).astype(np.uint64)
print(big)
n = int(big[0])

# expect: ValueError
# span: np.unravel_index(6, (2, 3))
# stdout: (np.int64(1), np.int64(2))
import numpy as np

print(np.unravel_index(5, (2, 3)))
print(np.unravel_index(6, (2, 3)))

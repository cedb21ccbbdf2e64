# expect: ValueError
# span: np.ravel_multi_index(([0, 3], [1, 1]), (3, 2))
import numpy as np

print(np.ravel_multi_index(([0, 3], [1, 1]), (3, 2)))

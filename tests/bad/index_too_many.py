# expect: IndexError
# span: m[0, 1, 0]
import numpy as np

m = np.zeros((2, 2))
print(m[0, 1, 0])

# expect: IndexError
# span: x[5]
import numpy as np

x = np.array([1.0, 2.0, 3.0])
print(x[5])

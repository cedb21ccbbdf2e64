# expect: IndexError|TypeError
# span: x[1.5]
# cpython: IndexError
import numpy as np

x = np.arange(4)
print(x[1.5])

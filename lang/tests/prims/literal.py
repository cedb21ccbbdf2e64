import numpy as np
x = np.arange(4.0)
print(x * 2.5 + 1.0)
print(3 - np.arange(3))
print(np.array(7.0) / 2.0)

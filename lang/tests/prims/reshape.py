import numpy as np
x = np.arange(6)
print(x.reshape(2, 3))
print(np.reshape(x, (3, 2)))
print(x.reshape(-1, 1))

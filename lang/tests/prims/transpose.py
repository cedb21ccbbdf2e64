import numpy as np
x = np.arange(6).reshape(2, 3)
print(x.T)
print(np.transpose(np.arange(24).reshape(2, 3, 4), (2, 0, 1)))

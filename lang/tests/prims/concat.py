import numpy as np
a = np.arange(4).reshape(2, 2)
b = np.arange(10, 16).reshape(2, 3)
print(np.concatenate([a, b], axis=1))
print(np.concatenate([np.arange(3), np.arange(2)]))

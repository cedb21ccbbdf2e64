import numpy as np
x = np.arange(1.0, 7.0).reshape(2, 3)
print(np.prod(x))
print(x.prod(axis=0))
print(np.prod(np.arange(1, 6)))

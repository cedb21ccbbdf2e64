import numpy as np
a = np.arange(6.0).reshape(2, 3)
b = np.arange(12.0).reshape(3, 4)
print(a @ b)
print(np.dot(np.arange(3.0), np.arange(3.0)))
c = np.arange(24.0).reshape(2, 3, 4)
d = np.arange(40.0).reshape(2, 4, 5)
print(np.matmul(c, d))

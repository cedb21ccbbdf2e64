import numpy as np
x = np.zeros(5)
x[np.array([1, 3])] = np.array([7.0, 8.0])
print(x)
y = np.arange(6).reshape(2, 3)
y[:, np.array([0, 2])] = 0
print(y)
z = np.ones(4)
z[-1] = 5.0
print(z)

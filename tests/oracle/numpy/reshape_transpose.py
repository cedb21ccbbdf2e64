# reshape, transpose, swapaxes, moveaxis, .T
import numpy as np

x = np.arange(24)
a = x.reshape(2, 3, 4)
print(a)
print(x.reshape((4, -1)))
print(np.reshape(a, (6, 4)))
print(a.reshape(-1).shape, a.reshape(3, -1).shape)
print(np.transpose(a).shape, np.transpose(a, (1, 0, 2)))
print(a.transpose(2, 0, 1).shape, a.transpose((0, 2, 1))[1])
print(np.swapaxes(a, 0, 2).shape, np.swapaxes(a, 1, 2)[0])
print(np.moveaxis(a, 0, -1).shape, np.moveaxis(a, -1, 0)[3])
m = np.array([[1, 2, 3], [4, 5, 6]])
print(m.T, m.T.shape, m.T @ m)
print(np.transpose(np.arange(3)).shape)

import numpy as np
x = np.arange(20).reshape(4, 5)
print(x[1:3])
print(x[:, ::2])
print(x[1::2, 1:4])

# expect: ValueError
# span: np.load("data/not_numpy.npy")
# cpython: ValueError
import numpy as np

x = np.load("data/not_numpy.npy")
print(x)

# Printing big arrays: numpy summarises with "..." beyond 1000 elements.
import numpy as np

x = np.arange(2000)
print(x)
print(np.linspace(0.0, 1.0, 1001))
m = np.arange(2500.0).reshape(50, 50) / 7
print(m)
print(np.arange(1000))
big = np.ones((40, 30, 2))
print(big.shape, big.sum())
print(np.zeros((3, 500)))

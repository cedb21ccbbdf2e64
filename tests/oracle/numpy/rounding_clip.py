# floor, ceil, round (half to even), clip, and their methods.
import numpy as np

x = np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.675, -3.14159])
print(np.floor(x))
print(np.ceil(x))
print(np.round(x))
print(np.round(x, 2))
print(np.round(np.array([1234.5678, -98.765]), -1))
print(x.round(1))
print(np.clip(x, -1.0, 1.0))
print(x.clip(0.0, 2.0))
print(np.clip(np.arange(10), 2, 7))
print(np.floor(7.9), np.ceil(-7.9), np.round(0.125, 2))

# Printing 3-D and 4-D arrays, ints and floats, negative numbers.
import numpy as np

t = np.arange(24).reshape(2, 3, 4)
print(t)
print(t - 12)
print(t / 8.0)
print(np.ones((2, 2, 2, 2)))
print(np.arange(8.0).reshape(2, 2, 2) * -1.5)
print(np.zeros((2, 0, 3)).shape, np.zeros((0,)))
print(np.array([[[True, False]], [[False, True]]]))

# np.full / *_like with an array or list fill value (broadcast) and shape=.
import numpy as np

print(np.full((2, 3), np.arange(3)), np.full((2, 3), [1, 2, 3]), np.full((3, 1), [[1], [2], [3]]))
x = np.arange(4)
print(np.zeros_like(x, shape=(2, 3)), np.ones_like(x, shape=(3,)), np.full_like(x, 7, shape=(2, 2)), np.empty_like(x, shape=(1, 2)).shape)
print(np.full_like(np.ones((2, 3)), np.array([[1], [2]])))
a = np.full((2, 3), np.arange(3))
a[0, 0] = 9
print(a)
try:
    np.full((2, 3), np.arange(4))
except ValueError as e:
    print("ValueError", e)

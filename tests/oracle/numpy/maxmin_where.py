# maximum, minimum, where: elementwise choices.
import numpy as np

a = np.array([1.0, 5.0, -2.0, 8.0, 0.0])
b = np.array([3.0, 4.0, -1.0, 9.0, -5.0])
print(np.maximum(a, b), np.minimum(a, b))
print(np.maximum(a, 0.0))
relu = np.where(a > 0, a, 0.0)
print(relu)
print(np.where(a > b, a - b, b - a))
m = np.arange(12).reshape(3, 4)
print(np.where(m % 3 == 0, -1, m))
print(np.where(m > 5, m * 10, m))
print(np.minimum(m, 4), np.maximum(m, np.array([2, 4, 6, 8])))
print(np.where(np.array([True, False, True]), 1.5, 2))

# Elementwise arithmetic ufuncs, on arrays and mixed with scalars.
import numpy as np

a = np.array([-3.5, -1.0, 0.0, 2.0, 7.25])
b = np.array([2.0, -4.0, 3.0, 0.5, 2.0])
print(np.add(a, b), np.subtract(a, b))
print(np.multiply(a, b), np.divide(a, b))
print(np.floor_divide(a, b), np.mod(a, b))
print(np.power(np.abs(a), 2), np.power(2.0, b))
print(np.negative(a), np.abs(a), np.sign(a))
i = np.array([-7, -2, 0, 5, 9])
j = np.array([2, 3, 4, -3, 4])
print(np.floor_divide(i, j), np.mod(i, j))
print(np.power(i, 2), np.abs(i), np.sign(i), np.negative(i))
print(np.add(i, 1.5), np.multiply(i, 2))
print(np.divide(i, 4))

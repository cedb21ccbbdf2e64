# Logical ufuncs and the bitwise operators on bool arrays.
import numpy as np

a = np.array([True, True, False, False])
b = np.array([True, False, True, False])
print(np.logical_and(a, b), np.logical_or(a, b), np.logical_not(a))
print(a & b, a | b, ~a)
x = np.arange(10)
inside = (x > 2) & (x < 7)
outside = (x < 2) | (x > 7)
print(inside, outside)
print(x[inside], x[outside], x[~inside])
print(np.logical_and(x > 3, x % 2 == 0))
print(np.logical_or(x == 0, x == 9).sum())
print(np.logical_not(x > 4))
print(np.array([5, 6, 7]) & np.array([3, 3, 3]), np.array([5, 6, 7]) | np.array([8, 1, 0]))
print(~np.array([0, 1, -3]))

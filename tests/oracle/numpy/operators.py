# Operators: @ ** // % & | ~, unary minus, comparisons, augmented assignment.
import numpy as np

a = np.array([7, -7, 9, 4])
b = np.array([2, 3, -4, 4])
print(a // b, a % b, a ** 2, 2 ** b[b > 0], -a)
print(a & 3, a | 8, ~b, a & b)
f = np.array([1.5, -2.25, 8.0])
print(np.abs(f) ** 0.5, f // 1, f % 1.0, -f, +f)
print(f ** 2, 2.0 ** f, f ** -1)
M = np.array([[1.0, 2.0], [3.0, 4.0]])
print(M @ M, M @ np.array([1.0, 1.0]), M ** 2)
c = np.arange(5)
c += 1
c *= 2
c -= 3
print(c, c // 2, c % 3)
d = np.ones(3)
d /= 4
d **= 2
print(d)
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10, 7 / 2)

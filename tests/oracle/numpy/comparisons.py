# Comparison ufuncs and operators, broadcasting included.
import numpy as np

a = np.array([1, 2, 3, 4, 5])
b = np.array([5, 2, 1, 4, 9])
print(np.equal(a, b), np.not_equal(a, b))
print(np.less(a, b), np.greater(a, b))
print(np.less_equal(a, b), np.greater_equal(a, b))
print(a == b, a != b, a < b, a > b, a <= b, a >= b)
print(a > 2.5, 3 == a)
m = np.arange(6).reshape(2, 3)
print(m >= np.array([1, 1, 3]))
print(np.equal(m, m.T.T).all())
f = np.array([0.1 + 0.2, 0.3])
print(f == 0.3, np.less(f, 0.3))
print((a > 1).dtype)

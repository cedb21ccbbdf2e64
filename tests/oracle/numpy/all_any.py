# all and any, with axes and keepdims.
import numpy as np

m = np.array([[True, False, True], [True, True, True]])
print(np.all(m), np.any(m))
print(np.all(m, axis=0), np.any(m, axis=0))
print(np.all(m, axis=1), np.any(~m, axis=1))
print(np.all(m, axis=-1, keepdims=True))
x = np.arange(12).reshape(3, 4)
print(np.all(x >= 0), np.any(x > 10), np.any(x > 11))
print((x % 2 == 0).any(axis=1), (x < 8).all(axis=1))
print(np.all(np.array([1, 2, 0])), np.any(np.array([0.0, 0.0])))
print(np.all(x > -1, axis=(0, 1)))

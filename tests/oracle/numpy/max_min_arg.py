# max, min, argmax, argmin: functions and methods, with axes.
import numpy as np

x = np.array([[3.0, -1.0, 7.5, 2.0], [8.0, 0.5, -4.0, 6.0], [1.0, 9.5, 2.5, -2.0]])
print(np.max(x), np.min(x), np.argmax(x), np.argmin(x))
print(np.max(x, axis=0), np.min(x, axis=1))
print(np.argmax(x, axis=0), np.argmin(x, axis=1))
print(np.argmax(x, axis=-1), np.max(x, axis=-1, keepdims=True))
print(x.max(), x.min(axis=0), x.argmax(axis=1), x.argmin())
print(np.max(x, axis=(0, 1)), np.min(x, axis=(1,)))
i = np.array([4, 1, 9, 9, 2])
print(np.max(i), np.argmax(i), np.argmin(i), i.max(), i.min())
r, c = np.argmax(x) // x.shape[1], np.argmax(x) % x.shape[1]
print(r, c, x[r, c])

# Variance and standard deviation, whole array and per axis.
import numpy as np

data = np.array([[2.0, 4.0, 4.0, 4.0], [5.0, 5.0, 7.0, 9.0], [1.0, 0.0, -1.0, 3.5]])
print(np.var(data), np.std(data))
print(np.var(data, axis=0))
print(np.var(data, axis=1))
print(np.std(data, axis=-1, keepdims=True))
print(np.std(data, axis=(0, 1)))
print(data.var(), data.std())
print(data.var(axis=1), data.std(axis=0))
ints = np.array([1, 2, 3, 4, 5, 6])
print(np.var(ints), np.std(ints), np.mean(ints))
print(np.sqrt(np.mean((data - data.mean()) ** 2)))

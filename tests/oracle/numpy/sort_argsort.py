# sort and argsort along axes.
import numpy as np

x = np.array([3.5, -1.0, 7.25, 0.0, 2.0, -8.5])
print(np.sort(x), np.argsort(x))
print(x[np.argsort(x)], np.sort(x)[::-1])
m = np.array([[9, 2, 5], [1, 8, 3], [4, 7, 6]])
print(np.sort(m), np.sort(m, axis=0), np.sort(m, axis=-1))
print(np.argsort(m, axis=0), np.argsort(m, axis=1))
print(np.sort(m, axis=None))
scores = np.array([88.5, 92.0, 79.25, 95.5])
order = np.argsort(-scores)
for rank, idx in enumerate(order):
    print(f"{rank + 1}. student {idx} scored {scores[idx]:.2f}")

# Normalising rows: unit L2 norm, zero mean / unit variance, min-max scaling.
import numpy as np

X = np.array([[3.0, 4.0, 0.0], [1.0, 1.0, 2.0], [-2.0, 0.5, 8.0], [0.0, 0.0, 2.0]])
unit = X / np.linalg.norm(X, axis=1, keepdims=True)
print(unit)
print(np.linalg.norm(unit, axis=1))
Z = (X - X.mean(axis=0)) / X.std(axis=0)
print(Z)
print(Z.mean(axis=0), Z.std(axis=0))
lo = X.min(axis=1, keepdims=True)
hi = X.max(axis=1, keepdims=True)
print((X - lo) / (hi - lo))
P = X - X.min()
print(P / P.sum(axis=1)[:, None])

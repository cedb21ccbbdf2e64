# trace and diag.
import numpy as np

m = np.arange(16).reshape(4, 4)
print(np.trace(m), np.trace(m.astype(np.float64) / 2))
print(np.diag(m), np.diag(np.array([1.0, 2.0, 3.0])))
print(np.diag(np.diag(m)))
print(np.trace(np.eye(5)), np.sum(np.diag(m)) == np.trace(m))
r = np.arange(6).reshape(2, 3)
print(np.diag(r))
print(np.trace(m @ m), np.diag(np.array([5, 6])) @ np.array([1, 1]))

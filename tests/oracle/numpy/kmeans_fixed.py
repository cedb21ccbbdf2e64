# k-means with a fixed initialisation (no randomness).
import numpy as np

P = np.array([[1.0, 1.0], [1.5, 2.0], [3.0, 4.0], [5.0, 7.0], [3.5, 5.0], [4.5, 5.0], [3.5, 4.5], [0.5, 1.5]])
C = P[[0, 3]].copy()
for it in range(10):
    d = np.sum((P[:, None, :] - C[None, :, :]) ** 2, axis=-1)
    assign = np.argmin(d, axis=1)
    newC = np.array([P[assign == k].mean(axis=0) for k in range(2)])
    if np.allclose(newC, C):
        break
    C = newC
print(f"converged after {it} iterations")
print(assign)
print(C)
inertia = np.sum(np.min(d, axis=1))
print(f"inertia {inertia:.6f}")

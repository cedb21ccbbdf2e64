# Gram-Schmidt QR by hand.
import numpy as np

A = np.array([[2.0, -1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0], [1.0, 0.0, 1.0]])
m, n = A.shape
Q = np.zeros((m, n))
R = np.zeros((n, n))
for j in range(n):
    v = A[:, j]
    for i in range(j):
        R[i, j] = Q[:, i] @ A[:, j]
        v = v - R[i, j] * Q[:, i]
    R[j, j] = np.linalg.norm(v)
    Q[:, j] = v / R[j, j]
print(Q)
print(R)
print(np.round(Q.T @ Q, 12))
print(np.max(np.abs(Q @ R - A)) < 1e-12)

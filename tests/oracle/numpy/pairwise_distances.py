# Pairwise distances by broadcasting, nearest neighbours.
import numpy as np

P = np.array([[0.0, 0.0], [3.0, 4.0], [1.0, 1.0], [-2.0, 2.0], [5.0, -1.0]])
diff = P[:, None, :] - P[None, :, :]
D = np.sqrt(np.sum(diff ** 2, axis=-1))
print(D)
print(np.allclose(D, D.T), np.trace(D))
D2 = np.sum(P ** 2, axis=1)[:, None] + np.sum(P ** 2, axis=1)[None, :] - 2 * P @ P.T
print(np.sqrt(np.maximum(D2, 0.0)))
masked = D + np.eye(len(P)) * 1e9
nearest = np.argmin(masked, axis=1)
print(nearest, np.min(masked, axis=1))
Q = np.array([[1.0, 0.0], [4.0, 4.0]])
dq = np.linalg.norm(Q[:, None, :] - P[None, :, :], axis=-1)
print(dq, np.argmin(dq, axis=1))

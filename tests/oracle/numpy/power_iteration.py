# Power iteration for the dominant eigenpair of a symmetric matrix.
import numpy as np

A = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
v = np.ones(3) / np.sqrt(3.0)
lam = 0.0
for i in range(200):
    w = A @ v
    v = w / np.linalg.norm(w)
    lam_new = v @ A @ v
    if abs(lam_new - lam) < 1e-14:
        break
    lam = lam_new
print(f"lambda = {lam:.10f}")
print(v * np.sign(v[0]))
print(np.linalg.norm(A @ v - lam * v) < 1e-6)
B = A - lam * np.outer(v, v)
u = np.array([1.0, -1.0, 0.5])
for i in range(300):
    u = B @ u
    u = u / np.linalg.norm(u)
print(f"second = {u @ B @ u:.8f}")

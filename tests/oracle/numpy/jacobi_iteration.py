# Jacobi iteration for a diagonally dominant system.
import numpy as np

A = np.array([[10.0, -1.0, 2.0, 0.0], [-1.0, 11.0, -1.0, 3.0], [2.0, -1.0, 10.0, -1.0], [0.0, 3.0, -1.0, 8.0]])
b = np.array([6.0, 25.0, -11.0, 15.0])
D = np.diag(A)
Rm = A - np.diag(D)
x = np.zeros(4)
for k in range(100):
    x_new = (b - Rm @ x) / D
    if np.linalg.norm(x_new - x) < 1e-13:
        x = x_new
        break
    x = x_new
print(f"{k} iterations")
print(x)
print(np.linalg.solve(A, b))
print(np.allclose(A @ x, b))

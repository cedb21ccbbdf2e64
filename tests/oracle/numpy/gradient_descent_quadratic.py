# Gradient descent by hand on f(x) = 0.5 x^T A x - b^T x (gradient A x - b).
import numpy as np

A = np.array([[3.0, 0.5], [0.5, 1.0]])
b = np.array([1.0, -2.0])

def f(x):
    return 0.5 * x @ A @ x - b @ x

def grad_f(x):
    return A @ x - b

x = np.zeros(2)
lr = 0.2
for step in range(60):
    g = grad_f(x)
    x = x - lr * g
    if step % 10 == 0:
        print(f"step {step:3d}  f={f(x):.8f}  |g|={np.linalg.norm(g):.3e}")
print(x, np.linalg.solve(A, b))
print(np.allclose(x, np.linalg.solve(A, b), atol=1e-6))

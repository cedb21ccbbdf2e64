# Linear regression with the normal equations and linalg.solve.
import numpy as np

x = np.linspace(0.0, 4.0, 9)
noise = np.array([0.1, -0.2, 0.05, 0.0, -0.1, 0.15, -0.05, 0.2, -0.15])
y = 2.5 * x - 1.0 + noise
X = np.stack([np.ones_like(x), x], axis=1)
coef = np.linalg.solve(X.T @ X, X.T @ y)
print(coef)
pred = X @ coef
resid = y - pred
print(pred)
print(f"intercept {coef[0]:.6f} slope {coef[1]:.6f}")
print(f"rss {np.sum(resid ** 2):.8f} r2 {1 - np.sum(resid ** 2) / np.sum((y - y.mean()) ** 2):.8f}")
Xq = np.stack([np.ones_like(x), x, x ** 2], axis=1)
cq = np.linalg.solve(Xq.T @ Xq, Xq.T @ y)
print(cq)

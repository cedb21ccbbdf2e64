# Newton's method: square roots elementwise, and a cubic's root.
import numpy as np

targets = np.array([2.0, 10.0, 0.25, 1e6])
x = np.ones_like(targets)
for it in range(30):
    x = 0.5 * (x + targets / x)
print(x, np.sqrt(targets), np.max(np.abs(x - np.sqrt(targets))))

def p(t):
    return t ** 3 - 2 * t - 5

def dp(t):
    return 3 * t ** 2 - 2

t = 2.0
k = 0
while abs(p(t)) > 1e-13 and k < 50:
    t = t - p(t) / dp(t)
    k += 1
print(f"root {t:.12f} after {k} steps, p(root)={p(t):.2e}")

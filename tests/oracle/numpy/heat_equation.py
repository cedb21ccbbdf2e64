# 1-D heat equation, explicit finite differences with slicing.
import numpy as np

n = 21
x = np.linspace(0.0, 1.0, n)
u = np.sin(np.pi * x)
dx = x[1] - x[0]
dt = 0.4 * dx ** 2
steps = 100
for _ in range(steps):
    lap = np.zeros_like(u)
    lap[1:-1] = (u[2:] - 2 * u[1:-1] + u[:-2]) / dx ** 2
    u = u + dt * lap
t = steps * dt
exact = np.exp(-np.pi ** 2 * t) * np.sin(np.pi * x)
print(np.round(u, 8))
print(f"t={t:.6f} max error {np.max(np.abs(u - exact)):.3e}")
print(u.max(), u[n // 2])

# Runge-Kutta 4 for a harmonic oscillator; energy drift.
import numpy as np

def f(t, y):
    return np.array([y[1], -y[0]])

def rk4(f, y0, t0, t1, n):
    h = (t1 - t0) / n
    y = y0
    t = t0
    for _ in range(n):
        k1 = f(t, y)
        k2 = f(t + h / 2, y + h / 2 * k1)
        k3 = f(t + h / 2, y + h / 2 * k2)
        k4 = f(t + h, y + h * k3)
        y = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        t = t + h
    return y

y0 = np.array([1.0, 0.0])
for n in [10, 50, 200]:
    y = rk4(f, y0, 0.0, 2 * np.pi, n)
    print(f"n={n:3d} y={y} err={np.linalg.norm(y - y0):.3e} energy={0.5 * np.sum(y ** 2):.12f}")

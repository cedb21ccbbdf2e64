# Numerical integration by hand: trapezoid and Simpson rules.
import numpy as np

def trapezoid(f, a, b, n):
    x = np.linspace(a, b, n + 1)
    y = f(x)
    h = (b - a) / n
    return h * (np.sum(y) - 0.5 * (y[0] + y[-1]))

def simpson(f, a, b, n):
    x = np.linspace(a, b, n + 1)
    y = f(x)
    h = (b - a) / n
    return h / 3 * (y[0] + y[-1] + 4 * np.sum(y[1:-1:2]) + 2 * np.sum(y[2:-1:2]))

for n in [4, 16, 64, 256]:
    t = trapezoid(np.sin, 0.0, np.pi, n)
    s = simpson(np.sin, 0.0, np.pi, n)
    print(f"n={n:4d} trap={t:.12f} err={abs(t - 2):.3e} simpson={s:.12f} err={abs(s - 2):.3e}")
print(simpson(lambda x: np.exp(-x ** 2), -3.0, 3.0, 200), np.sqrt(np.pi))

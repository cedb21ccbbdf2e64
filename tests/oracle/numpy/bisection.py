# Bisection with a while loop, vectorised over several brackets at once.
import numpy as np

def f(x):
    return np.cos(x) - x

lo, hi = 0.0, 1.0
n = 0
while hi - lo > 1e-12:
    mid = 0.5 * (lo + hi)
    if f(mid) > 0:
        lo = mid
    else:
        hi = mid
    n += 1
print(f"root {0.5 * (lo + hi):.12f} in {n} steps")
a = np.array([1.0, 2.0, 3.0])
lo = np.zeros(3)
hi = np.full(3, 2.0)
for _ in range(60):
    mid = (lo + hi) / 2
    too_big = mid ** 2 > a
    hi = np.where(too_big, mid, hi)
    lo = np.where(too_big, lo, mid)
print(lo, np.sqrt(a))

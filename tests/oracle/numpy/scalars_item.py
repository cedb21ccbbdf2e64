# Scalars: 0-d arrays, .item(), float()/int(), numpy scalars in Python arithmetic.
import numpy as np

x = np.array([1.5, 2.5, 3.5])
s = x.sum()
print(s, float(s), int(s), s.item(), s * 2, s + 0.25)
print(float(x[0]) + 1, int(x[2]), x[1] > 2, bool(x[0] < 0))
m = np.max(x)
print(m, m / 3, round(float(m), 3), abs(-m))
count = 0
for v in x:
    if v > 2:
        count += 1
print(count, sum(x), max(x), min(x))
print(np.sqrt(2.0), np.float64(1) / 3, np.exp(0), np.array(7).item() // 2)
print(len(x), x.size == len(x), x[0] == 1.5)

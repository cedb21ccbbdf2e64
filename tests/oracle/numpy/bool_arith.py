# Arithmetic with booleans: counting, masking by multiplication.
import numpy as np

x = np.array([3.0, -1.0, 4.0, -1.5, 5.0, -9.0, 2.0])
pos = x > 0
print(pos.sum(), np.sum(pos), pos.mean(), pos.astype(np.int64))
print(x * pos, x * ~pos)
print(True + True, True * 3, False - 1)
print(np.sum(x[pos]), np.sum(x * pos))
grades = np.array([55, 72, 88, 91, 40, 67])
passed = grades >= 60
print(f"{int(passed.sum())} of {len(grades)} passed ({100 * passed.mean():.1f}%)")
print(np.cumsum(passed), passed.astype(np.float64) * 0.5)

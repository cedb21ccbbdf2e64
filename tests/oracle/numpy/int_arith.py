# Integer semantics: floor division and modulo with negatives, powers, overflow-free sums.
import numpy as np

a = np.arange(-6, 7)
print(a // 4, a % 4)
print(a // -4, a % -4)
print(np.floor_divide(a, 3), np.mod(a, 3))
print(a ** 2, a ** 3, 2 ** np.arange(10))
print(np.sum(np.arange(1, 100001)), np.prod(np.arange(1, 16)))
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, 17 // 5, 17 % 5)
print(np.abs(a).max(), (a * a).sum(), a.mean())
big = np.array([2 ** 40, 3 ** 20])
print(big, big * 2, big // 7)

# Exponentials, logarithms, roots.
import numpy as np

x = np.array([0.001, 0.5, 1.0, 2.0, 10.0])
print(np.exp(x))
print(np.exp2(x))
print(np.log(x))
print(np.log2(x))
print(np.log10(x))
print(np.log1p(x))
print(np.expm1(x))
print(np.sqrt(x))
print(np.square(x))
print(np.reciprocal(x))
small = np.array([1e-10, 1e-5, -1e-8])
print(np.log1p(small), np.expm1(small))
print(np.exp(np.log(x)) - x)
print(np.log2(np.array([1, 2, 4, 1024])))
print(np.sqrt(np.array([4, 9, 16])))

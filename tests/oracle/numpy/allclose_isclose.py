# allclose and isclose with default and explicit tolerances.
import numpy as np

a = np.array([1.0, 2.0, 3.0, np.nan])
b = a + np.array([1e-9, 1e-4, 0.0, 0.0])
print(np.isclose(a, b))
print(np.isclose(a, b, rtol=1e-3), np.isclose(a, b, atol=1e-3, rtol=0.0))
print(np.isclose(a, b, equal_nan=True))
print(np.allclose(a[:3], b[:3]), np.allclose(a[:3], b[:3], rtol=1e-3))
print(np.allclose(a, a), np.allclose(a, a, equal_nan=True))
print(np.allclose(np.sin(np.pi), 0.0), np.isclose(0.1 + 0.2, 0.3))
print(np.isclose(np.array([1e-10, 1e-7]), 0.0))

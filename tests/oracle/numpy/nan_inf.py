# nan and inf: tests, arithmetic, constants.
import numpy as np

x = np.array([1.0, np.nan, np.inf, -np.inf, 0.0, -2.5])
print(x)
print(np.isnan(x), np.isinf(x), np.isfinite(x))
print(np.where(np.isnan(x), 0.0, x))
print(x[np.isfinite(x)])
print(np.inf > 1e308, -np.inf < -1e308, np.nan == np.nan)
print(np.sum(np.isnan(x)), np.sum(np.isfinite(x)))
y = np.array([np.inf, 1.0]) - np.array([np.inf, 1.0])
print(y, np.isnan(y))
print(np.maximum(np.array([1.0, np.nan]), np.array([2.0, 0.0])))
print(np.exp(np.array([-1000.0, 700.0])))
print(1.0 / np.array([np.inf, -np.inf]))
print(np.isinf(np.array([1, 2])), np.isnan(np.array([1, 2])))

# Constants pi, e, inf, nan and the math module.
import numpy as np
import math

print(np.pi, np.e, np.inf, -np.inf, np.nan)
print(math.pi, math.e, math.pi == np.pi)
print(np.cos(np.pi), np.log(np.e), np.exp(1.0) - np.e)
print(np.isnan(np.nan), np.isinf(np.inf), np.inf > 0)
print(math.sqrt(2.0), np.sqrt(2.0), math.exp(1.5), math.log(10.0))
print(math.floor(3.7), math.ceil(3.2), math.sin(math.pi / 6))
r = 2.5
print(f"area {np.pi * r ** 2:.6f} circumference {2 * math.pi * r:.6f}")

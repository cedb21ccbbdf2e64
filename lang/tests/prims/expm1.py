import numpy as np
x = np.array([1e-10, 0.0, -0.5, 2.0])
print(np.expm1(x))
print(np.expm1(np.linspace(-0.9, 0.9, 5)))
print(np.expm1(np.array([1e-10, 0.0, -0.5, 2.0], dtype=np.float32)))

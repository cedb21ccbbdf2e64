# rtol: 1e-6
# (float32 lines: numpy's float32 SIMD kernels may be 1 ulp off the correctly rounded value)
import numpy as np
x = np.array([0.0, 0.25, 2.0, 9.0])
print(np.sqrt(x))
print(np.sqrt(np.linspace(0.0, 4.0, 5)))
print(np.sqrt(np.array([0.0, 0.25, 2.0, 9.0], dtype=np.float32)))

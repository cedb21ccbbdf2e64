# rtol: 1e-6
# (float32 lines: numpy's float32 SIMD kernels may be 1 ulp off the correctly rounded value)
import numpy as np
x = np.array([1e-10, 0.0, -0.5, 2.0])
print(np.expm1(x))
print(np.expm1(np.linspace(-0.9, 0.9, 5)))
print(np.expm1(np.array([1e-10, 0.0, -0.5, 2.0], dtype=np.float32)))

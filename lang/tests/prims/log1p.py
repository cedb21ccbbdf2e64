# rtol: 1e-6
# (float32 lines: numpy's float32 SIMD kernels may be 1 ulp off the correctly rounded value)
import numpy as np
x = np.array([1e-10, 0.0, 0.5, 3.0])
print(np.log1p(x))
print(np.log1p(np.linspace(-0.5, 2.0, 5)))
print(np.log1p(np.array([1e-10, 0.0, 0.5, 3.0], dtype=np.float32)))

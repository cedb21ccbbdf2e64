# rtol: 1e-6
# (float32 lines: numpy's float32 SIMD kernels may be 1 ulp off the correctly rounded value)
import numpy as np
x = np.array([0.25, 1.0, 2.0, 10.0])
print(np.log(x))
print(np.log(np.linspace(0.5, 4.0, 5)))
print(np.log(np.array([0.25, 1.0, 2.0, 10.0], dtype=np.float32)))

# rtol: 1e-6
# (float32 lines: numpy's float32 SIMD kernels may be 1 ulp off the correctly rounded value)
import numpy as np
x = np.array([-1.0, 0.0, 0.5, 1.25])
print(np.sin(x))
print(np.sin(np.linspace(-0.9, 0.9, 5)))
print(np.sin(np.array([-1.0, 0.0, 0.5, 1.25], dtype=np.float32)))

# rtol: 1e-6
# (float32 lines: numpy's float32 SIMD kernels may be 1 ulp off the correctly rounded value)
import numpy as np
x = np.array([-1.0, 0.0, 0.5, 0.9])
print(np.arccos(x))
print(np.arccos(np.linspace(-0.9, 0.9, 5)))
print(np.arccos(np.array([-1.0, 0.0, 0.5, 0.9], dtype=np.float32)))

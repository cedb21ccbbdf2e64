# rtol: 1e-6
# (float32 lines: numpy's float32 SIMD kernels may be 1 ulp off the correctly rounded value)
import numpy as np
x = np.array([1.7, -1.7, 0.0, 2.5])
print(x.astype(np.int64))
print(x.astype(np.int32))
print(x.astype(bool))
print(np.arange(3).astype(np.float32))
print(np.array([True, False]).astype(np.float64))

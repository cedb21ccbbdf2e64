# a.view(dtype) for dtypes of the same size: the same bytes read as the other dtype (float32 ↔
# int32/uint32, float64 ↔ int64, int8 ↔ uint8, int16 ↔ float16), and a.view() of the same elements.
# rtol: 0
# atol: 0
import numpy as np
a = np.array([1.0, -2.5, 3.0], dtype=np.float32)
print(a.view(np.int32))
print(a.view(np.uint32), np.array([1, -1], dtype=np.int64).view(np.float64), np.array([1, -1, 3], dtype=np.int8).view(np.uint8))
b = np.array([1, 2], dtype=np.int32).view(np.float32)
print(b, np.array([0x3f800000], dtype=np.uint32).view(np.float32))
print(a.view())
print(np.arange(4, dtype=np.int16).view(np.float16))
print(np.array([np.inf, -0.0, 1e-40], dtype=np.float32).view(np.int32), np.array([0x7c00, 0x0001, 0xfc00], dtype=np.uint16).view(np.float16))
f = np.array([1.5, 2.25])
i = f.view(np.int64)
print(i, i.view(np.float64), (i.view(np.float64) == f).all(), i.dtype, i.shape)

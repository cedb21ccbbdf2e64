# float16 cumsum/cumprod round to float16 after every step, as numpy's float16 add.accumulate
# (a sum that stalls at 256 + ... shows the difference from one rounding at the end).
# rtol: 0
# atol: 0
import numpy as np
x = (np.arange(1, 41, dtype=np.float16) * np.float16(0.37)).reshape(4, 10)
print(np.cumsum(x), np.cumsum(x, axis=0), np.cumsum(x, axis=1))
print(np.cumprod(x[:, :5] / 2, axis=1), np.cumprod(np.full(12, 1.1, dtype=np.float16)))
print(np.add.accumulate(np.full(3000, 0.1, dtype=np.float16))[-5:])
print(x.cumsum(), np.cumsum(np.array([65000, 600, -70000], dtype=np.float16)))
print(np.cumsum(np.float16([1e-7, 1e-7, 1e-7, 1e-7])), np.cumsum(np.array(np.float16(3.0))))

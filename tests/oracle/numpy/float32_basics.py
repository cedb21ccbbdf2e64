# rtol: 1e-5
# atol: 1e-6
# words: float32 float64
# float32 arithmetic: results stay float32, printed with float32 precision.
import numpy as np

x = np.linspace(0.0, 2.0, 9).astype(np.float32)
print(x, x.dtype)
y = np.sin(x) * 2 + 1
print(y, y.dtype)
z = x * np.float32(0.1)
print(z, z.dtype)
print(np.exp(x).dtype, np.sqrt(x), np.sum(x), np.mean(x))
m = np.arange(6, dtype=np.float32).reshape(2, 3) / 7
print(m, m.dtype)
print(m @ m.T, (m @ m.T).dtype)
print(np.float32(1.0) / np.float32(3.0))
print(np.tanh(m).sum(axis=1))
print(np.cumsum(x)[-1], np.max(np.cos(x)))

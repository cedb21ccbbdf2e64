# A moving average via cumsum, checked against an explicit loop.
import numpy as np

x = np.array([1.0, 3.0, 2.0, 5.0, 7.0, 4.0, 6.0, 9.0, 8.0, 10.0])
w = 3
c = np.cumsum(np.concatenate([np.zeros(1), x]))
ma = (c[w:] - c[:-w]) / w
print(ma)
loop = np.array([np.mean(x[i:i + w]) for i in range(len(x) - w + 1)])
print(loop, np.allclose(ma, loop))
ema = np.zeros_like(x)
ema[0] = x[0]
alpha = 0.3
for i in range(1, len(x)):
    ema[i] = alpha * x[i] + (1 - alpha) * ema[i - 1]
print(ema)
for i, v in enumerate(ma):
    print(f"window {i}: {v:6.3f}")

# Basic indexing: ints, slices with steps (negative too), None, Ellipsis.
import numpy as np

x = np.arange(10)
print(x[3], x[-1], x[2:7], x[:3], x[7:], x[::2], x[1::3])
print(x[::-1], x[8:2:-2], x[-3:], x[:-3], x[-1:-5:-1])
m = np.arange(20).reshape(4, 5)
print(m[1], m[1, 2], m[-1, -1], m[1][2])
print(m[:, 1], m[1:3, ::2], m[::-1, ::-1])
print(m[:2, 3:], m[::2, ::-2])
t = np.arange(24).reshape(2, 3, 4)
print(t[..., 0], t[0, ...], t[..., 1:3].shape)
print(t[:, None, :, 0].shape, t[1, :, None].shape, t[None].shape)
print(t[1, ..., -1], t[-1, -1, ::-1])
print(x[5:100], x[100:], x[-100:2])

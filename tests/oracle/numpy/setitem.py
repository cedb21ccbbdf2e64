# In-place-looking updates: x[i] = v, slices, masks, fancy indices.
import numpy as np

x = np.zeros(6)
x[0] = 1.5
x[-1] = 2.0
x[2:4] = 7.0
print(x)
x[x > 1] = 0
print(x)
m = np.arange(12.0).reshape(3, 4)
m[1] = -1.0
m[:, 0] = np.array([10.0, 20.0, 30.0])
m[2, 3] = 99.0
print(m)
m[m < 0] = 0
print(m)
m[[0, 2], 1] = 5.5
print(m)
y = np.arange(8)
y[::2] = y[1::2]
print(y)
z = y
z[0] = 100
print(z)
a = np.ones((2, 3))
a[:, 1:] += 1
a[0] *= 3
print(a)

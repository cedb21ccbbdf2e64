# numpy aliasing: names, containers and function arguments share an array; basic-index
# views (and reshape/transpose views) write through to their base; copies do not.
import numpy as np
a = np.arange(6.0)
b = a
b[0] = 100
print(a)
v = a[1:4]
v[0] = -1
print(a, v)
a[2] = 7
print(v)
m = np.zeros((3, 4))
row = m[1]
row[:] = 5
print(m)
for r in m:
    r += 1
print(m)
m[:, 0] *= 10
print(m)
c = m.copy()
c[0, 0] = 99
print(m[0, 0], c[0, 0])
def fill(x, val):
    x[:] = val
z = np.ones(3)
fill(z, 4)
print(z)
t = m.T
t[0, 2] = -3
print(m)
r = m.reshape(12)
r[11] = 42
print(m)
i = np.arange(5)
i += 2
print(i)
try:
    i += 0.5
except TypeError as e:
    print(type(e).__name__, e)
try:
    i += np.ones((2, 5), dtype=int)
except ValueError as e:
    print(e)
f = a.astype(np.float64)
f[0] = 1
print(a[0], f[0])
g = np.array(a)
g[1] = 123
print(a[1], g[1])
s = a + 0
s[0] = -5
print(a[0])
d = {'w': np.zeros(2)}
w = d['w']
w -= 1
print(d)
x = np.arange(10)
x[x > 5] = 0
print(x)
x[[0, 1]] += 100
print(x)
y = x[::2]
y[:] = y * 3
print(x)

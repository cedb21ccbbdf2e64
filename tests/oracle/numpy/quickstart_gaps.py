# Examples of numpy's quickstart and indexing guides that Slope lacked: fromfunction, r_/c_,
# s_/index_exp, mgrid/ogrid, views (a.view() is a new object; .base; .flags), a range as an
# index, ufunc identities.
import numpy as np

def f(x, y):
    return 10 * x + y

b = np.fromfunction(f, (5, 4), dtype=np.int_)
print(b)
print(b[2, 3], b[0:5, 1], b[-1])
print(np.fromfunction(lambda i, j: i == j, (3, 3), dtype=int))
print(np.fromfunction(lambda i, j: i + j, (2, 2)))

print(np.r_[1:4, 0, 4])
print(np.r_[np.array([1, 2, 3]), 0, 0, np.array([4, 5, 6])])
print(np.r_[-1:1:0.5, [7.5]])
print(np.r_['-1', np.array([[1, 2]]), np.array([[3, 4]])])
print(np.r_['0,2', [1, 2, 3], [4, 5, 6]])
print(np.r_['0,2,0', [1, 2, 3], [4, 5, 6]])
print(np.c_[np.array([1, 2, 3]), np.array([4, 5, 6])])
print(np.c_[np.array([[1, 2, 3]]), 0, 0, np.array([[4, 5, 6]])])

a = np.arange(20).reshape(4, 5)
print(np.s_[2::2], np.index_exp[2::2], np.s_[1:3, ::2])
print(a[np.s_[1:3, ::2]], a[np.index_exp[1]])

print(np.mgrid[0:3, 0:2])
print(np.mgrid[0:1:0.25])
print(np.mgrid[-1:1:0.5, 0:2].dtype)
x, y = np.ogrid[0:3, 0:4]
print(x, y, (x + y).shape)

a = np.arange(12)
c = a.view()
print(c is a, c.base is a, c.flags.owndata, a.base is None, a.flags.owndata)
c[4] = 1234
print(a)
s = a[2:5]
print(s.base is a, s[1:].base is a)
s[:] = 10
print(a)
d = a.copy()
print(d.base is None, d.flags.owndata)
print(a.flags)
print(a.reshape(3, 4).flags["C_CONTIGUOUS"], a.reshape(3, 4).flags.f_contiguous, a.reshape(1, 12).flags.f_contiguous)

data = np.sin(np.arange(20)).reshape(5, 4)
ind = data.argmax(axis=0)
data_max = data[ind, range(data.shape[1])]
print(np.all(data_max == data.max(axis=0)))
print(np.arange(10)[range(2, 8, 3)], np.arange(10)[range(5, 0, -2)], np.arange(10)[range(0)])

for u in (np.add, np.multiply, np.maximum, np.logical_and, np.logical_or, np.subtract, np.sin, np.bitwise_and):
    print(u.__name__, u.identity, u.nargs)

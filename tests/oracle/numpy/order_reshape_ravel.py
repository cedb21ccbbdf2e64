# reshape/ravel/flatten in index order 'C', 'F', 'A' and 'K' (numpy's fromnumeric examples);
# before, Slope ignored order= and silently gave C order.
import numpy as np

a = np.arange(6).reshape((3, 2))
print(np.reshape(a, (2, 3)))
print(np.reshape(a, (2, 3), order='F'))
print(np.reshape(np.ravel(a, order='F'), (2, 3), order='F'))
b = np.array([[1, 2, 3], [4, 5, 6]])
print(np.reshape(b, 6), np.reshape(b, 6, order='F'), np.reshape(b, (3, -1), order='F'))
print(b.reshape(3, 2, order='F'), b.reshape((6,), order='C'))

x = np.array([[1, 2, 3], [4, 5, 6]])
print(np.ravel(x), x.reshape(-1), np.ravel(x, order='F'), np.ravel(x.T), np.ravel(x.T, order='A'))
print(x.ravel(order='F'), x.flatten('F'), x.flatten(order='C'), x.T.flatten('A'))
a = np.arange(12).reshape(2, 3, 2).swapaxes(1, 2)
print(a)
print(a.ravel(order='C'))
print(a.ravel(order='K'))
c = np.arange(24).reshape(2, 3, 4)
print(np.ravel(c, order='F'))
print(np.reshape(c, (4, 6), order='F'))
print(c.transpose(2, 0, 1).ravel(order='K'), c.transpose(2, 0, 1).ravel(order='A'))
print(np.ravel(np.float32(3.0), order='F'), np.ravel([[1, 2], [3, 4]], order='F'))

f = x.flatten('F')
f[0] = 100
print(x[0, 0], f[0])
for bad in (lambda: np.reshape(x, 6, order='K'), lambda: np.ravel(x, order='X'), lambda: x.flatten('Q')):
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

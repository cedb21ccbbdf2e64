# Products: dot, matmul / @, vdot, outer, inner.
import numpy as np

a = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
b = np.array([[7.0, 8.0], [9.0, 10.0], [11.0, 12.0]])
v = np.array([1.0, -1.0, 2.0])
print(np.dot(a, b), a @ b, np.matmul(a, b))
print(np.dot(a, v), a @ v, v @ b)
print(np.dot(v, v), v @ v, np.vdot(a, a))
print(np.outer(v, np.array([1.0, 2.0])))
print(np.inner(v, v), np.inner(a, a))
print(a.dot(b), a.dot(v))
batch = np.arange(12.0).reshape(2, 2, 3)
print(np.matmul(batch, b), (batch @ b).shape)
print(np.arange(4) @ np.arange(4), np.dot(3, 4), np.dot(2.0, v))
i = np.array([[1, 2], [3, 4]])
print(i @ i, (i @ i).dtype)

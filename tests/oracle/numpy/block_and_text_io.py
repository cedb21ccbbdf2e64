# np.block (numpy's save-load-arrays tutorial builds its CSV with it), and savetxt/loadtxt
# with a header, as the tutorial writes them.
import os
import numpy as np

x = np.arange(10)
y = x ** 2
out = np.block([x[:, np.newaxis], y[:, np.newaxis]])
print(out.shape, out.dtype)
print(out)

A = np.eye(2) * 2
B = np.eye(3) * 3
print(np.block([[A, np.zeros((2, 3))], [np.ones((3, 2)), B]]))
print(np.block([1, 2, 3]))
print(np.block([[1, 2], [3, 4]]))
print(np.block([np.arange(3), 10]))
print(np.block([[np.ones((2, 2, 2))], [np.zeros((2, 2, 2))]]).shape)
print(np.block(np.float32(5.0)), np.block(7).shape)
print(np.block([[np.ones(2, dtype=np.float32), np.arange(2)]]).dtype)

for bad in ([], [[1, 2], 3], (1, 2), [[1], []]):
    try:
        np.block(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

path = f"x_y-squared-{os.getpid()}.csv"
np.savetxt(path, X=out, header="x, y", delimiter=",")
print(open(path).read())
back = np.loadtxt(path, delimiter=",")
print(back.shape, back.dtype)
print(back[:, 0], back[:, 1])
os.remove(path)

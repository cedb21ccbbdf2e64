# out= writes the result into the given array (before, clip/round/trace/var/std/quantile/
# median/argmax/dot silently ignored it), var/std honour where= and mean=, np.size takes axis.
import numpy as np

a = np.arange(10)
print(np.clip(a, 3, 6, out=a), a)
f = np.linspace(0, 1, 7)
o = np.empty(7)
r = np.round(f, 2, out=o)
print(r, o)
m = np.arange(12.0).reshape(3, 4)
o2 = np.zeros(4)
print(np.var(m, axis=0, out=o2), o2)
o3 = np.zeros(3)
np.std(m, axis=1, out=o3)
print(o3)
o4 = np.zeros(())
np.median(m, out=o4)
print(o4)
o5 = np.zeros(2)
np.quantile(m, [0.25, 0.75], out=o5)
print(o5)
o6 = np.zeros(4, dtype=np.int64)
np.argmax(m, axis=0, out=o6)
print(o6)
o7 = np.zeros((3, 3))
np.dot(m, m.T[:, :3] if False else m.T, out=o7)
print(o7)
print(np.trace(np.eye(3), out=np.zeros(())))

a = np.array([[14, 8, 11, 10], [7, 9, 10, 11], [10, 15, 5, 10]])
print(np.std(a), np.std(a, where=[[True], [True], [False]]))
print(np.var(a, axis=1, where=a > 8), np.var(a, axis=0, where=a > 8, keepdims=True))
print(np.std(a, axis=1, ddof=1, where=a > 8))
mean = np.mean(a, axis=1, keepdims=True)
print(np.std(a, axis=1, mean=mean), np.var(a, axis=1, mean=mean))

a = np.array([[1, 2, 3], [4, 5, 6]])
print(np.size(a), np.size(a, axis=1), np.size(a, axis=0), np.size(a, 0), np.size(a, axis=(0, 1)), np.size(a, -1))
try:
    np.size(a, axis=2)
except Exception as e:
    print(type(e).__name__)

# A dtype compares equal to the Python type numpy maps it to.
x = np.array([1, 2, 3], dtype=np.int8)
print(np.prod(x).dtype == int, np.sum(x).dtype == int, x.dtype == int, np.ones(2).dtype == float, np.ones(2).dtype == int)
print(np.array([True]).dtype == bool, np.float32(1).dtype == float, int == np.arange(3).dtype, np.arange(3).dtype != float)

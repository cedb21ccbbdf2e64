# Array methods and attributes.
import numpy as np

a = np.array([[1.25, -2.5, 3.75], [4.0, 0.5, -6.125]])
print(a.sum(), a.mean(), a.max(), a.min(), a.argmax(), a.argmin())
print(a.sum(axis=0), a.mean(axis=1), a.max(axis=1), a.min(axis=0))
print(a.reshape(3, 2), a.T, a.transpose())
print(a.astype(np.int64), a.astype(np.float32).dtype)
print(a.tolist(), a[0].tolist(), a[1, 2].item(), a.sum().item())
print(a.shape, a.ndim, a.size, a.dtype)
c = a.copy()
c[0, 0] = 100.0
print(a[0, 0], c[0, 0])
print(a.flatten(), a.ravel(), a[:, :1].squeeze())
print(a.clip(-1.0, 1.0), a.round(1), a.dot(a.T))
lst = a.tolist()
print(len(lst), len(lst[0]), sum(lst[0]), lst[1][2] * 2)
print(np.array(5).item() + 1, np.arange(3).tolist())

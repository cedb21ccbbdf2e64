# Joining arrays: concatenate, stack, vstack, hstack.
import numpy as np

a = np.array([[1, 2], [3, 4]])
b = np.array([[5, 6]])
c = np.array([[7], [8]])
print(np.concatenate([a, b]))
print(np.concatenate((a, b), axis=0))
print(np.concatenate([a, c], axis=1))
print(np.concatenate([a, a, a], axis=-1))
print(np.concatenate([np.arange(3), np.arange(10, 12)]))
u = np.array([1.0, 2.0, 3.0])
w = np.array([4.0, 5.0, 6.0])
print(np.stack([u, w]), np.stack([u, w], axis=1), np.stack((u, w, u), axis=-1).shape)
print(np.vstack([u, w]), np.vstack([a, b]))
print(np.hstack([u, w]), np.hstack([a, c]))
print(np.concatenate([a, b.astype(np.float64)]).dtype)

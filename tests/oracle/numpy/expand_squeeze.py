# Adding and removing unit axes: expand_dims, squeeze, None / np.newaxis.
import numpy as np

v = np.array([1.0, 2.0, 3.0])
print(np.expand_dims(v, 0).shape, np.expand_dims(v, 1).shape, np.expand_dims(v, -1).shape)
print(v[None, :].shape, v[:, None].shape, v[np.newaxis].shape, v[:, np.newaxis, None].shape)
col = v[:, None]
row = v[None, :]
print(col * row)
print(col + row)
s = np.zeros((1, 3, 1, 2))
print(np.squeeze(s).shape, np.squeeze(s, axis=0).shape, np.squeeze(s, axis=2).shape)
print(s.squeeze().shape, s.squeeze(axis=(0, 2)).shape)
one = np.array([[[5.5]]])
print(one.squeeze(), np.squeeze(one).shape, np.squeeze(one).ndim)
print(np.expand_dims(np.arange(6).reshape(2, 3), axis=1))

# tensordot and einsum in their common forms.
import numpy as np

a = np.arange(6.0).reshape(2, 3)
b = np.arange(12.0).reshape(3, 4)
print(np.tensordot(a, b, axes=1))
print(np.tensordot(a, a, axes=2), np.tensordot(a, a, axes=([1], [1])))
t = np.arange(24.0).reshape(2, 3, 4)
print(np.tensordot(t, b.T, axes=([2], [0])).shape, np.tensordot(t, a, axes=([0, 1], [0, 1])))
print(np.tensordot(np.arange(3.0), np.arange(2.0), axes=0))
print(np.einsum("ij,jk->ik", a, b))
print(np.einsum("ii->", np.eye(3) * 2), np.einsum("ii->i", b[:, :3]))
print(np.einsum("ij->ji", a), np.einsum("ij->", a), np.einsum("ij->j", a))
print(np.einsum("i,i->", a[0], a[1]), np.einsum("i,j->ij", a[0], a[1]))
print(np.einsum("bij,bjk->bik", t[:, :, :3], t[:, :, :3].transpose(0, 2, 1)))
print(np.einsum("ij,ij->i", a, a))

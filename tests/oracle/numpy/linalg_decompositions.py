# numpy.linalg: svd, eigh, eig, qr, lstsq, matrix_rank, pinv, det, slogdet, norm, cholesky,
# solve, inv. Where numpy's signs depend on LAPACK (singular and eigen vectors) the program
# prints sign-invariant quantities: reconstructions, |vectors|, sorted eigenvalues, residuals.
# atol: 1e-10
import numpy as np


def fix_signs(v):
    # Each column scaled so that its largest-magnitude entry is positive.
    idx = np.argmax(np.abs(v), axis=0)
    s = np.sign(v[idx, np.arange(v.shape[1])])
    return v * s


A = np.array([[4.0, 1.0, -2.0, 2.0], [1.0, 2.0, 0.0, 1.0], [-2.0, 0.0, 3.0, -2.0], [2.0, 1.0, -2.0, -1.0]])
B = np.array([[2.0, -1.0, 0.5], [1.0, 3.0, -2.0], [0.0, 1.5, 4.0], [-1.0, 2.0, 1.0], [3.0, 0.0, 1.0]])

# svd
U, S, Vh = np.linalg.svd(B)
print(U.shape, S.shape, Vh.shape)
print(S)
print(np.allclose(U[:, :3] * S @ Vh, B), np.allclose(U.T @ U, np.eye(5)), np.allclose(Vh @ Vh.T, np.eye(3)))
print(np.abs(fix_signs(U[:, :3])))
U, S, Vh = np.linalg.svd(B, full_matrices=False)
print(U.shape, S.shape, Vh.shape)
print(np.round(U @ np.diag(S) @ Vh, 12))
print(np.linalg.svd(B.T, compute_uv=False))
U, S, Vh = np.linalg.svd(B.T)
print(U.shape, S.shape, Vh.shape, np.allclose(U @ np.diag(S) @ Vh[:3], B.T))
res = np.linalg.svd(np.array([[3.0, 0.0], [0.0, -4.0]]))
print(res.S, np.abs(res.U), np.abs(res.Vh))
stack = np.stack([A[:3, :3], A[1:, 1:]])
print(np.linalg.svd(stack, compute_uv=False))
print(np.linalg.svd(np.array([[1.0, 2.0], [2.0, 4.0]]), compute_uv=False))

# eigh
w, v = np.linalg.eigh(A)
print(w)
print(fix_signs(v))
print(np.allclose(A @ v, v * w))
res = np.linalg.eigh(np.array([[2.0, -1.0], [-1.0, 2.0]]))
print(res.eigenvalues, np.abs(res.eigenvectors))
print(np.linalg.eigvalsh(np.array([[5.0, 99.0], [1.0, 3.0]])), np.linalg.eigh(np.array([[5.0, 99.0], [1.0, 3.0]]), UPLO="U")[0])
print(np.linalg.eigvalsh(stack))

# eig (real eigenvalues)
M = np.array([[2.0, 0.0, 0.0], [0.0, 3.0, 4.0], [0.0, 4.0, 9.0]])
w, v = np.linalg.eig(M)
order = np.argsort(w)
print(w[order])
print(fix_signs(v[:, order]))
N = np.array([[4.0, 1.0, 2.0], [0.5, 3.0, 1.0], [0.0, 0.2, 1.0]])
w, v = np.linalg.eig(N)
print(np.sort(w), np.allclose(N @ v, v * w), np.allclose(np.linalg.norm(v, axis=0), 1.0))
print(fix_signs(v[:, np.argsort(w)]))
w, v = np.linalg.eig(np.diag((1.0, 2.0, 3.0)))
print(w, v)
print(np.sort(np.linalg.eigvals(np.array([[1.0, 2.0], [3.0, 2.0]]))))
T = np.array([[1.0, 2.0, 3.0], [0.0, 4.0, 5.0], [0.0, 0.0, 6.0]])
w, v = np.linalg.eig(T)
print(np.sort(w), fix_signs(v[:, np.argsort(w)]))
P = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
print(np.sort(np.linalg.eigvals(P.T @ np.array([[2.0, 1.0, 0.0], [0.0, 2.0, 1.0], [0.0, 0.0, 3.0]]) @ P)))
R = np.sin(np.arange(64.0)).reshape(8, 8)
w, v = np.linalg.eig(R + R.T)
print(np.allclose(np.sort(w), np.linalg.eigvalsh(R + R.T)), np.allclose((R + R.T) @ v, v * w))

# qr (Householder, numpy's signs)
Q, R = np.linalg.qr(B)
print(Q.shape, R.shape)
print(Q)
print(R)
print(np.allclose(Q @ R, B))
Q, R = np.linalg.qr(B, mode="complete")
print(Q.shape, R.shape, np.allclose(Q @ R, B), np.allclose(Q.T @ Q, np.eye(5)))
print(R)
print(np.linalg.qr(B.T, mode="r"))
res = np.linalg.qr(np.array([[3.0, 1.0], [4.0, 2.0]]))
print(res.Q, res.R)
print(np.linalg.qr(np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])))

# lstsq, matrix_rank, pinv
x = np.array([0.0, 1.0, 2.0, 3.0])
y = np.array([-1.0, 0.2, 0.9, 2.1])
Am = np.vstack([x, np.ones(len(x))]).T
m, c = np.linalg.lstsq(Am, y)[0]
print(m, c)
sol, resid, rank, sv = np.linalg.lstsq(B, np.array([1.0, 2.0, 3.0, 4.0, 5.0]), rcond=None)
print(sol, resid, rank, sv)
sol, resid, rank, sv = np.linalg.lstsq(B, np.arange(10.0).reshape(5, 2))
print(sol, resid, rank)
sol, resid, rank, sv = np.linalg.lstsq(np.array([[1.0, 1.0], [1.0, 1.0], [0.0, 0.0]]), np.array([2.0, 2.0, 1.0]))
print(sol, resid, rank, sv)
print(np.linalg.matrix_rank(np.eye(4)))
I = np.eye(4)
I[-1, -1] = 0.0
print(np.linalg.matrix_rank(I), np.linalg.matrix_rank(np.ones((4,))), np.linalg.matrix_rank(np.zeros((4,))))
print(np.linalg.matrix_rank(B), np.linalg.matrix_rank(np.outer(np.arange(1.0, 4.0), np.arange(1.0, 5.0))))
print(np.linalg.matrix_rank(np.array([[1.0, 2.0], [2.0, 4.0001]]), tol=1e-3))
Bp = np.linalg.pinv(B)
print(Bp)
print(np.allclose(B, B @ Bp @ B), np.allclose(Bp, Bp @ B @ Bp))
print(np.linalg.pinv(np.array([[1.0, 2.0], [2.0, 4.0]])))
print(np.linalg.pinv(np.array([[1.0, 2.0, 3.0]])))

# det, slogdet
print(np.linalg.det(np.array([[1.0, 2.0], [3.0, 4.0]])))
print(np.linalg.det(A), np.linalg.det(np.array([[[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [2.0, 1.0]], [[1.0, 3.0], [3.0, 1.0]]])))
sign, logdet = np.linalg.slogdet(np.array([[1.0, 2.0], [3.0, 4.0]]))
print(sign, logdet)
print(np.linalg.slogdet(np.eye(60) * 0.1))
print(np.linalg.slogdet(np.array([[1.0, 2.0], [2.0, 4.0]])))

# norm: vectors
a = np.arange(9) - 4.0
b = a.reshape((3, 3))
print(np.linalg.norm(a), np.linalg.norm(b), np.linalg.norm(b, "fro"), np.linalg.norm(b, "nuc"))
print(np.linalg.norm(a, np.inf), np.linalg.norm(b, np.inf), np.linalg.norm(a, -np.inf), np.linalg.norm(b, -np.inf))
print(np.linalg.norm(a, 1), np.linalg.norm(b, 1), np.linalg.norm(a, -1), np.linalg.norm(b, -1))
print(np.linalg.norm(a, 2), np.linalg.norm(b, 2), np.linalg.norm(a, -2), np.linalg.norm(b, -2))
print(np.linalg.norm(a, 3), np.linalg.norm(a, -3), np.linalg.norm(a, 0), np.linalg.norm(a, 0.5))
c = np.array([[1.0, 2.0, 3.0], [-1.0, 1.0, 4.0]])
print(np.linalg.norm(c, axis=0), np.linalg.norm(c, axis=1), np.linalg.norm(c, ord=1, axis=1))
print(np.linalg.norm(c, axis=1, keepdims=True), np.linalg.norm(c, keepdims=True))
m = np.arange(8.0).reshape(2, 2, 2)
print(np.linalg.norm(m, axis=(1, 2)), np.linalg.norm(m[0, :, :]), np.linalg.norm(m[1, :, :]))
print(np.linalg.norm(m, ord=2, axis=(1, 2)), np.linalg.norm(m, ord="nuc", axis=(0, 2)))
print(np.linalg.norm(m, ord=-2, axis=(2, 1), keepdims=True))
print(np.linalg.norm(B, 2), np.linalg.norm(B, -2), np.linalg.norm(B, "nuc"), np.linalg.norm(B, 1), np.linalg.norm(B, -np.inf))

# cholesky, solve, inv
S2 = np.array([[4.0, 2.0, 0.4], [2.0, 5.0, 1.0], [0.4, 1.0, 3.0]])
L = np.linalg.cholesky(S2)
print(L, np.allclose(L @ L.T, S2))
a = np.array([[3.0, 1.0], [1.0, 2.0]])
b = np.array([9.0, 8.0])
x = np.linalg.solve(a, b)
print(x, np.allclose(np.dot(a, x), b))
print(np.linalg.solve(A, np.eye(4)))
print(np.linalg.inv(np.array([[1.0, 2.0], [3.0, 4.0]])))
print(np.linalg.inv(np.array([[[1.0, 2.0], [3.0, 4.0]], [[1.0, 3.0], [3.0, 5.0]]])))
try:
    np.linalg.solve(np.array([[1.0, 2.0], [2.0, 4.0]]), np.array([1.0, 2.0]))
except np.linalg.LinAlgError as e:
    print("LinAlgError", e)
try:
    np.linalg.inv(np.zeros((3, 3)))
except ValueError as e:
    print("ValueError", e)
try:
    np.linalg.cholesky(np.array([[1.0, 2.0], [2.0, 1.0]]))
except np.linalg.LinAlgError as e:
    print("LinAlgError", e)

# Larger matrices (the whole-array Jacobi rounds).
G = np.cos(np.arange(256.0) * 0.37).reshape(16, 16)
H = G + G.T + 4.0 * np.eye(16)
w, v = np.linalg.eigh(H)
print(w)
print(np.allclose(H @ v, v * w), np.allclose(v.T @ v, np.eye(16)))
K = np.sin(np.arange(300.0) * 0.11).reshape(20, 15) + np.eye(20, 15)
U, S, Vh = np.linalg.svd(K)
print(S)
print(np.allclose(U[:, :15] * S @ Vh, K), np.allclose(U.T @ U, np.eye(20)), np.allclose(Vh @ Vh.T, np.eye(15)))
print(np.linalg.svd(K.T, compute_uv=False), np.linalg.matrix_rank(K), np.linalg.norm(K, 2), np.linalg.norm(K, "nuc"))
print(np.abs(fix_signs(np.linalg.svd(K, full_matrices=False)[0][:, :2])))
x, res, rank, sv = np.linalg.lstsq(K, np.arange(20.0))
print(x, res, rank)
print(np.linalg.pinv(K)[:2])

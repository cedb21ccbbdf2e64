# np.vectorize(signature=...): numpy's generalized-ufunc loops over the broadcast loop
# dimensions, core dimensions passed whole; several outputs; otypes; numpy's errors.
import numpy as np

convolve = np.vectorize(np.convolve, signature="(n),(m)->(k)")
print(convolve(np.eye(4), [1, 2, 1]))


def stats(x, y):
    return np.dot(x - x.mean(), y - y.mean()) / (len(x) * x.std() * y.std()), np.sum(x * y)


vstats = np.vectorize(stats, signature="(n),(n)->(),()")
r, s = vstats([[0, 1, 2, 3]], [[1, 2, 3, 4], [4, 3, 2, 1]])
print(r, s)
matvec = np.vectorize(lambda m, v: m @ v, signature="(m,n),(n)->(m)")
print(matvec(np.arange(12.0).reshape(2, 2, 3), np.array([1.0, 0.5, -1.0])))
print(matvec(np.arange(6).reshape(2, 3), np.arange(6).reshape(2, 3)))
norm = np.vectorize(lambda v: np.sqrt(np.sum(v * v)), signature="(n)->()", otypes=[np.float64])
print(norm(np.arange(12.0).reshape(3, 4)), norm(np.zeros((0, 4))).shape)
outer = np.vectorize(lambda a, b: np.outer(a, b), signature="(i),(j)->(i,j)")
print(outer([1, 2], np.arange(6).reshape(2, 3)).shape)
print(np.vectorize(lambda v, k: v[:k].sum(), signature="(n)->()", excluded={1})(np.arange(8).reshape(2, 4), 2))
for bad in (lambda: matvec(np.ones((2, 3)), np.ones(4)), lambda: norm(5.0), lambda: matvec(np.ones((2, 2))),
            lambda: np.vectorize(lambda v: (v, v), signature="(n)->()")(np.ones(3)),
            lambda: np.vectorize(lambda v: v, signature="(n)->(k)")(np.zeros((0, 3))),
            lambda: np.vectorize(len, signature="(n)-()")):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

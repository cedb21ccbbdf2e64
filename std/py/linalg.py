# numpy.linalg written in Slope.
#
# This runs in a child scope of numpy's, so every numpy name (and `_py`, `_jax`, the helpers
# `_to_float`, `_norm_axis`, ...) is visible here. The factorizations are Gaussian elimination
# with partial pivoting written with whole-array operations, one Python step per column, so
# they work on stacks of matrices (shape (..., n, n)) too.


def _square(a, name):
    """Check that `a` is a stack of square matrices and return it as floats."""
    a = _to_float(a)
    if a.ndim < 2:
        # help: linalg works on matrices: give a 2-d array (or a stack of them), such as
        # a.reshape(n, n)
        raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be at least two-dimensional")
    if a.shape[-1] != a.shape[-2]:
        # help: this needs square matrices (n × n); for least squares use lstsq, for a
        # pseudo-inverse pinv
        raise LinAlgError("Last 2 dimensions of the array must be square")
    return a


def _lu(m, n, check):
    """Eliminate below the diagonal of the first n columns of the stack `m` (..., n, k).

    Returns (m, sign): `m` holds U in its first n columns (the same row operations applied to
    the remaining columns), `sign` is the sign of the row permutation. With `check`, an exactly
    zero pivot raises the singular-matrix error, as LAPACK's getrf reports it.
    """
    rows = arange(n).reshape(n, 1)
    idx = arange(n)
    sign = ones(m.shape[:-2], dtype=m.dtype)
    for j in _py.range(n):
        # The pivot: the largest |value| at or below the diagonal in column j.
        col = abs(m[..., :, j])
        col = where(idx >= j, col, -1.0)
        p = argmax(col, axis=-1)
        # Swap rows j and p with a gather of permuted row indices.
        pe = expand_dims(p, -1)
        perm = where(idx == j, pe, where(idx == pe, j, idx))
        m = take_along_axis(m, broadcast_to(expand_dims(perm, -1), m.shape), axis=-2)
        sign = where(p != j, -sign, sign)
        piv = m[..., j, j]
        if check and not _jax and _py.bool(any(piv == 0)):
            # help: the matrix has no inverse (a zero pivot); check for repeated rows or columns, or
            # use lstsq or pinv
            raise LinAlgError("Singular matrix")
        # Multipliers below the pivot (times the reciprocal, as LAPACK does), then a rank-1 update.
        # A zero pivot means the whole column below it is zero: nothing to eliminate.
        safe = where(piv == 0, 1.0, piv)
        f = m[..., :, j] * expand_dims(1.0 / safe, -1)
        f = where(idx > j, f, 0.0)
        r = m[..., j, :]
        m = m - expand_dims(f, -1) * expand_dims(r, -2)
        # Store exact zeros below the pivot.
        m = where((rows > j) & (arange(m.shape[-1]) == j), 0.0, m)
    return m, sign


def _back_substitute(u, b, n):
    """Solve U x = b for upper-triangular U (..., n, n) and right-hand sides b (..., n, k)."""
    rows = arange(n).reshape(n, 1)
    for k in _py.range(n - 1, -1, -1):
        # x_k = b_k / U[k, k]; then remove its contribution from the rows above.
        xk = b[..., k, :] / u[..., k, k : k + 1]
        b = where(rows == k, expand_dims(xk, -2), b)
        b = b - where(rows < k, u[..., :, k : k + 1] * expand_dims(xk, -2), 0.0)
    return b


def solve(a, b):
    """Solve a linear matrix equation, or system of linear scalar equations.

    solve(a, b): the x with a @ x == b; b is a vector (n,) or a stack of matrices (..., n, k).
    """
    a = _square(a, "solve")
    b = asarray(b)
    n = a.shape[-1]
    vector = b.ndim == 1
    if vector:
        if b.shape[0] != n:
            # help: b needs as many rows as a
            raise ValueError(f"solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m)->(m) (size {b.shape[0]} is different from {n})")
        b = b.reshape(n, 1)
    elif b.shape[-2] != n:
        # help: b needs as many rows as a
        raise ValueError(f"solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n) (size {b.shape[-2]} is different from {n})")
    dt = _common_dtype(a, _to_float(b))
    a = a.astype(dt)
    b = b.astype(dt)
    # Broadcast the batch dimensions of a and b against each other.
    batch = broadcast_shapes(a.shape[:-2], b.shape[:-2])
    a = broadcast_to(a, _py.tuple(batch) + (n, n))
    b = broadcast_to(b, _py.tuple(batch) + (n, b.shape[-1]))
    k = b.shape[-1]
    m, _ = _lu(concatenate([a, b], axis=-1), n, True)
    x = _back_substitute(m[..., :, :n], m[..., :, n:], n)
    if vector:
        return x.reshape(n)
    return x


def inv(a):
    """Compute the inverse of a matrix.

    inv(a)
    """
    a = _square(a, "inv")
    n = a.shape[-1]
    return solve(a, broadcast_to(eye(n, dtype=a.dtype), a.shape))


def slogdet(a):
    """Compute the sign and (natural) logarithm of the determinant of an array.

    slogdet(a) -> (sign, logabsdet)
    """
    a = _square(a, "slogdet")
    n = a.shape[-1]
    u, sign = _lu(a, n, False)
    logdet = zeros(a.shape[:-2], dtype=a.dtype)
    singular = zeros(a.shape[:-2], dtype=bool_)
    for j in _py.range(n):
        d = u[..., j, j]
        # Negative pivots flip the sign; an exact zero pivot makes the matrix singular.
        sign = where(d < 0, -sign, sign)
        singular = singular | (d == 0)
        logdet = logdet + log(abs(d))
    sign = where(singular, 0.0, sign)
    logdet = where(singular, -inf, logdet)
    return SlogdetResult((sign, logdet))


def det(a):
    """Compute the determinant of an array.

    det(a)
    """
    sign, logdet = slogdet(a)
    # numpy forms the determinant from its sign and log, so do the same.
    return sign * exp(logdet)


def norm(x, ord=None, axis=None, keepdims=False):
    """Matrix or vector norm.

    norm(x, ord=None, axis=None, keepdims=False)
    """
    x = _to_float(x)
    nd = x.ndim
    if axis is None and ord is None:
        # The 2-norm (or Frobenius norm) of the flattened array.
        f = ravel(x)
        r = sqrt(dot(f, f))
        if keepdims:
            r = r.reshape([1] * nd)
        return r
    if axis is None:
        axis = _py.tuple(_py.range(nd))
    if not _is_seq(axis):
        axis = (axis,)
    axis = _py.tuple([_norm_axis(a, nd) for a in axis])
    if _py.len(axis) == 1:
        ax = axis[0]
        if ord is None or ord == 2:
            return sqrt(sum(x * x, axis=ax, keepdims=keepdims))
        if ord == inf:
            return max(abs(x), axis=ax, keepdims=keepdims)
        if ord == -inf:
            return min(abs(x), axis=ax, keepdims=keepdims)
        if ord == 0:
            return sum(not_equal(x, 0).astype(x.dtype), axis=ax, keepdims=keepdims)
        if ord == 1:
            return sum(abs(x), axis=ax, keepdims=keepdims)
        if _py.isinstance(ord, _py.str):
            # help: vector norms take ord = None, inf, -inf, 0 or a number
            raise ValueError(f"Invalid norm order '{ord}' for vectors")
        return power(sum(power(abs(x), ord), axis=ax, keepdims=keepdims), 1.0 / ord)
    if _py.len(axis) != 2:
        # help: norm takes one axis (a vector norm) or two (a matrix norm)
        raise ValueError("Improper number of dimensions to norm.")
    row, col = axis
    if row == col:
        # help: name two different axes
        raise ValueError("Duplicate axes given.")
    if ord is None or ord == "fro" or ord == "f":
        r = sqrt(sum(x * x, axis=axis))
    elif ord == 1 or ord == -1:
        # The largest (smallest) absolute column sum.
        s = sum(abs(x), axis=row)
        c = col - 1 if col > row else col
        r = max(s, axis=c) if ord == 1 else min(s, axis=c)
    elif ord == inf or ord == -inf:
        # The largest (smallest) absolute row sum.
        s = sum(abs(x), axis=col)
        rr = row - 1 if row > col else row
        r = max(s, axis=rr) if ord == inf else min(s, axis=rr)
    elif ord == 2 or ord == -2 or ord == "nuc":
        # From the singular values of each matrix (the two axes moved last).
        sv = svd(moveaxis(x, (row, col), (-2, -1)), compute_uv=False)
        if ord == 2:
            r = max(sv, axis=-1)
        elif ord == -2:
            r = min(sv, axis=-1)
        else:
            r = sum(sv, axis=-1)
    else:
        # help: matrix norms take ord = None, 'fro', 'nuc', 1, -1, 2, -2, inf or -inf
        raise ValueError("Invalid norm order for matrices.")
    if keepdims:
        s = _py.list(x.shape)
        s[row] = 1
        s[col] = 1
        r = r.reshape(s)
    return r


def matrix_power(a, n):
    """Raise a square matrix to the (integer) power n.

    matrix_power(a, n)
    """
    a = asarray(a)
    if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
        # help: this needs square matrices (n × n); for least squares use lstsq, for a
        # pseudo-inverse pinv
        raise ValueError("Last 2 dimensions of the array must be square")
    if n < 0:
        a = inv(a)
        n = -n
    result = broadcast_to(eye(a.shape[-1], dtype=a.dtype), a.shape)
    if n == 0:
        return result
    # Binary exponentiation: square the base, multiply in the set bits.
    base = a
    first = True
    while n > 0:
        if n % 2 == 1:
            result = base if first else matmul(result, base)
            first = False
        n = n // 2
        if n > 0:
            base = matmul(base, base)
    return result


def multi_dot(arrays):
    """Compute the dot product of two or more arrays in a single function call.

    multi_dot(arrays)
    """
    arrays = _py.list(arrays)
    if _py.len(arrays) < 2:
        # help: multi_dot multiplies a list of two or more matrices
        raise ValueError("Expecting at least two arrays.")
    r = arrays[0]
    for b in arrays[1:]:
        r = dot(r, b)
    return r


def cholesky(a):
    """Cholesky decomposition: the lower-triangular L with a = L @ L.T.

    cholesky(a)
    """
    a = _square(a, "cholesky")
    n = a.shape[-1]
    L = zeros(a.shape, dtype=a.dtype)
    rows = arange(n)
    for j in _py.range(n):
        lj = L[..., j, :]
        d = a[..., j, j] - sum(lj * lj, axis=-1)
        if not _jax and _py.bool(any(d <= 0)):
            # help: cholesky needs a symmetric positive definite matrix
            raise LinAlgError("Matrix is not positive definite")
        dj = sqrt(d)
        c = (a[..., :, j] - sum(L * expand_dims(lj, -2), axis=-1)) / expand_dims(dj, -1)
        c = where(rows == j, expand_dims(dj, -1), where(rows > j, c, 0.0))
        L = _set_col(L, j, c)
    return L


def _set_col(m, j, c):
    """`m` with column j of each matrix replaced by the vectors `c` (..., n)."""
    cols = arange(m.shape[-1])
    return where(cols == j, expand_dims(c, -1), m)


# ---------------------------------------------------------------------------------------------
# Errors and results.


class LinAlgError(ValueError):
    """Generic Python-exception-derived object raised by linalg functions.

    Raised for a singular matrix in solve/inv, a matrix that is not positive definite in
    cholesky, and an iteration that does not converge. A subclass of ValueError, as in numpy.
    """


class _Result(_py.tuple):
    """A NamedTuple-like result: made from one tuple (`Result((a, b))`) or from its fields
    (`Result(a, b)`, how pytrees rebuild it); `_fields` makes it a pytree node, as JAX's
    result NamedTuples are."""

    def __new__(cls, *parts):
        if _py.len(parts) == 1 and _py.isinstance(parts[0], (_py.tuple, _py.list)):
            parts = parts[0]
        return _py.tuple.__new__(cls, parts)


class EighResult(_Result):
    """The result of eigh: (eigenvalues, eigenvectors), also by those names."""

    _fields = ("eigenvalues", "eigenvectors")

    @property
    def eigenvalues(self):
        return self[0]

    @property
    def eigenvectors(self):
        return self[1]


class EigResult(_Result):
    """The result of eig: (eigenvalues, eigenvectors), also by those names."""

    _fields = ("eigenvalues", "eigenvectors")

    @property
    def eigenvalues(self):
        return self[0]

    @property
    def eigenvectors(self):
        return self[1]


class SVDResult(_Result):
    """The result of svd: (U, S, Vh), also by those names."""

    _fields = ("U", "S", "Vh")

    @property
    def U(self):
        return self[0]

    @property
    def S(self):
        return self[1]

    @property
    def Vh(self):
        return self[2]


class QRResult(_Result):
    """The result of qr: (Q, R), also by those names."""

    _fields = ("Q", "R")

    @property
    def Q(self):
        return self[0]

    @property
    def R(self):
        return self[1]


class SlogdetResult(_Result):
    """The result of slogdet: (sign, logabsdet), also by those names."""

    _fields = ("sign", "logabsdet")

    @property
    def sign(self):
        return self[0]

    @property
    def logabsdet(self):
        return self[1]


class LstsqResult(_Result):
    """The result of lstsq: (x, residuals, rank, s)."""

    _fields = ("x", "residuals", "rank", "s")


# ---------------------------------------------------------------------------------------------
# Kernels on one matrix held as Python lists of floats (rows). Each is a classic algorithm
# written out (Jacobi rotations, Householder reflections, shifted QR): they run on the host in
# float64, one matrix at a time; the public functions loop over stacks and build arrays.

_EPS = 2.220446049250313e-16


def _hypot(x, y):
    x = _py.abs(x)
    y = _py.abs(y)
    if x < y:
        x, y = y, x
    if x == 0.0:
        return 0.0
    r = y / x
    return x * (1.0 + r * r) ** 0.5


def _jacobi_angle(app, aqq, apq):
    """(c, s) of the rotation that zeroes apq in the symmetric 2 × 2 [[app, apq], [apq, aqq]]
    (Golub & Van Loan, sym.schur2)."""
    tau = (aqq - app) / (2.0 * apq)
    if _py.abs(tau) > 1e150:
        t = 0.5 / tau
    elif tau >= 0:
        t = 1.0 / (tau + (1.0 + tau * tau) ** 0.5)
    else:
        t = -1.0 / (-tau + (1.0 + tau * tau) ** 0.5)
    c = 1.0 / (1.0 + t * t) ** 0.5
    return c, t * c


def _eigh_lists(A):
    """Eigenvalues (ascending) and eigenvectors (as columns: V[i][k]) of a symmetric matrix, by
    cyclic Jacobi rotations until no off-diagonal entry is significant."""
    n = _py.len(A)
    A = [_py.list(r) for r in A]
    V = [[1.0 if i == j else 0.0 for j in _py.range(n)] for i in _py.range(n)]
    for sweep in _py.range(100):
        rotated = False
        for p in _py.range(n - 1):
            for q in _py.range(p + 1, n):
                apq = A[p][q]
                app = A[p][p]
                aqq = A[q][q]
                if apq == 0.0 or _py.abs(apq) <= 1e-18 * (_py.abs(app * aqq) ** 0.5) or _py.abs(apq) < 1e-300:
                    continue
                rotated = True
                c, s = _jacobi_angle(app, aqq, apq)
                for k in _py.range(n):
                    akp = A[k][p]
                    akq = A[k][q]
                    A[k][p] = c * akp - s * akq
                    A[k][q] = s * akp + c * akq
                rp = A[p]
                rq = A[q]
                A[p] = [c * x - s * y for x, y in _py.zip(rp, rq)]
                A[q] = [s * x + c * y for x, y in _py.zip(rp, rq)]
                A[p][q] = 0.0
                A[q][p] = 0.0
                for k in _py.range(n):
                    vkp = V[k][p]
                    vkq = V[k][q]
                    V[k][p] = c * vkp - s * vkq
                    V[k][q] = s * vkp + c * vkq
        if not rotated:
            break
    w = [A[i][i] for i in _py.range(n)]
    order = _py.sorted(_py.range(n), key=lambda i: w[i])
    return [w[i] for i in order], [[V[r][i] for i in order] for r in _py.range(n)]


def _complete_basis(cols, m, want):
    """Extend orthonormal columns (lists of m floats; None for missing ones) to `want`
    orthonormal columns, filling the gaps with the unit vectors that stay independent."""
    out = [c for c in cols]
    while _py.len(out) < want:
        out.append(None)
    have = [c for c in out if c is not None]
    e = 0
    for j in _py.range(want):
        if out[j] is not None:
            continue
        while e < m:
            v = [1.0 if i == e else 0.0 for i in _py.range(m)]
            e = e + 1
            for _ in _py.range(2):
                for h in have:
                    d = _py.sum([x * y for x, y in _py.zip(v, h)])
                    v = [x - d * y for x, y in _py.zip(v, h)]
            nv = _py.sum([x * x for x in v]) ** 0.5
            if nv > 1e-8:
                v = [x / nv for x in v]
                out[j] = v
                have.append(v)
                break
    return out


def _svd_tall(A, m, n, full):
    """SVD of an m × n matrix (rows) with m >= n by one-sided Jacobi (Hestenes): rotate pairs
    of columns until all are orthogonal. Returns (U columns, s descending, V columns)."""
    cols = [[A[i][j] for i in _py.range(m)] for j in _py.range(n)]
    V = [[1.0 if i == j else 0.0 for i in _py.range(n)] for j in _py.range(n)]
    for sweep in _py.range(100):
        rotated = False
        for p in _py.range(n - 1):
            for q in _py.range(p + 1, n):
                cp = cols[p]
                cq = cols[q]
                alpha = _py.sum([x * x for x in cp])
                beta = _py.sum([x * x for x in cq])
                gamma = _py.sum([x * y for x, y in _py.zip(cp, cq)])
                if gamma == 0.0 or _py.abs(gamma) <= 1e-16 * (alpha * beta) ** 0.5:
                    continue
                rotated = True
                c, s = _jacobi_angle(alpha, beta, gamma)
                cols[p] = [c * x - s * y for x, y in _py.zip(cp, cq)]
                cols[q] = [s * x + c * y for x, y in _py.zip(cp, cq)]
                vp = V[p]
                vq = V[q]
                V[p] = [c * x - s * y for x, y in _py.zip(vp, vq)]
                V[q] = [s * x + c * y for x, y in _py.zip(vp, vq)]
        if not rotated:
            break
    return _svd_finish(cols, V, m, n, full)


def _svd_finish(cols, V, m, n, full):
    """The SVD from orthogonal columns `cols` (= A V, lists of m floats) and V's columns:
    singular values are the column norms, sorted descending; U's columns the normalised
    columns, completed to an orthonormal basis where a singular value is zero."""
    sv = [_py.sum([x * x for x in c]) ** 0.5 for c in cols]
    order = _py.sorted(_py.range(n), key=lambda j: -sv[j])
    s = [sv[j] for j in order]
    tiny = (s[0] if n > 0 else 0.0) * _EPS * m
    U = []
    for j in order:
        if sv[j] > tiny and sv[j] > 1e-300:
            U.append([x / sv[j] for x in cols[j]])
        else:
            U.append(None)
    U = _complete_basis(U, m, m if full else n)
    return U, s, [V[j] for j in order]


def _svd_lists(A, m, n, full):
    """SVD of an m × n matrix (rows): (U rows m × k, s, Vh rows k × n), k = m or min(m, n)."""
    if m >= n:
        Uc, s, Vc = _svd_tall(A, m, n, full)
        k = _py.len(Uc)
        U = [[Uc[j][i] for j in _py.range(k)] for i in _py.range(m)]
        return U, s, Vc
    # A = (A^T)^T: the SVD of the transpose with U and V exchanged.
    At = [[A[i][j] for i in _py.range(m)] for j in _py.range(n)]
    Uc, s, Vc = _svd_tall(At, n, m, full)
    U = [[Vc[j][i] for j in _py.range(m)] for i in _py.range(m)]
    return U, s, Uc


def _qr_one(a, complete):
    """Householder QR of one m × n float array as LAPACK's geqrf/orgqr compute it, with
    dlarfg's signs (the diagonal of R gets the opposite sign of the column's leading entry).
    Whole-array steps, one per column. Returns (Q, R): Q m × m (complete) or m × min(m, n),
    R m × n."""
    m = a.shape[0]
    n = a.shape[1]
    k = _py.min(m, n)
    R = a
    idx = arange(m)
    rows = idx.reshape(m, 1)
    cols = arange(n)
    refl = []
    for j in _py.range(k):
        col = R[:, j]
        tail = where(idx > j, col, 0.0)
        alpha = _py.float(col[j])
        xnorm = _py.float(sqrt(sum(tail * tail)))
        if xnorm == 0.0:
            continue
        h = _hypot(alpha, xnorm)
        beta = -h if alpha >= 0 else h
        tau = (beta - alpha) / beta
        v = where(idx == j, 1.0, tail * (1.0 / (alpha - beta))).astype(a.dtype)
        R = R - tau * outer(v, matmul(v, R))
        # Column j: beta on the diagonal, exact zeros below it.
        R = where((rows >= j) & (cols == j), where(rows == j, beta, 0.0), R).astype(a.dtype)
        refl.append((v, tau))
    Q = eye(m, m if complete else k, dtype=a.dtype)
    for v, tau in _py.reversed(refl):
        Q = Q - tau * outer(v, matmul(v, Q))
    return Q, R


def _svd_square(a, full):
    """SVD of a square float array as lists: (U rows, s, Vh rows)."""
    n = a.shape[0]
    if n >= _ARRAY_JACOBI_MIN:
        Uc, s, Vc = _svd_square_array(a, full)
        return [[Uc[j][i] for j in _py.range(n)] for i in _py.range(n)], s, Vc
    return _svd_lists(a.tolist(), n, n, full)


def _svd_one(a, full):
    """SVD of one m × n float array: (U array, s list descending, Vh array). A tall matrix is
    first reduced to its triangular factor R (a = Q R, so a's SVD is Q times R's); the square
    SVD runs on host lists (one-sided Jacobi)."""
    m = a.shape[0]
    n = a.shape[1]
    if m < n:
        U, s, Vh = _svd_one(a.T, full)
        return Vh.T, s, U.T
    if m > n and n > 0:
        Q, R = _qr_one(a, full)
        Ur, s, Vh = _svd_square(R[:n], False)
        U = matmul(Q[:, :n], array(Ur, dtype=a.dtype))
        if full:
            U = concatenate([U, Q[:, n:]], axis=1)
        return U, s, array(Vh, dtype=a.dtype).reshape(n, n)
    Ur, s, Vh = _svd_square(a, full)
    ku = m if full else _py.min(m, n)
    return array(Ur, dtype=a.dtype).reshape(m, ku), s, array(Vh, dtype=a.dtype).reshape(_py.len(Vh), n)


# From this size on, the Jacobi methods rotate with whole-array products: the pairs are taken
# in round-robin order, n / 2 disjoint pairs at a time, all rotated by one orthogonal matrix.
_ARRAY_JACOBI_MIN = 13


def _round_robin(n):
    """The rounds of a round-robin tournament on 0 .. n-1: lists of disjoint pairs (p < q) that
    together hold every pair once."""
    m = n + (n % 2)
    players = _py.list(_py.range(m))
    rounds = []
    for r in _py.range(m - 1):
        pairs = []
        for i in _py.range(m // 2):
            p = players[i]
            q = players[m - 1 - i]
            if p < n and q < n:
                pairs.append((_py.min(p, q), _py.max(p, q)))
        rounds.append(pairs)
        players = [players[0], players[-1]] + players[1:-1]
    return rounds


def _rotations(n, pairs, cs, dtype):
    """The orthogonal n × n matrix J with J[p, p] = J[q, q] = c, J[p, q] = s, J[q, p] = -s for
    each pair, the identity elsewhere."""
    pos = []
    vals = []
    for (p, q), (c, s) in _py.zip(pairs, cs):
        pos = pos + [p * n + p, q * n + q, p * n + q, q * n + p]
        vals = vals + [c, c, s, -s]
    J = _bind("scatter_set", ravel(eye(n, dtype=dtype)), array(pos, dtype=int64), array(vals, dtype=dtype), axis=0)
    return J.reshape(n, n)


def _eigh_array(A):
    """`_eigh_lists` for larger matrices: cyclic Jacobi with a round of disjoint rotations
    applied as A ← Jᵀ A J, V ← V J. Converged when every off-diagonal entry is below 4 ε ‖A‖
    (numpy's LAPACK eigh is accurate to that size too)."""
    n = A.shape[0]
    dt = A.dtype
    V = eye(n, dtype=dt)
    thr = 4.0 * _EPS * _py.float(sqrt(sum(A * A)))
    rounds = _round_robin(n)
    for sweep in _py.range(60):
        rotated = False
        for pairs in rounds:
            P = array([p for p, q in pairs], dtype=int64)
            Q = array([q for p, q in pairs], dtype=int64)
            vals = stack([A[P, P], A[Q, Q], A[P, Q]]).tolist()
            cs = []
            hit = False
            for i in _py.range(_py.len(pairs)):
                app = vals[0][i]
                aqq = vals[1][i]
                apq = vals[2][i]
                if _py.abs(apq) <= thr or _py.abs(apq) <= 1e-18 * (_py.abs(app * aqq) ** 0.5):
                    cs.append((1.0, 0.0))
                else:
                    cs.append(_jacobi_angle(app, aqq, apq))
                    hit = True
            if not hit:
                continue
            rotated = True
            J = _rotations(n, pairs, cs, dt)
            A = matmul(matmul(J.T, A), J)
            # The rotated entries are zero; the product keeps A symmetric only to roundoff.
            zero = [p * n + q for p, q in pairs] + [q * n + p for p, q in pairs]
            A = _bind("scatter_set", ravel(A), array(zero, dtype=int64), zeros((_py.len(zero),), dtype=dt), axis=0).reshape(n, n)
            A = (A + A.T) * 0.5
            V = matmul(V, J)
        if not rotated:
            break
    w = diagonal(A).tolist()
    order = _py.sorted(_py.range(n), key=lambda i: w[i])
    return [w[i] for i in order], take(V, array(order, dtype=int64), axis=1).tolist()


def _svd_square_array(A, full):
    """`_svd_tall` for a larger square matrix: one-sided Jacobi with a round of disjoint column
    rotations applied as U ← U J, V ← V J."""
    n = A.shape[0]
    dt = A.dtype
    U = A
    V = eye(n, dtype=dt)
    rounds = _round_robin(n)
    for sweep in _py.range(60):
        rotated = False
        for pairs in rounds:
            P = array([p for p, q in pairs], dtype=int64)
            Q = array([q for p, q in pairs], dtype=int64)
            up = take(U, P, axis=1)
            uq = take(U, Q, axis=1)
            g = stack([sum(up * up, axis=0), sum(uq * uq, axis=0), sum(up * uq, axis=0)]).tolist()
            cs = []
            hit = False
            for i in _py.range(_py.len(pairs)):
                alpha = g[0][i]
                beta = g[1][i]
                gamma = g[2][i]
                if gamma == 0.0 or _py.abs(gamma) <= 1e-15 * (alpha * beta) ** 0.5:
                    cs.append((1.0, 0.0))
                else:
                    cs.append(_jacobi_angle(alpha, beta, gamma))
                    hit = True
            if not hit:
                continue
            rotated = True
            J = _rotations(n, pairs, cs, dt)
            U = matmul(U, J)
            V = matmul(V, J)
        if not rotated:
            break
    return _svd_finish(U.T.tolist(), V.T.tolist(), n, n, full)


def _eig_lists(A):
    """Eigenvalues and eigenvectors of a general real matrix whose eigenvalues are real:
    Householder reduction to Hessenberg form, shifted QR steps (Wilkinson shifts, Givens
    rotations, deflation) to the real Schur form T = Zᵀ A Z, then each eigenvector by back
    substitution in T (as LAPACK's trevc), mapped back with Z and scaled to unit length."""
    n = _py.len(A)
    H = [_py.list(r) for r in A]
    # Balancing by permutation (LAPACK's gebal, job 'P'): a row that is zero off the diagonal
    # (within the active block) isolates an eigenvalue and moves to the bottom, such a column to
    # the top, so triangular matrices, permuted or not, give their diagonals exactly.
    perm = _py.list(_py.range(n))

    def swap(i, j):
        if i == j:
            return
        H[i], H[j] = H[j], H[i]
        for r in H:
            r[i], r[j] = r[j], r[i]
        perm[i], perm[j] = perm[j], perm[i]

    lo = 0
    hb = n - 1
    found = True
    while found and hb > lo:
        found = False
        for j in _py.range(hb, lo - 1, -1):
            if _py.all([H[j][k] == 0.0 for k in _py.range(lo, hb + 1) if k != j]):
                swap(j, hb)
                hb = hb - 1
                found = True
                break
    found = True
    while found and hb > lo:
        found = False
        for j in _py.range(lo, hb + 1):
            if _py.all([H[k][j] == 0.0 for k in _py.range(lo, hb + 1) if k != j]):
                swap(j, lo)
                lo = lo + 1
                found = True
                break
    # A = Z H Zᵀ, Z the permutation so far.
    Z = [[0.0] * n for _ in _py.range(n)]
    for i in _py.range(n):
        Z[perm[i]][i] = 1.0
    # Hessenberg form of the active block: H = P H P with P = I - 2 v vᵀ / vᵀv zeroing column k
    # below k + 1 (rows and columns k + 1 .. hb).
    for k in _py.range(lo, hb - 1):
        x = [H[i][k] for i in _py.range(k + 1, hb + 1)]
        m = _py.len(x)
        nx = _py.sum([t * t for t in x]) ** 0.5
        if nx == 0.0 or _py.sum([t * t for t in x[1:]]) == 0.0:
            continue
        v = _py.list(x)
        v[0] = v[0] + (nx if x[0] >= 0 else -nx)
        vv = _py.sum([t * t for t in v])
        for j in _py.range(n):
            w = 2.0 * _py.sum([v[i] * H[k + 1 + i][j] for i in _py.range(m)]) / vv
            for i in _py.range(m):
                H[k + 1 + i][j] = H[k + 1 + i][j] - w * v[i]
        for M in (H, Z):
            for i in _py.range(n):
                w = 2.0 * _py.sum([M[i][k + 1 + j] * v[j] for j in _py.range(m)]) / vv
                for j in _py.range(m):
                    M[i][k + 1 + j] = M[i][k + 1 + j] - w * v[j]
        for i in _py.range(k + 2, hb + 1):
            H[i][k] = 0.0
    norm = _py.max([_py.sum([_py.abs(x) for x in r]) for r in H] + [0.0])
    hi = n - 1
    its = 0
    while hi > 0:
        l = hi
        while l > 0:
            s = _py.abs(H[l - 1][l - 1]) + _py.abs(H[l][l])
            if s == 0.0:
                s = norm
            # Relative to the neighbouring diagonal, or to the whole matrix (which a cluster of
            # eigenvalues at roundoff level, as a rank-deficient matrix has, needs).
            if _py.abs(H[l][l - 1]) <= _EPS * s or _py.abs(H[l][l - 1]) <= _EPS * norm:
                H[l][l - 1] = 0.0
                break
            l = l - 1
        if l == hi:
            hi = hi - 1
            its = 0
            continue
        a = H[hi - 1][hi - 1]
        b = H[hi - 1][hi]
        c = H[hi][hi - 1]
        d = H[hi][hi]
        disc = (a - d) * (a - d) / 4.0 + b * c
        if l == hi - 1 and disc < 0 and (-b * c) ** 0.5 <= 1e3 * _EPS * norm:
            # A 2 × 2 block of roundoff-level numbers: its eigenvalues are its diagonal to within
            # that roundoff.
            H[hi][hi - 1] = 0.0
            continue
        if l == hi - 1 and disc < 0:
            # help: Slope has no complex dtype; eig works on matrices with real eigenvalues (a
            # symmetric matrix always has them: use eigh)
            raise NotImplementedError("eig: the matrix has complex eigenvalues, and Slope has no complex dtype")
        its = its + 1
        if its > 60:
            if disc < 0:
                # help: Slope has no complex dtype; eig works on matrices with real eigenvalues
                # (a symmetric matrix always has them: use eigh)
                raise NotImplementedError("eig: the matrix has complex eigenvalues, and Slope has no complex dtype")
            # help: the QR iteration found no eigenvalues for this matrix; check it for NaN or
            # huge values, or for complex eigenvalues, which Slope cannot represent
            raise LinAlgError("Eigenvalues did not converge")
        if disc >= 0:
            r = disc ** 0.5
            m1 = (a + d) / 2.0 + r
            m2 = (a + d) / 2.0 - r
            mu = m1 if _py.abs(m1 - d) <= _py.abs(m2 - d) else m2
        else:
            mu = d
        if its % 11 == 10:
            # An exceptional shift breaks a cycle.
            mu = d + 0.75 * _py.abs(H[hi][hi - 1])
        for k in _py.range(l, hi):
            if k == l:
                x = H[l][l] - mu
                y = H[l + 1][l]
            else:
                x = H[k][k - 1]
                y = H[k + 1][k - 1]
            r = _hypot(x, y)
            if r == 0.0:
                continue
            cs = x / r
            sn = y / r
            for j in _py.range(k - 1 if k > l else l, n):
                h1 = H[k][j]
                h2 = H[k + 1][j]
                H[k][j] = cs * h1 + sn * h2
                H[k + 1][j] = -sn * h1 + cs * h2
            if k > l:
                H[k + 1][k - 1] = 0.0
            for i in _py.range(_py.min(k + 2, hi) + 1):
                h1 = H[i][k]
                h2 = H[i][k + 1]
                H[i][k] = cs * h1 + sn * h2
                H[i][k + 1] = -sn * h1 + cs * h2
            for i in _py.range(n):
                z1 = Z[i][k]
                z2 = Z[i][k + 1]
                Z[i][k] = cs * z1 + sn * z2
                Z[i][k + 1] = -sn * z1 + cs * z2
    w = [H[i][i] for i in _py.range(n)]
    small = _py.max(norm, 1e-300) * _EPS
    vecs = []
    for k in _py.range(n):
        y = [0.0] * n
        y[k] = 1.0
        for i in _py.range(k - 1, -1, -1):
            s = _py.sum([H[i][j] * y[j] for j in _py.range(i + 1, k + 1)])
            dd = H[i][i] - w[k]
            if _py.abs(dd) < small:
                dd = small
            y[i] = -s / dd
        v = [_py.sum([Z[i][j] * y[j] for j in _py.range(k + 1)]) for i in _py.range(n)]
        nv = _py.sum([t * t for t in v]) ** 0.5
        vecs.append([t / nv for t in v])
    return w, [[vecs[k][i] for k in _py.range(n)] for i in _py.range(n)]


def _matrices(a):
    """A stack (..., m, n) as (batch shape, list of matrices as row lists)."""
    m = a.shape[-2]
    n = a.shape[-1]
    batch = _py.tuple(a.shape[:-2])
    if a.size > 0:
        return batch, a.reshape(-1, m, n).tolist()
    return batch, [[[0.0] * n for _ in _py.range(m)] for _ in _py.range(_count_batch(batch))]


def _count_batch(batch):
    c = 1
    for b in batch:
        c = c * b
    return c


def _at_least_2d(a, name):
    a = _to_float(a)
    if a.ndim < 2:
        # help: linalg works on matrices: give a 2-d array (or a stack of them), such as
        # a.reshape(n, 1)
        raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be at least two-dimensional")
    return a


def _check_finite(a):
    if a.size > 0 and not _py.bool(all(isfinite(a))):
        # help: remove or replace the NaN and infinite values first (np.nan_to_num)
        raise LinAlgError("Array must not contain infs or NaNs")


# ---------------------------------------------------------------------------------------------
# Decompositions.


def eigh(a, UPLO="L"):
    """Return the eigenvalues and eigenvectors of a real symmetric matrix.

    eigh(a, UPLO='L') -> (eigenvalues, eigenvectors)
    Eigenvalues ascending; column v[:, i] is the unit eigenvector of w[i]. Only the lower
    (UPLO='L') or upper ('U') triangle is read. Each eigenvector's sign is arbitrary (LAPACK's
    choice can differ): compare a @ v with v * w, or |v|.

    >>> w, v = np.linalg.eigh(np.array([[2.0, 1.0], [1.0, 2.0]]))
    >>> print(w)
    [1. 3.]
    """
    a = _square(a, "eigh")
    _check_finite(a)
    n = a.shape[-1]
    low = tril(a) if UPLO == "L" else triu(a)
    sym = low + swapaxes(low, -1, -2) - low * eye(n, dtype=a.dtype)
    batch = _py.tuple(sym.shape[:-2])
    flat = sym.reshape(-1, n, n)
    ws = []
    vs = []
    for i in _py.range(flat.shape[0]):
        w, v = _eigh_array(flat[i]) if n >= _ARRAY_JACOBI_MIN else _eigh_lists(flat[i].tolist())
        ws.append(w)
        vs.append(v)
    w = array(ws, dtype=a.dtype).reshape(batch + (n,))
    v = array(vs, dtype=a.dtype).reshape(batch + (n, n))
    return EighResult((w, v))


def eigvalsh(a, UPLO="L"):
    """Compute the eigenvalues of a real symmetric matrix (ascending).

    eigvalsh(a, UPLO='L')

    >>> print(np.linalg.eigvalsh(np.array([[2.0, 1.0], [1.0, 2.0]])))
    [1. 3.]
    """
    return eigh(a, UPLO)[0]


def eig(a):
    """Compute the eigenvalues and right eigenvectors of a square array (real eigenvalues).

    eig(a) -> (eigenvalues, eigenvectors)
    Column v[:, i] is the unit eigenvector of w[i], so a @ v == v * w. The order of the
    eigenvalues and the signs of the vectors are those the algorithm finds (LAPACK's may
    differ): sort the eigenvalues to compare. Slope has no complex dtype, so a matrix with
    complex eigenvalues is an error.

    >>> w, v = np.linalg.eig(np.diag((1.0, 2.0, 3.0)))
    >>> print(w)
    [1. 2. 3.]
    """
    a = _square(a, "eig")
    _check_finite(a)
    n = a.shape[-1]
    batch, mats = _matrices(a)
    ws = []
    vs = []
    for m in mats:
        w, v = _eig_lists(m)
        ws.append(w)
        vs.append(v)
    w = array(ws, dtype=a.dtype).reshape(batch + (n,))
    v = array(vs, dtype=a.dtype).reshape(batch + (n, n))
    return EigResult((w, v))


def eigvals(a):
    """Compute the eigenvalues of a general matrix (real eigenvalues; see eig).

    eigvals(a)
    """
    return eig(a)[0]


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    """Singular Value Decomposition: a == U @ diag(S) @ Vh.

    svd(a, full_matrices=True, compute_uv=True, hermitian=False) -> (U, S, Vh), or S
    S descending; U is m × m and Vh n × n (full_matrices=True) or m × k and k × n with
    k = min(m, n). The signs of singular-vector pairs are arbitrary (LAPACK's can differ):
    compare U @ diag(S) @ Vh, or |U|.

    >>> print(np.linalg.svd(np.array([[3.0, 0.0], [0.0, -4.0]]), compute_uv=False))
    [4. 3.]
    """
    a = _at_least_2d(a, "svd")
    _check_finite(a)
    m = a.shape[-2]
    n = a.shape[-1]
    k = _py.min(m, n)
    batch = _py.tuple(a.shape[:-2])
    flat = a.reshape(-1, m, n)
    us = []
    ss = []
    vs = []
    for i in _py.range(flat.shape[0]):
        U, s, Vh = _svd_one(flat[i], full_matrices and compute_uv)
        us.append(U)
        ss.append(s)
        vs.append(Vh if full_matrices else Vh[:k])
    s = array(ss, dtype=a.dtype).reshape(batch + (k,))
    if not compute_uv:
        return s
    ku = m if full_matrices else k
    kv = n if full_matrices else k
    U = stack(us).reshape(batch + (m, ku)) if _py.len(us) > 0 else zeros(batch + (m, ku), dtype=a.dtype)
    Vh = stack(vs).reshape(batch + (kv, n)) if _py.len(vs) > 0 else zeros(batch + (kv, n), dtype=a.dtype)
    return SVDResult((U, s, Vh))


def svdvals(x):
    """The singular values of a matrix, descending (svd without the vectors).

    svdvals(x)
    """
    return svd(x, compute_uv=False)


def qr(a, mode="reduced"):
    """Compute the qr factorization of a matrix: a == Q @ R, Q orthonormal, R upper triangular.

    qr(a, mode='reduced') -> (Q, R); mode 'complete' gives a square Q, 'r' only R.
    Householder reflections with LAPACK's sign choice (the diagonal of R has the opposite sign
    of the column's leading entry), so Q and R are numpy's.

    >>> q, r = np.linalg.qr(np.array([[3.0, 1.0], [4.0, 2.0]]))
    >>> print(r)
    [[-5.  -2.2]
     [ 0.   0.4]]
    """
    a = _at_least_2d(a, "qr")
    if mode not in ("reduced", "complete", "r", "raw"):
        # help: mode is 'reduced' (the default), 'complete' or 'r'
        raise ValueError(f"Unrecognized mode '{mode}'")
    if mode == "raw":
        raise NotImplementedError("qr: mode='raw' is not supported in Slope; use 'reduced' or 'complete'")
    _check_finite(a)
    m = a.shape[-2]
    n = a.shape[-1]
    k = _py.min(m, n)
    batch = _py.tuple(a.shape[:-2])
    flat = a.reshape(-1, m, n)
    qs = []
    rs = []
    qcols = m if mode == "complete" else k
    rrows = m if mode == "complete" else k
    for i in _py.range(flat.shape[0]):
        Q, R = _qr_one(flat[i], mode == "complete")
        rs.append(R[:rrows])
        qs.append(Q)
    R = stack(rs).reshape(batch + (rrows, n)) if _py.len(rs) > 0 else zeros(batch + (rrows, n), dtype=a.dtype)
    if mode == "r":
        return R
    Q = stack(qs).reshape(batch + (m, qcols)) if _py.len(qs) > 0 else zeros(batch + (m, qcols), dtype=a.dtype)
    return QRResult((Q, R))


def _cutoff_inverse(s, cutoff):
    return [1.0 / x if x > cutoff else 0.0 for x in s]


def lstsq(a, b, rcond=None):
    """Return the least-squares solution to a linear matrix equation.

    lstsq(a, b, rcond=None) -> (x, residuals, rank, s)
    x minimises ||b - a @ x|| (the minimum-norm one when a is rank deficient); singular values
    below rcond * the largest (default: machine epsilon * max(m, n)) count as zero. residuals
    holds the squared residual norm of each column of b when a has full column rank and
    m > n, else it is empty; s holds the singular values of a.

    >>> A = np.array([[0.0, 1.0], [1.0, 1.0], [2.0, 1.0], [3.0, 1.0]])
    >>> x, res, rank, s = np.linalg.lstsq(A, np.array([-1.0, 0.2, 0.9, 2.1]))
    >>> print(x.round(4))
    [ 1.   -0.95]
    """
    a = _to_float(a)
    b = _to_float(b)
    if a.ndim != 2:
        # help: lstsq solves one system: give a 2-d array a (m × n)
        raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be two-dimensional")
    if b.ndim not in (1, 2):
        raise LinAlgError(f"{b.ndim}-dimensional array given. Array must be one or two-dimensional")
    m = a.shape[0]
    n = a.shape[1]
    if b.shape[0] != m:
        # help: b needs as many rows as a
        raise LinAlgError("Incompatible dimensions")
    vector = b.ndim == 1
    B = b.reshape(m, 1) if vector else b
    dt = _common_dtype(a, B)
    if rcond is None:
        rcond = _EPS * _py.max(m, n)
    a = a.astype(dt)
    B = B.astype(dt)
    U, s, Vh = _svd_one(a, False)
    k = _py.min(m, n)
    smax = s[0] if k > 0 else 0.0
    inv_s = _cutoff_inverse(s, rcond * smax)
    rank = _py.sum([1 for x in inv_s if x != 0.0])
    # x = V diag(1/s) Uᵀ b.
    x = matmul(Vh[:k].T, array(inv_s, dtype=dt).reshape(k, 1) * matmul(U[:, :k].T, B))
    if rank == n and m > n:
        resid = B - matmul(a.astype(dt), x)
        residuals = sum(resid * resid, axis=0)
    else:
        residuals = zeros((0,), dtype=dt)
    if vector:
        x = x.reshape(n)
    return LstsqResult((x, residuals, rank, array(s, dtype=dt)))


def matrix_rank(A, tol=None, hermitian=False, rtol=None):
    """Return matrix rank of array using SVD method.

    matrix_rank(A, tol=None, hermitian=False, rtol=None)
    The number of singular values above tol (default: the largest times max(m, n) times machine
    epsilon, or times rtol when given).

    >>> print(np.linalg.matrix_rank(np.eye(4)), np.linalg.matrix_rank(np.ones((4, 4))))
    4 1
    """
    A = _to_float(A)
    if A.ndim < 2:
        return _py.int(not _py.bool(all(A == 0)))
    S = svd(A, compute_uv=False)
    if tol is None:
        if rtol is None:
            rtol = _py.max(A.shape[-2], A.shape[-1]) * _EPS
        tol = max(S, axis=-1, keepdims=True) * rtol
    else:
        tol = expand_dims(asarray(tol), -1)
    r = count_nonzero(S > tol, axis=-1)
    return r


def pinv(a, rcond=None, hermitian=False, rtol=None):
    """Compute the (Moore-Penrose) pseudo-inverse of a matrix, from its SVD.

    pinv(a, rcond=None, hermitian=False, rtol=None)
    Singular values at or below rcond (default 1e-15) times the largest are treated as zero.

    >>> print(np.linalg.pinv(np.array([[1.0, 2.0], [2.0, 4.0]])) * 25)
    [[1. 2.]
     [2. 4.]]
    """
    a = _at_least_2d(a, "pinv")
    if rcond is None:
        rcond = 1e-15 if rtol is None else rtol
    m = a.shape[-2]
    n = a.shape[-1]
    k = _py.min(m, n)
    batch = _py.tuple(a.shape[:-2])
    flat = a.reshape(-1, m, n)
    outs = []
    for i in _py.range(flat.shape[0]):
        U, s, Vh = _svd_one(flat[i], False)
        smax = s[0] if k > 0 else 0.0
        inv_s = array(_cutoff_inverse(s, rcond * smax), dtype=a.dtype).reshape(k, 1)
        outs.append(matmul(Vh[:k].T, inv_s * U[:, :k].T))
    if _py.len(outs) == 0:
        return zeros(batch + (n, m), dtype=a.dtype)
    return stack(outs).reshape(batch + (n, m))


# ---------------------------------------------------------------------------------------------
# jax.numpy.linalg: decompositions that trace.
#
# Under jax.numpy, eigh, svd and qr are custom_jvp functions with JAX's derivative rules (those of
# jax/_src/lax/linalg.py: `_eigh_jvp_rule`, `_svd_jvp_rule`, `_thin_qr_jvp`), so they work inside
# jit, vmap and grad. Their primal runs the host algorithms above when the matrix is concrete (the
# same values as numpy.linalg), and otherwise whole-array versions that trace: cyclic Jacobi for
# eigh and one-sided Jacobi for svd, a round of disjoint rotations at a time inside a
# lax.while_loop until the off-diagonal part is below the dtype's epsilon, and Householder QR with
# LAPACK's signs (one unrolled step per column). cholesky, inv, solve, det, slogdet, norm and
# matrix_power are array programs already, differentiated through; pinv and lstsq are built on
# the traced svd. jnp's eigh and cholesky symmetrize their input first ((a + aᵀ) / 2), as JAX's.

_JAXMOD = []
_CUSTOM = {}


def _jx():
    """The jax module (imported on first use: linalg is built while jax.numpy is)."""
    if not _JAXMOD:
        import jax as _jax_module
        _JAXMOD.append(_jax_module)
    return _JAXMOD[0]


def _concrete(a):
    """Whether `a`'s values can be read now (it is not traced by jit, vmap or grad)."""
    try:
        if a.size > 0:
            _py.float(ravel(a)[0])
        return True
    except Exception:
        return False


def _T(x):
    return swapaxes(x, -1, -2)


def _symmetrize(a):
    return (a + _T(a)) / 2


def _pair_indices(n):
    rounds = _round_robin(n)
    return [(array([p for p, q in r], dtype=int32), array([q for p, q in r], dtype=int32)) for r in rounds if _py.len(r) > 0]


def _rotation_arrays(n, P, Q, c, s, shape, dt):
    """Batched J (..., n, n): the identity with J[p, p] = J[q, q] = c, J[p, q] = s,
    J[q, p] = -s for the pairs (P, Q) and the rotations (c, s) of shape (..., k)."""
    J = broadcast_to(eye(n, dtype=dt), _py.tuple(shape) + (n, n))
    J = J.at[..., P, P].set(c)
    J = J.at[..., Q, Q].set(c)
    J = J.at[..., P, Q].set(s)
    J = J.at[..., Q, P].set(-s)
    return J


def _angles(app, aqq, apq):
    """Vectorised `_jacobi_angle`; no rotation where apq is 0."""
    zero = apq == 0
    tau = (aqq - app) / (2.0 * where(zero, 1.0, apq))
    t = where(tau >= 0, 1.0, -1.0) / (abs(tau) + sqrt(1.0 + tau * tau))
    c = 1.0 / sqrt(1.0 + t * t)
    s = t * c
    return where(zero, 1.0, c), where(zero, 0.0, s)


def _eigh_traced(a):
    """Eigenvalues (ascending) and eigenvectors of the symmetric stack `a`, by cyclic Jacobi in
    array operations (see the section comment)."""
    lax = _jx().lax
    n = a.shape[-1]
    dt = a.dtype
    batch = _py.tuple(a.shape[:-2])
    if n == 1:
        return a[..., 0], ones(a.shape, dtype=dt)
    pairs = _pair_indices(n)
    eps = finfo(dt).eps
    offmask = 1.0 - eye(n, dtype=dt)

    def off(A):
        return sqrt(max(sum(A * A * offmask, axis=(-2, -1))))

    thr = eps * sqrt(max(sum(a * a, axis=(-2, -1))))

    def body(state):
        A, V, k = state
        for P, Q in pairs:
            c, s = _angles(A[..., P, P], A[..., Q, Q], A[..., P, Q])
            J = _rotation_arrays(n, P, Q, c, s, batch, dt)
            A = matmul(matmul(_T(J), A), J)
            A = A.at[..., P, Q].set(0.0).at[..., Q, P].set(0.0)
            A = (A + _T(A)) * 0.5
            V = matmul(V, J)
        return A, V, k + 1

    def cond(state):
        A, V, k = state
        return (k < 40) & (off(A) > thr)

    V0 = broadcast_to(eye(n, dtype=dt), a.shape)
    A, V, _ = lax.while_loop(cond, body, (a, V0, 0))
    w = diagonal(A, axis1=-2, axis2=-1)
    order = argsort(w, axis=-1)
    w = take_along_axis(w, order, axis=-1)
    V = take_along_axis(V, broadcast_to(expand_dims(order, -2), V.shape), axis=-1)
    return w, V


def _eigh_any(a):
    """(w, v) of the symmetric stack a: host algorithms when concrete, else traced."""
    if _concrete(a):
        n = a.shape[-1]
        batch = _py.tuple(a.shape[:-2])
        flat = a.reshape(-1, n, n)
        ws = []
        vs = []
        for i in _py.range(flat.shape[0]):
            w, v = _eigh_array(flat[i]) if n >= _ARRAY_JACOBI_MIN else _eigh_lists(flat[i].tolist())
            ws.append(w)
            vs.append(v)
        return array(ws, dtype=a.dtype).reshape(batch + (n,)), array(vs, dtype=a.dtype).reshape(batch + (n, n))
    return _eigh_traced(a)


def _eigh_custom():
    if "eigh" in _CUSTOM:
        return _CUSTOM["eigh"]
    jax = _jx()

    @jax.custom_jvp
    def f(a):
        return _eigh_any(a)

    @f.defjvp
    def f_jvp(primals, tangents):
        (a,) = primals
        (a_dot,) = tangents
        w, v = _eigh_any(a)
        n = a.shape[-1]
        eye_n = eye(n, dtype=a.dtype)
        Fmat = 1.0 / (eye_n + expand_dims(w, -2) - expand_dims(w, -1)) - eye_n
        vdag_adot_v = matmul(matmul(_T(v), a_dot), v)
        dv = matmul(v, Fmat * vdag_adot_v)
        dw = diagonal(vdag_adot_v, axis1=-2, axis2=-1)
        return (w, v), (dw, dv)

    _CUSTOM["eigh"] = f
    return f


def _jnp_eigh(a, UPLO=None, symmetrize_input=True):
    a = _square(a, "eigh")
    if symmetrize_input:
        a = _symmetrize(a)
    else:
        n = a.shape[-1]
        low = tril(a) if UPLO in (None, "L") else triu(a)
        a = low + _T(low) - low * eye(n, dtype=a.dtype)
    w, v = _eigh_custom()(a)
    return EighResult((w, v))


def _svd_tall_traced(a):
    """Thin SVD (U, s, V) of the tall stack a (..., m, n), m >= n, by one-sided Jacobi in array
    operations: s descending, U's columns for zero singular values are zero."""
    lax = _jx().lax
    m = a.shape[-2]
    n = a.shape[-1]
    dt = a.dtype
    batch = _py.tuple(a.shape[:-2])
    eps = finfo(dt).eps
    pairs = _pair_indices(n) if n > 1 else []

    def gram_off(U):
        g = matmul(_T(U), U)
        d = sqrt(abs(diagonal(g, axis1=-2, axis2=-1)))
        dd = expand_dims(d, -1) * expand_dims(d, -2)
        r = abs(g) * (1.0 - eye(n, dtype=dt)) / where(dd == 0, 1.0, dd)
        return max(r)

    def body(state):
        U, V, k = state
        for P, Q in pairs:
            up = take(U, P, axis=-1)
            uq = take(U, Q, axis=-1)
            alpha = sum(up * up, axis=-2)
            beta = sum(uq * uq, axis=-2)
            gamma = sum(up * uq, axis=-2)
            c, s = _angles(alpha, beta, gamma)
            J = _rotation_arrays(n, P, Q, c, s, batch, dt)
            U = matmul(U, J)
            V = matmul(V, J)
        return U, V, k + 1

    def cond(state):
        U, V, k = state
        return (k < 40) & (gram_off(U) > eps)

    V0 = broadcast_to(eye(n, dtype=dt), batch + (n, n))
    if n > 1:
        U, V, _ = lax.while_loop(cond, body, (a, V0, 0))
    else:
        U, V = a, V0
    s = sqrt(sum(U * U, axis=-2))
    order = argsort(-s, axis=-1)
    s = take_along_axis(s, order, axis=-1)
    U = take_along_axis(U, broadcast_to(expand_dims(order, -2), U.shape), axis=-1)
    V = take_along_axis(V, broadcast_to(expand_dims(order, -2), V.shape), axis=-1)
    U = U / expand_dims(where(s == 0, 1.0, s), -2)
    return U, s, V


def _svd_thin_any(a):
    """(U, s, Vh) thin, of the stack a: host algorithms when concrete, else traced."""
    m = a.shape[-2]
    n = a.shape[-1]
    k = _py.min(m, n)
    if _concrete(a):
        batch = _py.tuple(a.shape[:-2])
        flat = a.reshape(-1, m, n)
        us = []
        ss = []
        vs = []
        for i in _py.range(flat.shape[0]):
            U, s, Vh = _svd_one(flat[i], False)
            us.append(U[:, :k])
            ss.append(s)
            vs.append(Vh[:k])
        s = array(ss, dtype=a.dtype).reshape(batch + (k,))
        U = stack(us).reshape(batch + (m, k)) if _py.len(us) > 0 else zeros(batch + (m, k), dtype=a.dtype)
        Vh = stack(vs).reshape(batch + (k, n)) if _py.len(vs) > 0 else zeros(batch + (k, n), dtype=a.dtype)
        return U, s, Vh
    if m >= n:
        U, s, V = _svd_tall_traced(a)
        return U, s, _T(V)
    U, s, V = _svd_tall_traced(_T(a))
    return V, s, _T(U)


def _svd_custom():
    if "svd" in _CUSTOM:
        return _CUSTOM["svd"]
    jax = _jx()

    @jax.custom_jvp
    def f(A):
        return _svd_thin_any(A)

    @f.defjvp
    def f_jvp(primals, tangents):
        (A,) = primals
        (dA,) = tangents
        U, s, Vt = _svd_thin_any(A)
        Ut = _T(U)
        V = _T(Vt)
        s_dim = expand_dims(s, -2)
        dS = matmul(matmul(Ut, dA), V)
        ds = diagonal(dS, axis1=-2, axis2=-1)
        k = s.shape[-1]
        s_diffs = (s_dim + _T(s_dim)) * (s_dim - _T(s_dim))
        s_diffs_zeros = eye(k, dtype=s.dtype)
        F = 1.0 / (s_diffs + s_diffs_zeros) - s_diffs_zeros
        dSS = s_dim * dS
        SdS = _T(s_dim) * dS
        s_zeros = (s == 0).astype(s.dtype)
        s_inv = 1.0 / (s + s_zeros) - s_zeros
        s_inv_mat = expand_dims(s_inv, -1) * eye(k, dtype=s.dtype)
        dUdV_diag = 0.5 * (dS - _T(dS)) * s_inv_mat
        dU = matmul(U, F * (dSS + _T(dSS)) + dUdV_diag)
        dV = matmul(V, F * (SdS + _T(SdS)))
        m = A.shape[-2]
        n = A.shape[-1]
        if m > n:
            dAV = matmul(dA, V)
            dU = dU + (dAV - matmul(U, matmul(Ut, dAV))) / s_dim
        if n > m:
            dAHU = matmul(_T(dA), U)
            dV = dV + (dAHU - matmul(V, matmul(Vt, dAHU))) / s_dim
        return (U, s, Vt), (dU, ds, _T(dV))

    _CUSTOM["svd"] = f
    return f


def _complete_columns(U, m):
    """U (..., m, k) with orthonormal (or zero) columns extended to an orthonormal m × m basis:
    the Q of a traced QR of [U, I] with the first k columns' signs put back."""
    k = U.shape[-1]
    batch = _py.tuple(U.shape[:-2])
    M = concatenate([U, broadcast_to(eye(m, dtype=U.dtype), batch + (m, m))], axis=-1)
    Q, R = _qr_traced(M, True)
    d = diagonal(R, axis1=-2, axis2=-1)[..., :k]
    sign = where(d < 0, -1.0, 1.0)
    Q = concatenate([Q[..., :, :k] * expand_dims(sign, -2), Q[..., :, k:]], axis=-1)
    return Q


def _jnp_svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    a = _at_least_2d(a, "svd")
    m = a.shape[-2]
    n = a.shape[-1]
    U, s, Vh = _svd_custom()(a)
    if not compute_uv:
        return s
    if full_matrices and m != n:
        if m > n:
            U = _complete_columns(U, m)
        else:
            Vh = _T(_complete_columns(_T(Vh), n))
    return SVDResult((U, s, Vh))


def _qr_traced(a, complete):
    """Householder QR of the stack a (..., m, n) in array operations with LAPACK's signs (as
    `_qr_one`): Q (..., m, m if complete else k), R (..., m, n) upper triangular."""
    m = a.shape[-2]
    n = a.shape[-1]
    k = _py.min(m, n)
    dt = a.dtype
    batch = _py.tuple(a.shape[:-2])
    R = a
    Q = broadcast_to(eye(m, dtype=dt), batch + (m, m))
    rows = arange(m)
    steps = _py.min(m - 1, n)
    for j in _py.range(steps):
        col = R[..., :, j]
        alpha = col[..., j]
        tail = where(rows > j, col, 0.0)
        xnorm = sqrt(sum(tail * tail, axis=-1))
        beta = -where(alpha >= 0, 1.0, -1.0) * sqrt(alpha * alpha + xnorm * xnorm)
        skip = xnorm == 0
        beta_s = where(skip, 1.0, beta)
        tau = where(skip, 0.0, (beta_s - alpha) / beta_s)
        scale = 1.0 / where(skip, 1.0, alpha - beta_s)
        v = where(rows == j, 1.0, tail * expand_dims(scale, -1))
        # H = I - tau v vᵀ applied on the left of R and the right of Q.
        vR = sum(expand_dims(v, -1) * R, axis=-2)
        R = R - expand_dims(tau, (-1, -2)) * expand_dims(v, -1) * expand_dims(vR, -2)
        Qv = sum(Q * expand_dims(v, -2), axis=-1)
        Q = Q - expand_dims(tau, (-1, -2)) * expand_dims(Qv, -1) * expand_dims(v, -2)
        R = where((expand_dims(rows, -1) > j) & (arange(n) == j), 0.0, R)
    if not complete:
        Q = Q[..., :, :k]
    return Q, R


def _qr_any(a, complete):
    m = a.shape[-2]
    n = a.shape[-1]
    if _concrete(a):
        k = _py.min(m, n)
        batch = _py.tuple(a.shape[:-2])
        flat = a.reshape(-1, m, n)
        qcols = m if complete else k
        rrows = m if complete else k
        qs = []
        rs = []
        for i in _py.range(flat.shape[0]):
            Q, R = _qr_one(flat[i], complete)
            rs.append(R[:rrows])
            qs.append(Q)
        R = stack(rs).reshape(batch + (rrows, n)) if _py.len(rs) > 0 else zeros(batch + (rrows, n), dtype=a.dtype)
        Q = stack(qs).reshape(batch + (m, qcols)) if _py.len(qs) > 0 else zeros(batch + (m, qcols), dtype=a.dtype)
        return Q, R
    Q, R = _qr_traced(a, complete)
    rrows = m if complete else _py.min(m, n)
    return Q, R[..., :rrows, :]


def _rinv_right(r, dx):
    """dx @ inv(r) for upper-triangular r (lax.triangular_solve with left_side=False), column by
    column, so that it stays linear in dx (its transpose exists)."""
    n = r.shape[-1]
    cols = []
    for j in _py.range(n):
        acc = dx[..., :, j]
        for i in _py.range(j):
            acc = acc - cols[i] * expand_dims(r[..., i, j], -1)
        cols.append(acc / expand_dims(r[..., j, j], -1))
    return stack(cols, axis=-1)


def _thin_qr_jvp(q, r, dx):
    dx_rinv = _rinv_right(r, dx)
    qt_dx_rinv = matmul(_T(q), dx_rinv)
    low = tril(qt_dx_rinv, -1)
    do = low - _T(low)
    dq = matmul(q, do - qt_dx_rinv) + dx_rinv
    dr = matmul(qt_dx_rinv - do, r)
    return dq, dr


def _qr_custom(complete):
    key = "qr_complete" if complete else "qr"
    if key in _CUSTOM:
        return _CUSTOM[key]
    jax = _jx()

    @jax.custom_jvp
    def f(x):
        return _qr_any(x, complete)

    @f.defjvp
    def f_jvp(primals, tangents):
        (x,) = primals
        (dx,) = tangents
        q, r = _qr_any(x, complete)
        m = x.shape[-2]
        n = x.shape[-1]
        if m < n:
            dq, dr1 = _thin_qr_jvp(q, r[..., :, :m], dx[..., :, :m])
            dr2 = matmul(_T(dq), x[..., :, m:]) + matmul(_T(q), dx[..., :, m:])
            return (q, r), (dq, concatenate([dr1, dr2], axis=-1))
        dq, dr = _thin_qr_jvp(q, r, dx)
        return (q, r), (dq, dr)

    _CUSTOM[key] = f
    return f


def _jnp_qr(a, mode="reduced"):
    a = _at_least_2d(a, "qr")
    if mode not in ("reduced", "complete", "r"):
        # help: mode is 'reduced' (the default), 'complete' or 'r'
        raise ValueError(f"Unsupported QR decomposition mode '{mode}'")
    m = a.shape[-2]
    n = a.shape[-1]
    if mode == "complete" and m > n:
        # The extra columns of a complete Q are not unique: differentiated through Householder
        # (JAX's rule picks another completion).
        q, r = _qr_any(a, True)
    else:
        q, r = _qr_custom(mode == "complete")(a)
    if mode == "r":
        return r
    return QRResult((q, r))


def _jnp_pinv(a, rtol=None, hermitian=False, rcond=None):
    a = _at_least_2d(a, "pinv")
    m = a.shape[-2]
    n = a.shape[-1]
    if rcond is None:
        rcond = rtol
    if rcond is None:
        rcond = 10.0 * _py.max(m, n) * finfo(a.dtype).eps
    U, s, Vh = _svd_custom()(a)
    cutoff = asarray(rcond)[..., None] * max(s, axis=-1, keepdims=True)
    inv_s = where(s > cutoff, 1.0 / where(s > cutoff, s, 1.0), 0.0)
    return matmul(_T(Vh) * expand_dims(inv_s, -2), _T(U))


def _jnp_lstsq(a, b, rcond=None):
    a = _to_float(a)
    b = _to_float(b)
    if a.ndim != 2:
        raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be two-dimensional")
    m = a.shape[0]
    n = a.shape[1]
    vector = b.ndim == 1
    B = b.reshape(m, 1) if vector else b
    if rcond is None:
        rcond = finfo(a.dtype).eps * _py.max(m, n)
    U, s, Vh = _svd_custom()(a)
    mask = s >= asarray(rcond, dtype=s.dtype) * (s[0] if s.shape[0] > 0 else 0.0)
    rank = sum(mask)
    safe_s = where(mask, s, 1.0)
    uTb = matmul(_T(U), B)
    x = matmul(_T(Vh), where(expand_dims(mask, -1), 1.0 / expand_dims(safe_s, -1), 0.0) * uTb)
    resid = B - matmul(a, x)
    resid = sum(resid * resid, axis=0)
    if vector:
        x = x.reshape(n)
        resid = resid.reshape(())
    resid = where((rank == n) & (m > n), resid, 0.0) if not vector else resid
    return LstsqResult((x, resid, rank, s))


if _jax:
    _np_cholesky = cholesky

    def cholesky(a, upper=False, symmetrize_input=True):
        """Cholesky decomposition: the lower-triangular L with a = L @ L.T (jax.numpy: the input
        is symmetrized first, so the gradient is JAX's).

        cholesky(a, upper=False, symmetrize_input=True)
        """
        a = _square(a, "cholesky")
        if symmetrize_input:
            a = _symmetrize(a)
        L = _np_cholesky(a)
        return _T(L) if upper else L

    def eigh(a, UPLO=None, symmetrize_input=True):
        """Eigenvalues (ascending) and eigenvectors of a symmetric matrix; traces under jit,
        vmap and grad with JAX's derivative rule (jax.numpy: the input is symmetrized first).

        eigh(a, UPLO=None, symmetrize_input=True) -> (eigenvalues, eigenvectors)
        """
        return _jnp_eigh(a, UPLO, symmetrize_input)

    def eigvalsh(a, UPLO="L"):
        """The eigenvalues of a symmetric matrix (ascending); traces (see eigh).

        eigvalsh(a, UPLO='L')
        """
        return _jnp_eigh(a, UPLO)[0]

    def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
        """Singular value decomposition a == U @ diag(S) @ Vh, S descending; traces under jit,
        vmap and grad with JAX's derivative rule (the derivative needs full_matrices=False or a
        square matrix, as in JAX).

        svd(a, full_matrices=True, compute_uv=True, hermitian=False) -> (U, S, Vh), or S
        """
        return _jnp_svd(a, full_matrices, compute_uv, hermitian)

    def svdvals(x):
        """The singular values of a matrix, descending; traces (see svd).

        svdvals(x)
        """
        return _jnp_svd(x, False, False)

    def qr(a, mode="reduced"):
        """QR factorization a == Q @ R with LAPACK's signs; traces under jit, vmap and grad
        with JAX's derivative rule.

        qr(a, mode='reduced') -> (Q, R); 'complete' gives a square Q, 'r' only R.
        """
        return _jnp_qr(a, mode)

    def pinv(a, rtol=None, hermitian=False, rcond=None):
        """The Moore-Penrose pseudo-inverse from the SVD (singular values at or below rtol,
        default 10 * max(m, n) * eps, times the largest count as zero, as JAX); traces.

        pinv(a, rtol=None, hermitian=False)
        """
        return _jnp_pinv(a, rtol, hermitian, rcond)

    def lstsq(a, b, rcond=None, numpy_resid=False):
        """The least-squares solution of a @ x = b from the SVD, as JAX's; traces.

        lstsq(a, b, rcond=None) -> (x, residuals, rank, s)
        """
        return _jnp_lstsq(a, b, rcond)


# numpy 2's array-API functions in linalg (jax.numpy.linalg has them too): the top-level
# functions over the last axes, with the array API's checks. They are kept under private names
# and published through `_public` (numpy.rs), so this file's own code keeps numpy's top-level
# functions of the same names.
def _api_matmul(x1, x2, /):
    """matmul(x1, x2, /): the matrix product (np.matmul)."""
    return matmul(x1, x2)


def _api_tensordot(x1, x2, /, *, axes=2):
    """tensordot(x1, x2, /, *, axes=2): np.tensordot."""
    return tensordot(x1, x2, axes=axes)


def _api_outer(x1, x2, /):
    """outer(x1, x2, /): the outer product of two vectors."""
    x1 = asarray(x1)
    x2 = asarray(x2)
    if x1.ndim != 1 or x2.ndim != 1:
        # help: linalg.outer takes two 1-d vectors; np.outer flattens its inputs
        raise ValueError(f"Input arrays must be one-dimensional, but they are x1.ndim={x1.ndim} and x2.ndim={x2.ndim}.")
    return outer(x1, x2)


def _api_cross(x1, x2, /, *, axis=-1):
    """cross(x1, x2, /, *, axis=-1): the cross product of 3-element vectors."""
    x1 = asarray(x1)
    x2 = asarray(x2)
    if x1.shape[axis] != 3 or x2.shape[axis] != 3:
        # help: linalg.cross takes vectors of 3 elements along axis; np.cross also takes 2
        raise ValueError(f"Both input arrays must be (arrays of) 3-dimensional vectors, but they are {x1.shape[axis]} and {x2.shape[axis]} dimensional instead.")
    return cross(x1, x2, axis=axis)


def _api_vecdot(x1, x2, /, *, axis=-1):
    """vecdot(x1, x2, /, *, axis=-1): the dot product of vectors along axis (broadcasting)."""
    return sum(asarray(x1) * asarray(x2), axis=axis)


def _api_matrix_transpose(x, /):
    """matrix_transpose(x, /): x with its last two axes swapped."""
    x = asarray(x)
    if x.ndim < 2:
        raise ValueError(f"Input array must be at least 2-dimensional, but it is {x.ndim}")
    return swapaxes(x, -1, -2)


def _api_trace(x, /, *, offset=0, dtype=None):
    """trace(x, /, *, offset=0, dtype=None): the sum of the diagonal of the last two axes."""
    return sum(_api_diagonal(x, offset=offset), axis=-1, dtype=dtype)


def _api_diagonal(x, /, *, offset=0):
    """diagonal(x, /, *, offset=0): the diagonal of the last two axes."""
    x = asarray(x)
    n, m = x.shape[-2], x.shape[-1]
    k = offset
    length = _py.max(0, _py.min(n, m - k) if k >= 0 else _py.min(n + k, m))
    rows = arange(length) + (0 if k >= 0 else -k)
    cols = arange(length) + (k if k >= 0 else 0)
    return x[..., rows, cols]


def _api_vector_norm(x, /, *, axis=None, keepdims=False, ord=2):
    """vector_norm(x, /, *, axis=None, keepdims=False, ord=2): the vector norm over axis (every
    element when axis is None)."""
    x = asarray(x)
    if axis is None:
        r = norm(ravel(x), ord=ord)
        return r.reshape((1,) * x.ndim) if keepdims else r
    return norm(x, ord=ord, axis=axis, keepdims=keepdims)


def _api_matrix_norm(x, /, *, keepdims=False, ord="fro"):
    """matrix_norm(x, /, *, keepdims=False, ord='fro'): the matrix norm of the last two axes."""
    return norm(x, ord=ord, axis=(-2, -1), keepdims=keepdims)


_public = {
    "matmul": _api_matmul, "tensordot": _api_tensordot, "outer": _api_outer, "cross": _api_cross,
    "vecdot": _api_vecdot, "matrix_transpose": _api_matrix_transpose, "trace": _api_trace,
    "diagonal": _api_diagonal, "vector_norm": _api_vector_norm, "matrix_norm": _api_matrix_norm,
}


def cond(x, p=None):
    """Compute the condition number of a matrix (p None or 2: the ratio of the largest to the
    smallest singular value; -2 its inverse; 'fro', 'nuc', inf, -inf, 1, -1: norm(x, p) *
    norm(inv(x), p)).

    cond(x, p=None)

    >>> print(np.linalg.cond(np.array([[1, 0, -1], [0, 1, 0], [1, 0, 1]])))
    1.4142135623730951
    """
    x = _to_float(x)
    if x.ndim < 2:
        # help: cond takes a matrix (or a stack of matrices)
        raise LinAlgError(f"{x.ndim}-dimensional array given. Array must be at least two-dimensional")
    if p is None or p == 2 or p == -2:
        s = svd(x, compute_uv=False)
        if p == -2:
            return s[..., -1] / s[..., 0]
        return s[..., 0] / s[..., -1]
    _square(x, "cond")
    return norm(x, ord=p, axis=(-2, -1)) * norm(inv(x), ord=p, axis=(-2, -1))


def tensorinv(a, ind=2):
    """Compute the 'inverse' of an N-dimensional array: the array ainv with
    tensordot(ainv, a, ind) the identity, for a of shape prod(a.shape[:ind]) ==
    prod(a.shape[ind:]).

    tensorinv(a, ind=2)
    """
    a = asarray(a)
    if ind <= 0:
        # help: ind is how many leading axes form the "rows": a positive integer
        raise ValueError("Invalid ind argument.")
    old = a.shape
    prod = 1
    for k in old[ind:]:
        prod *= k
    inv_shape = old[ind:] + old[:ind]
    return inv(a.reshape(prod, -1)).reshape(inv_shape)

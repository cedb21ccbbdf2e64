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
        raise ValueError(f"{a.ndim}-dimensional array given. Array must be at least two-dimensional")
    if a.shape[-1] != a.shape[-2]:
        # help: this needs square matrices (n × n); for least squares use lstsq, for a
        # pseudo-inverse pinv
        raise ValueError("Last 2 dimensions of the array must be square")
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
            raise ValueError("Singular matrix")
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
    return sign, logdet


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
        raise NotImplementedError(f"norm: ord={ord!r} needs singular values, which Slope's linalg does not compute yet")
    else:
        # help: matrix norms take ord = None, 'fro', 1, -1, inf or -inf
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
            raise ValueError("Matrix is not positive definite")
        dj = sqrt(d)
        c = (a[..., :, j] - sum(L * expand_dims(lj, -2), axis=-1)) / expand_dims(dj, -1)
        c = where(rows == j, expand_dims(dj, -1), where(rows > j, c, 0.0))
        L = _set_col(L, j, c)
    return L


def _set_col(m, j, c):
    """`m` with column j of each matrix replaced by the vectors `c` (..., n)."""
    cols = arange(m.shape[-1])
    return where(cols == j, expand_dims(c, -1), m)


def _jacobi_eigvals(a):
    """The eigenvalues (ascending) of one symmetric matrix, by cyclic Jacobi rotations."""
    n = a.shape[0]
    A = (a + a.T) * 0.5
    idx = arange(n)
    scale = _py.float(sum(A * A))
    for sweep in _py.range(60):
        off = _py.float(sum(A * A) - sum(diagonal(A) * diagonal(A)))
        if off <= 1e-30 * scale or off == 0.0:
            break
        for p in _py.range(n - 1):
            for q in _py.range(p + 1, n):
                apq = A[p, q].item()
                if apq == 0.0:
                    continue
                app = A[p, p].item()
                aqq = A[q, q].item()
                # The rotation that zeroes A[p, q] (Golub & Van Loan, sym.schur2).
                tau = (aqq - app) / (2.0 * apq)
                if tau >= 0:
                    t = 1.0 / (tau + (1.0 + tau * tau) ** 0.5)
                else:
                    t = -1.0 / (-tau + (1.0 + tau * tau) ** 0.5)
                c = 1.0 / (1.0 + t * t) ** 0.5
                s = t * c
                ep = (idx == p).astype(A.dtype)
                eq = (idx == q).astype(A.dtype)
                J = eye(n, dtype=A.dtype) + (c - 1.0) * (outer(ep, ep) + outer(eq, eq)) + s * (outer(ep, eq) - outer(eq, ep))
                A = J.T @ A @ J
    return sort(diagonal(A))


def eigvalsh(a, UPLO="L"):
    """Compute the eigenvalues of a complex Hermitian or real symmetric matrix (ascending).

    eigvalsh(a, UPLO='L')
    """
    a = _square(a, "eigvalsh")
    n = a.shape[-1]
    # Only one triangle is read, as in LAPACK: mirror it onto the other.
    low = tril(a) if UPLO == "L" else triu(a)
    low = low.reshape(-1, n, n)
    vals = []
    for i in _py.range(low.shape[0]):
        m = low[i]
        m = m + m.T - diag(diagonal(m))
        vals.append(_jacobi_eigvals(m))
    return stack(vals).reshape(a.shape[:-1])

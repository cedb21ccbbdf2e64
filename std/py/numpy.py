# numpy names written in Slope.
#
# This file runs in a scope that already holds numpy's native functions (array creation, the
# elementwise ufuncs, reductions, reshape/transpose/concatenate, sort, `_bind` for primitives)
# and `_py`, Python's builtins: inside this module `sum`, `max`, `min`, `abs`, `round`, `all`,
# `any` and `bool` are numpy's, so Python's are spelled `_py.sum`, `_py.bool`, ...
# Under `jax.numpy` the same source runs with `_jax = True`.

# The numpy version whose behaviour Slope follows (its numpy oracle, tests/requirements.txt).
__version__ = "2.4.6"

# The default floating dtype: float64 for numpy, float32 for jax.numpy.
_float = _py.float if _jax else float64  # jax: the default float (float64 under x64)

# The default integer dtype: int64 for numpy, int32 for jax.numpy.
_int = _py.int if _jax else int64  # jax: the default int (int64 under x64)


# ---------------------------------------------------------------------------------------------
# Helpers.


def _is_seq(v):
    """True for a Python list or tuple."""
    return _py.isinstance(v, (_py.list, _py.tuple))


def _is_float(x):
    """True when the array `x` has a floating dtype."""
    return x.dtype.kind == "f"


def _to_float(x):
    """`x` as an array of a floating dtype (ints and bools become the default float)."""
    x = asarray(x)
    if _is_float(x):
        return x
    return x.astype(_float)


def _norm_axis(axis, ndim):
    """An axis in [0, ndim), negative axes counting from the end."""
    if axis < -ndim or axis >= ndim:
        # help: axes count from 0 to ndim - 1, or back from -1 (the last axis) to -ndim
        raise ValueError(f"axis {axis} is out of bounds for array of dimension {ndim}")
    return axis + ndim if axis < 0 else axis


def _flat_or_axis(a, axis):
    """numpy's `axis=None` convention: (ravel(a), 0) for None, else (a, the normalised axis)."""
    if axis is None:
        return ravel(a), 0
    return a, _norm_axis(axis, a.ndim)


def _norm_axes(axis, ndim):
    """A list of axes in [0, ndim) from None (all axes), an int, or a sequence of ints."""
    if axis is None:
        return _py.list(_py.range(ndim))
    if _is_seq(axis):
        out = [_norm_axis(a, ndim) for a in axis]
    else:
        out = [_norm_axis(axis, ndim)]
    for i in _py.range(_py.len(out)):
        if out[i] in out[i + 1 :]:
            # help: name each axis once in axis=(...)
            raise ValueError("repeated axis")
    return out

# ---------------------------------------------------------------------------------------------
# Ufunc methods: `np.add.reduce(a)` calls `_ufunc_reduce(np.add, a)`, and so on.

# The ufuncs whose reduce and accumulate are a native reduction or scan.
_REDUCE_AS = {"add": "sum", "multiply": "prod", "maximum": "max", "minimum": "min", "logical_and": "all", "logical_or": "any"}
# Identities of the ufuncs that have one (an empty reduction gives it).
_IDENTITY = {"add": 0, "subtract": None, "multiply": 1, "logical_and": True, "logical_or": False, "logical_xor": False,
             "bitwise_and": -1, "bitwise_or": 0, "bitwise_xor": 0}


def _ufunc_need_binary(uf, method):
    if uf.nin != 2:
        # help: reduce, accumulate, outer, reduceat work on binary ufuncs such as np.add
        raise ValueError(f"{method} only supported for binary functions")


def _ufunc_reduce(uf, array, axis=0, dtype=None, out=None, keepdims=False, initial=None, where=True):
    """ufunc.reduce(array, axis=0, dtype=None, out=None, keepdims=False, initial=<no value>, where=True)

    Reduce `array` along `axis` by applying the ufunc between successive elements:
    `np.add.reduce(a)` is `a[0] + a[1] + ...` along axis 0 (axis=None: over all elements).

    >>> print(np.multiply.reduce([2, 3, 5]), np.subtract.reduce([10, 1, 2]))
    30 7
    """
    name = uf.__name__
    _ufunc_need_binary(uf, "reduce")
    a = asarray(array)
    if dtype is not None:
        a = a.astype(dtype)
    kw = {}
    if initial is not None:
        kw["initial"] = initial
    if where is not True:
        kw["where"] = where
    if name in _REDUCE_AS:
        f = {"sum": sum, "prod": prod, "max": max, "min": min, "all": all, "any": any}[_REDUCE_AS[name]]
        if name in ("logical_and", "logical_or") and initial is not None:
            del kw["initial"]
            r = f(a, axis=axis, keepdims=keepdims, **kw)
            r = uf(r, initial)
        else:
            r = f(a, axis=axis, keepdims=keepdims, **kw)
        if out is not None:
            out[...] = r
            return out
        return r
    if where is not True:
        # help: use np.add or np.multiply (or mask the array with np.where first)
        raise NotImplementedError(f"{name}.reduce with where= is not supported in Slope")
    if axis is None:
        a = ravel(a)
        axis = 0
    if _is_seq(axis):
        if _py.len(axis) != 1:
            # help: reduce one axis at a time
            raise ValueError(f"reduction operation '{name}' is not reorderable, so at most one axis may be specified")
        axis = axis[0]
    axis = _norm_axis(axis, a.ndim)
    m = moveaxis(a, axis, 0)
    n = m.shape[0]
    if initial is None and n == 0:
        ident = _IDENTITY.get(name)
        if ident is None:
            # help: pass initial= to give the result of an empty reduction
            raise ValueError(f"zero-size array to reduction operation {name} which has no identity")
        initial = ident
    if initial is None:
        acc = m[0]
        start = 1
    else:
        acc = uf(full(m.shape[1:], initial, dtype=a.dtype), m[0]) if n > 0 else full(m.shape[1:], initial, dtype=a.dtype)
        start = 1
    for i in _py.range(start, n):
        acc = uf(acc, m[i])
    acc = asarray(acc)
    if keepdims:
        acc = expand_dims(acc, axis)
    if out is not None:
        out[...] = acc
        return out
    return acc


def _ufunc_accumulate(uf, array, axis=0, dtype=None, out=None):
    """ufunc.accumulate(array, axis=0, dtype=None, out=None)

    The running results of reduce along `axis`: `np.add.accumulate(a)` is `np.cumsum(a, axis=0)`.

    >>> np.multiply.accumulate([1, 2, 3, 4])
    array([ 1,  2,  6, 24])
    """
    name = uf.__name__
    _ufunc_need_binary(uf, "accumulate")
    a = asarray(array)
    if dtype is not None:
        a = a.astype(dtype)
    if a.ndim == 0:
        # help: accumulate needs an array with at least one axis
        raise TypeError("cannot accumulate on a scalar")
    axis = _norm_axis(axis, a.ndim)
    if name == "add" and a.dtype.kind != "b":
        r = cumsum(a, axis=axis, dtype=a.dtype)
    elif name == "multiply" and a.dtype.kind != "b":
        r = cumprod(a, axis=axis, dtype=a.dtype)
    else:
        m = moveaxis(a, axis, 0)
        rows = []
        acc = None
        for i in _py.range(m.shape[0]):
            acc = m[i] if acc is None else asarray(uf(acc, m[i]))
            rows.append(acc)
        r = moveaxis(stack(rows), 0, axis) if rows else a
    if out is not None:
        out[...] = r
        return out
    return r


def _ufunc_outer(uf, A, B, **kwargs):
    """ufunc.outer(A, B): the ufunc applied to every pair (a, b) of A's and B's elements; the
    result has shape A.shape + B.shape.

    >>> np.multiply.outer([1, 2, 3], [1, 10])
    array([[ 1, 10],
           [ 2, 20],
           [ 3, 30]])
    """
    _ufunc_need_binary(uf, "outer")
    a = asarray(A)
    b = asarray(B)
    return uf(reshape(a, a.shape + (1,) * b.ndim), b, **kwargs)


def _ufunc_at(uf, a, indices, b=None, inplace=True):
    """ufunc.at(a, indices, b=None)

    Unbuffered in-place operation: `np.add.at(a, idx, b)` adds b at idx, and an index that
    appears twice is added to twice (unlike `a[idx] += b`). numpy arrays are changed in place
    (returns None); under jax.numpy, pass inplace=False and use the returned array.

    >>> a = np.zeros(3); np.add.at(a, [0, 0, 2], 1.0); a
    array([2., 0., 1.])
    """
    name = uf.__name__
    if _jax and inplace:
        # help: JAX arrays are immutable: write x = jnp.add.at(x, idx, v, inplace=False)
        raise NotImplementedError("jax.numpy.ufunc.at() does not support inplace=True; use inplace=False")
    if not _jax and not _py.isinstance(a, ndarray):
        # help: pass a numpy array (np.asarray(x)) to change it in place
        raise TypeError(f"{name}.at: the first argument must be a numpy array, not {_py.type(a).__name__}")
    if uf.nin == 1:
        if b is not None:
            # help: a unary ufunc's at takes only the array and the indices: np.negative.at(a, idx)
            raise ValueError(f"{name}.at: a unary ufunc takes no values")
        if _py.isinstance(indices, ndarray) or _is_seq(indices):
            idx = ravel(asarray(indices))
            if idx.dtype.kind in "iu" and unique(idx).size != idx.size:
                # help: apply the ufunc once per distinct index, or use a loop
                raise NotImplementedError(f"{name}.at with repeated indices is not supported in Slope")
        r = a.at[indices].set(uf(a[indices]))
    else:
        if b is None:
            # help: pass the values: np.add.at(a, indices, b)
            raise ValueError("second operand needed for ufunc")
        if name == "add":
            r = a.at[indices].add(b)
        elif name == "subtract":
            r = a.at[indices].add(negative(asarray(b)))
        elif name == "multiply":
            r = a.at[indices].multiply(b)
        elif name == "maximum":
            r = a.at[indices].max(b)
        elif name == "minimum":
            r = a.at[indices].min(b)
        else:
            if _py.isinstance(indices, ndarray) or _is_seq(indices):
                idx = ravel(asarray(indices))
                if idx.dtype.kind in "iu" and unique(idx).size != idx.size:
                    # help: use np.add/np.multiply/np.maximum/np.minimum.at, or a loop
                    raise NotImplementedError(f"{name}.at with repeated indices is not supported in Slope")
            r = a.at[indices].set(uf(a[indices], b))
    if _jax:
        return r
    a[...] = r


def _ufunc_reduceat(uf, array, indices, axis=0, dtype=None, out=None):
    """ufunc.reduceat(array, indices, axis=0, dtype=None, out=None)

    Reduce over the slices array[indices[i]:indices[i+1]] along `axis` (the last slice runs to
    the end; where indices[i] >= indices[i+1], the result is array[indices[i]]).

    >>> np.add.reduceat(np.arange(8), [0, 4, 1, 5])
    array([ 6,  4, 10, 18])
    """
    name = uf.__name__
    _ufunc_need_binary(uf, "reduceat")
    a = asarray(array)
    if dtype is not None:
        a = a.astype(dtype)
    axis = _norm_axis(axis, a.ndim)
    idx = [_py.int(i) for i in ravel(asarray(indices)).tolist()]
    m = moveaxis(a, axis, 0)
    n = m.shape[0]
    rows = []
    for j, i in _py.enumerate(idx):
        if i < 0 or i >= n:
            # help: every index must be in [0, len(array) along axis)
            raise IndexError(f"index {i} out-of-bounds in {name}.reduceat [0, {n})")
        end = idx[j + 1] if j + 1 < _py.len(idx) else n
        if i < end:
            rows.append(asarray(_ufunc_reduce(uf, m[i:end], axis=0)).astype(a.dtype))
        else:
            rows.append(m[i])
    r = moveaxis(stack(rows), 0, axis)
    if out is not None:
        out[...] = r
        return out
    return r


def _count(x, axes):
    """The number of elements of `x` reduced over `axes`."""
    n = 1
    for a in axes:
        n = n * x.shape[a]
    return n


def _slice_axis(a, axis, start, stop):
    """`a[..., start:stop, ...]` along `axis` with Python's slicing rules for the bounds."""
    n = a.shape[axis]
    if start < 0:
        start = _py.max(start + n, 0)
    if stop < 0:
        stop = _py.max(stop + n, 0)
    start = _py.min(start, n)
    stop = _py.max(_py.min(stop, n), start)
    lo = [0] * a.ndim
    hi = _py.list(a.shape)
    lo[axis] = start
    hi[axis] = stop
    return _bind("slice", a, start=lo, limit=hi, stride=[1] * a.ndim)


def _common_dtype(*arrays):
    """The dtype numpy's promotion gives for combining the arrays (as in `a + b`)."""
    r = zeros((), dtype=arrays[0].dtype)
    for x in arrays[1:]:
        r = r + zeros((), dtype=x.dtype)
    return r.dtype


def broadcast_shapes(*shapes):
    """Broadcast the input shapes into a single shape.

    broadcast_shapes(*shapes)
    """
    nd = _py.max([0] + [_py.len(s) for s in shapes])
    out = [1] * nd
    for s in shapes:
        s = [1] * (nd - _py.len(s)) + _py.list(s)
        for i in _py.range(nd):
            if s[i] != 1:
                if out[i] != 1 and out[i] != s[i]:
                    # help: two sizes broadcast when they are equal or one of them is 1; reshape or
                    # add axes with None so the sizes line up
                    raise ValueError(f"shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between {_py.tuple(out)} and {_py.tuple(s)}.")
                out[i] = s[i]
    return _py.tuple(out)


def broadcast_arrays(*args):
    """Broadcast any number of arrays against each other.

    broadcast_arrays(*args)
    """
    arrs = [asarray(a) for a in args]
    shape = broadcast_shapes(*[a.shape for a in arrs])
    out = [broadcast_to(a, shape) for a in arrs]
    return out if _jax else _py.tuple(out)


# ---------------------------------------------------------------------------------------------
# Array creation.


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    """Return evenly spaced numbers over a specified interval.

    linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)
    """
    if num < 0:
        # help: num is how many points linspace returns: 0 or more
        raise ValueError(f"Number of samples, {num}, must be non-negative.")
    div = (num - 1) if endpoint else num
    start = _to_float(start)
    stop = _to_float(stop)
    dt = _common_dtype(start, stop)
    start = start.astype(dt)
    stop = stop.astype(dt)
    delta = stop - start
    step = delta / div if div > 0 else nan
    if _jax and num > 1:
        # jax.numpy's formula: start * (1 - t) + stop * t with t = i / div, then stop appended.
        t = (arange(0, div).astype(dt) / div).reshape((-1,) + (1,) * delta.ndim)
        y = start * (1 - t) + stop * t
        if endpoint:
            y = concatenate([y, stop.reshape((1,) + stop.shape)], axis=0)
    else:
        # numpy's formula: start + i * step, with the last value exactly stop.
        y = arange(0, num).astype(dt).reshape((-1,) + (1,) * delta.ndim)
        if div > 0:
            # Tiny (denormal) steps: divide first, then scale, as numpy does.
            y = where(step == 0, y / div * delta, y * step)
        else:
            y = y * delta
        y = y + start
        if endpoint and num > 1:
            y = y.at[-1].set(stop)
    if axis != 0:
        y = moveaxis(y, 0, axis)
    if dtype is not None:
        y = asarray(y)
        if y.astype(dtype).dtype.kind != "f":
            y = floor(y)
        y = y.astype(dtype)
    if retstep:
        return y, step
    return y


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    """Return numbers spaced evenly on a log scale.

    logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0)
    """
    y = power(base, linspace(start, stop, num=num, endpoint=endpoint, axis=axis))
    if dtype is not None:
        y = y.astype(dtype)
    return y


def eye(N, M=None, k=0, dtype=float):
    """Return a 2-D array with ones on the diagonal and zeros elsewhere.

    eye(N, M=None, k=0, dtype=float)
    """
    if M is None:
        M = N
    rows = _bind("iota", shape=(N, M), axis=0)
    cols = _bind("iota", shape=(N, M), axis=1)
    return (rows + k == cols).astype(dtype)


def identity(n, dtype=None):
    """Return the identity array: a square array with ones on the main diagonal.

    identity(n, dtype=None)
    """
    return eye(n, dtype=float if dtype is None else dtype)


def tri(N, M=None, k=0, dtype=float):
    """An array with ones at and below the given diagonal and zeros elsewhere.

    tri(N, M=None, k=0, dtype=float)
    """
    if M is None:
        M = N
    rows = _bind("iota", shape=(N, M), axis=0)
    cols = _bind("iota", shape=(N, M), axis=1)
    return (cols <= rows + k).astype(dtype)


def tril(m, k=0):
    """Lower triangle of an array: the elements above the k-th diagonal zeroed.

    tril(m, k=0)
    """
    m = asarray(m)
    mask = tri(m.shape[-2], m.shape[-1], k=k, dtype=bool_)
    return where(mask, m, zeros((), dtype=m.dtype))


def triu(m, k=0):
    """Upper triangle of an array: the elements below the k-th diagonal zeroed.

    triu(m, k=0)
    """
    m = asarray(m)
    mask = tri(m.shape[-2], m.shape[-1], k=k - 1, dtype=bool_)
    return where(mask, zeros((), dtype=m.dtype), m)


def meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    """Return a tuple of coordinate matrices from coordinate vectors.

    meshgrid(*xi, copy=True, sparse=False, indexing='xy')
    """
    if indexing not in ("xy", "ij"):
        # help: use indexing='xy' (the default, Cartesian) or indexing='ij' (matrix)
        raise ValueError("Valid values for `indexing` are 'xy' and 'ij'.")
    ndim = _py.len(xi)
    xs = [ravel(x) for x in xi]
    shapes = []
    for i in _py.range(ndim):
        s = [1] * ndim
        s[i] = xs[i].shape[0]
        shapes.append(s)
    if indexing == "xy" and ndim > 1:
        # Cartesian indexing swaps the first two axes.
        for s in shapes:
            s[0], s[1] = s[1], s[0]
    out = [xs[i].reshape(shapes[i]) for i in _py.range(ndim)]
    if not sparse:
        full_shape = [1] * ndim
        for s in shapes:
            for j in _py.range(ndim):
                full_shape[j] = _py.max(full_shape[j], s[j])
        out = [broadcast_to(o, full_shape) for o in out]
    return _py.tuple(out)


def copy(a):
    """Return an array copy of the given object (arrays are values in Slope).

    copy(a)
    """
    return asarray(a)


# ---------------------------------------------------------------------------------------------
# Elementwise math.


def square(x):
    """Return the element-wise square of the input.

    square(x)
    """
    return multiply(x, x)


def reciprocal(x):
    """Return the reciprocal of the argument, element-wise.

    reciprocal(x)
    """
    x = asarray(x)
    if _is_float(x):
        return divide(1, x)
    # Integer reciprocal truncates: only 1 and -1 have a nonzero result.
    return where(abs(x) == 1, x, zeros((), dtype=x.dtype))


def exp2(x):
    """Calculate 2**p for all p in the input array.

    exp2(x)
    """
    return power(2, _to_float(x))


def _log_base(x, base):
    """log(x) / log(base), made exact where x is an exact power of the base."""
    x = _to_float(x)
    r = log(x) * (1.0 / (0.6931471805599453 if base == 2.0 else 2.302585092994046))
    k = rint(r)
    return where(power(base, k) == x, k, r)


def log2(x):
    """Base-2 logarithm of x.

    log2(x)
    """
    return _log_base(x, 2.0)


def log10(x):
    """Return the base 10 logarithm of the input array, element-wise.

    log10(x)
    """
    return _log_base(x, 10.0)


def cbrt(x):
    """Return the cube-root of an array, element-wise.

    cbrt(x)
    """
    x = _to_float(x)
    a = abs(x)
    y = power(a, 1.0 / 3.0)
    # One Newton step makes exact cubes come out exact.
    good = (y > 0) & (y < inf)
    ys = where(good, y, 1.0)
    y = where(good, ys - (ys * ys * ys - a) / (3.0 * ys * ys), y)
    return sign(x) * y


def deg2rad(x):
    """Convert angles from degrees to radians.

    deg2rad(x)
    """
    return _to_float(x) * (pi / 180.0)


def rad2deg(x):
    """Convert angles from radians to degrees.

    rad2deg(x)
    """
    return _to_float(x) * (180.0 / pi)


radians = deg2rad
degrees = rad2deg


def hypot(x1, x2):
    """Given the "legs" of a right triangle, return its hypotenuse.

    hypot(x1, x2)
    """
    x1 = _to_float(x1)
    x2 = _to_float(x2)
    return sqrt(x1 * x1 + x2 * x2)


def isnan(x):
    """Test element-wise for NaN and return result as a boolean array.

    isnan(x)
    """
    x = asarray(x)
    return not_equal(x, x)


def isinf(x):
    """Test element-wise for positive or negative infinity.

    isinf(x)
    """
    x = asarray(x)
    if not _is_float(x):
        return zeros(x.shape, dtype=bool_)
    return abs(x) == inf


def isfinite(x):
    """Test element-wise for finiteness (not infinity and not Not a Number).

    isfinite(x)
    """
    x = asarray(x)
    if not _is_float(x):
        return ones(x.shape, dtype=bool_)
    return abs(x) < inf


def isposinf(x):
    """Test element-wise for positive infinity.

    isposinf(x)
    """
    return isinf(x) & (asarray(x) > 0)


def isneginf(x):
    """Test element-wise for negative infinity.

    isneginf(x)
    """
    return isinf(x) & (asarray(x) < 0)


def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    """Replace NaN with zero and infinity with large finite numbers.

    nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None)
    """
    x = asarray(x)
    if not _is_float(x):
        return x
    big = 3.4028234663852886e38 if x.dtype == float32 else 1.7976931348623157e308
    hi = big if posinf is None else posinf
    lo = -big if neginf is None else neginf
    x = where(isnan(x), nan, x)
    x = where(isposinf(x), hi, x)
    return where(isneginf(x), lo, x)


def _ufunc_out(r, out, mask):
    """numpy's `out=` and `where=` for the ufuncs written here: r written into out in place
    (elements where the mask is false keep out's value) and out returned."""
    if _py.isinstance(out, _py.tuple):
        out = out[0]
    if mask is not True:
        r = where(mask, r, out if out is not None else zeros_like(r))
    if out is None:
        return r
    if _jax:
        # help: JAX arrays are immutable: use the returned array
        raise TypeError("JAX arrays are immutable, so out= is not supported")
    out[...] = r
    return out


def logical_not(x, out=None, where=True):
    """Compute the truth value of NOT x element-wise.

    logical_not(x, out=None, where=True)
    """
    return _ufunc_out(invert(asarray(x).astype(bool_)), out, where)


def put(a, ind, v, mode="raise"):
    """put(a, ind, v, mode='raise'): a.flat[ind] = v, in place (v repeats to fill ind).

    >>> a = np.arange(5); np.put(a, [0, 2], [-44, -55]); print(a)
    [-44   1 -55   3   4]
    """
    if _jax:
        # help: JAX arrays are immutable: use a.ravel().at[ind].set(v).reshape(a.shape)
        raise NotImplementedError("jax.numpy.put() is not supported: JAX arrays are immutable")
    flat = a.reshape(-1)
    idx = ravel(asarray(ind))
    n = flat.shape[0]
    if mode == "wrap":
        idx = idx % n
    elif mode == "clip":
        idx = clip(idx, 0, n - 1)
    vals = ravel(asarray(v))
    if vals.size == 0 or idx.size == 0:
        return None
    if vals.size != idx.size:
        vals = take(vals, arange(idx.size) % vals.size)
    flat[idx] = vals
    return None


def ascontiguousarray(a, dtype=None):
    """ascontiguousarray(a, dtype=None): the array (Slope's arrays are always contiguous), at
    least 1-d."""
    return atleast_1d(asarray(a, dtype=dtype))


def asfortranarray(a, dtype=None):
    """asfortranarray(a, dtype=None): the array (Slope has one memory layout), at least 1-d."""
    return atleast_1d(asarray(a, dtype=dtype))


_ERR = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}


def seterr(all=None, divide=None, over=None, under=None, invalid=None):
    """seterr(all=None, divide=None, over=None, under=None, invalid=None): set how floating-point
    errors are treated and return the old settings. Slope never warns on them (results follow
    IEEE arithmetic, as numpy's do), so the settings are only remembered."""
    old = _py.dict(_ERR)
    for k, v in (("divide", divide), ("over", over), ("under", under), ("invalid", invalid)):
        v = all if v is None else v
        if v is not None:
            if v not in ("ignore", "warn", "raise", "call", "print", "log"):
                # help: use 'ignore', 'warn', 'raise', 'call', 'print' or 'log'
                raise ValueError(f"invalid error mode {v!r}")
            _ERR[k] = v
    return old


def geterr():
    """geterr(): the current floating-point error settings (see seterr)."""
    return _py.dict(_ERR)


class errstate:
    """errstate(**kwargs): a context manager that sets floating-point error handling (seterr's
    arguments) for its block."""

    def __init__(self, **kwargs):
        self._kw = kwargs

    def __enter__(self):
        self._old = seterr(**self._kw)

    def __exit__(self, *exc):
        seterr(**self._old)
        return False


def fmax(x1, x2):
    """Element-wise maximum of array elements, ignoring NaNs.

    fmax(x1, x2)
    """
    m = maximum(x1, x2)
    m = where(isnan(asarray(x1)), x2, m)
    return where(isnan(asarray(x2)), x1, m)


def fmin(x1, x2):
    """Element-wise minimum of array elements, ignoring NaNs.

    fmin(x1, x2)
    """
    m = minimum(x1, x2)
    m = where(isnan(asarray(x1)), x2, m)
    return where(isnan(asarray(x2)), x1, m)


def clip(a, a_min=None, a_max=None, out=None, min=None, max=None):
    """Clip (limit) the values in an array.

    clip(a, a_min=None, a_max=None, out=None, *, min=None, max=None)
    """
    if min is not None:
        a_min = min
    if max is not None:
        a_max = max
    if a_min is None and a_max is None:
        # help: pass a lower bound, an upper bound or both: clip(a, 0, 1) or clip(a, None, 1)
        raise ValueError("One of max or min must be given")
    r = asarray(a)
    if a_min is not None:
        r = maximum(r, a_min)
    if a_max is not None:
        r = minimum(r, a_max)
    return _ufunc_out(r, out, True)


def round(a, decimals=0, out=None):
    """Evenly round to the given number of decimals.

    round(a, decimals=0, out=None)
    """
    if out is not None:
        return _ufunc_out(round(a, decimals), out, True)
    x = asarray(a)
    if not _is_float(x):
        if decimals >= 0:
            return x
        # Rounding integers to tens, hundreds, ...: compute in floats, come back to ints.
        f = 10.0 ** (-decimals)
        return (rint(x.astype(float64) / f) * f).astype(x.dtype)
    if decimals == 0:
        return rint(x)
    if _jax:
        # jax.numpy always multiplies by 10**decimals, then divides by it.
        f = 10.0 ** decimals
        return rint(x * f) / f
    if decimals > 0:
        f = 10.0 ** decimals
        return rint(x * f) / f
    f = 10.0 ** (-decimals)
    return rint(x / f) * f


around = round


def fix(x):
    """Round to nearest integer towards zero.

    fix(x)
    """
    x = asarray(x)
    return where(x < 0, ceil(x), floor(x))


trunc = fix


def heaviside(x1, x2):
    """Compute the Heaviside step function.

    heaviside(x1, x2)
    """
    x1 = _to_float(x1)
    return where(x1 < 0, 0.0, where(x1 > 0, 1.0, x2 + zeros_like(x1)))


def sinc(x):
    """Return the normalized sinc function sin(pi x) / (pi x).

    sinc(x)
    """
    x = _to_float(x)
    y = pi * where(x == 0, 1.0e-20, x)
    return sin(y) / y


# ---------------------------------------------------------------------------------------------
# Shape manipulation.


def ravel(a, order="C"):
    """Return a contiguous flattened array.

    ravel(a, order='C')
    order: 'C' (last index fastest), 'F' (first index fastest), 'A' or 'K' (memory order).
    """
    if order is None or order == "C":
        return reshape(asarray(a), (-1,))
    return _reshape_order(asarray(a), (-1,), order)


_pad_constant = pad


def _pad_pairs(pad_width, nd, what="pad_width"):
    # (before, after) per axis from an int, a pair, one pair per axis, or {axis: width}.
    if _py.isinstance(pad_width, _py.dict):
        out = [(0, 0)] * nd
        for ax, w in pad_width.items():
            ax = _py.int(ax)
            if ax < -nd or ax >= nd:
                raise ValueError(f"axis {ax} is out of bounds for array of dimension {nd}")
            out[ax % nd] = _pad_pairs(w, 1, what)[0]
        return out
    w = asarray(pad_width)
    if w.dtype.kind not in "iub":
        # help: pad widths are whole numbers of elements
        raise TypeError("`pad_width` must be of integral type.")
    w = w.astype(int64)
    if w.ndim == 0:
        w = w.reshape(1, 1)
    elif w.ndim == 1:
        w = w.reshape(1, -1) if w.shape[0] == 2 else w.reshape(-1, 1)
    if w.shape[1] == 1:
        w = concatenate([w, w], axis=1)
    if w.shape[0] == 1:
        w = broadcast_to(w, (nd, 2))
    if w.shape != (nd, 2):
        raise ValueError(f"operands could not be broadcast together with remapped shapes [original->remapped]: {tuple(asarray(pad_width).shape)} and requested shape ({nd}, 2)")
    pairs = [(_py.int(w[i, 0]), _py.int(w[i, 1])) for i in _py.range(nd)]
    for b, e in pairs:
        if b < 0 or e < 0:
            # help: pad widths are 0 or more
            raise ValueError("index can't contain negative values")
    return pairs


def _pad_source(i, n, mode):
    # The index of the element of a length-n axis that padding position i copies.
    if mode == "edge":
        return _py.min(_py.max(i, 0), n - 1)
    if mode == "wrap":
        return i % n
    if mode == "reflect":
        if n == 1:
            return 0
        j = i % (2 * n - 2)
        return 2 * n - 2 - j if j >= n else j
    j = i % (2 * n)  # symmetric
    return 2 * n - 1 - j if j >= n else j


def _pad_axis(x, ax, before, after, mode, kw):
    # x padded along one axis in one of numpy's modes other than 'constant'.
    n = x.shape[ax]
    if before == 0 and after == 0:
        return x
    if mode in ("edge", "wrap", "reflect", "symmetric"):
        if n == 0:
            raise ValueError(f"can't extend empty axis {ax} using modes other than 'constant' or 'empty'")
        idx = [_pad_source(i, n, mode) for i in _py.range(-before, n + after)]
        out = take(x, asarray(idx), axis=ax)
        if mode in ("reflect", "symmetric") and kw.get("reflect_type", "even") == "odd":
            # Odd reflection: 2·edge − the even reflection, on each side.
            first = take(x, asarray([0]), axis=ax)
            last = take(x, asarray([n - 1]), axis=ax)
            pos = asarray(_py.list(_py.range(-before, n + after))).reshape([-1 if k == ax else 1 for k in _py.range(x.ndim)])
            out = _np_where(pos < 0, 2 * first - out, _np_where(pos >= n, 2 * last - out, out))
        return out.astype(x.dtype)
    shape_b = _py.list(x.shape)
    shape_b[ax] = before
    shape_a = _py.list(x.shape)
    shape_a[ax] = after
    if mode == "empty":
        return concatenate([zeros(shape_b, x.dtype), x, zeros(shape_a, x.dtype)], axis=ax)
    if mode in ("maximum", "minimum", "mean", "median"):
        if n == 0:
            raise ValueError(f"can't extend empty axis {ax} using modes other than 'constant' or 'empty'")
        sl = kw.get("stat_length", None)
        lb, la = (n, n) if sl is None else _pad_pairs(sl, x.ndim, "stat_length")[ax]
        lb, la = _py.max(_py.min(lb, n), 1), _py.max(_py.min(la, n), 1)
        f = {"maximum": amax, "minimum": amin, "mean": mean, "median": median}[mode]
        left = f(take(x, asarray(_py.list(_py.range(lb))), axis=ax), axis=ax, keepdims=True)
        right = f(take(x, asarray(_py.list(_py.range(n - la, n))), axis=ax), axis=ax, keepdims=True)
        if x.dtype.kind in "iub" and mode in ("mean", "median"):
            left, right = rint(left), rint(right)
        return concatenate([broadcast_to(left, shape_b).astype(x.dtype), x, broadcast_to(right, shape_a).astype(x.dtype)], axis=ax)
    if mode == "linear_ramp":
        ev = _pad_pairs_values(kw.get("end_values", 0), x.ndim)
        e0, e1 = ev[ax]
        first = take(x, asarray([0]), axis=ax).astype(float64)
        last = take(x, asarray([n - 1]), axis=ax).astype(float64)
        r = [1 if k != ax else -1 for k in _py.range(x.ndim)]
        tb = (arange(before, dtype=float64) / _py.max(before, 1)).reshape(r)
        ta = (arange(after - 1, -1, -1, dtype=float64) / _py.max(after, 1)).reshape(r)
        left = e0 + (first - e0) * tb
        right = e1 + (last - e1) * ta
        if x.dtype.kind in "iub":
            left, right = rint(left), rint(right)
        return concatenate([left.astype(x.dtype), x, right.astype(x.dtype)], axis=ax)
    # help: mode is one of 'constant', 'edge', 'linear_ramp', 'maximum', 'mean', 'median', 'minimum', 'reflect', 'symmetric', 'wrap', 'empty' or a function
    raise ValueError(f"mode '{mode}' is not supported")


def pad(array, pad_width, mode="constant", **kwargs):
    """Pad an array.

    pad(array, pad_width, mode='constant', **kwargs)
    pad_width: n, (before, after), one pair per axis, or {axis: width}. mode: 'constant'
    (constant_values), 'edge', 'linear_ramp' (end_values), 'maximum', 'mean', 'median',
    'minimum' (stat_length), 'reflect', 'symmetric' (reflect_type), 'wrap', 'empty', or a
    function f(vector, iaxis_pad_width, iaxis, kwargs) that fills the padded vector in place.

    >>> print(np.pad(np.array([1, 2, 3]), (2, 1), mode='edge'))
    [1 1 1 2 3 3]
    """
    x = asarray(array)
    pairs = _pad_pairs(pad_width, x.ndim)
    allowed = {"constant": ["constant_values"], "edge": [], "wrap": [], "empty": [], "reflect": ["reflect_type"], "symmetric": ["reflect_type"], "maximum": ["stat_length"], "minimum": ["stat_length"], "mean": ["stat_length"], "median": ["stat_length"], "linear_ramp": ["end_values"]}
    if _py.callable(mode):
        if _jax:
            raise NotImplementedError("jnp.pad with a function as mode is not supported in Slope")
        out = _pad_constant(x, pairs, constant_values=0)
        for ax in _py.range(x.ndim):
            other = [_py.range(out.shape[k]) if k != ax else [_py.slice(None)] for k in _py.range(x.ndim)]
            for idx in _itertools_product(*other):
                mode(out[_py.tuple(idx)], pairs[ax], ax, kwargs)
        return out
    if mode not in allowed:
        raise ValueError(f"mode '{mode}' is not supported")
    for k in kwargs:
        if k not in allowed[mode]:
            raise ValueError(f"unsupported keyword arguments for mode '{mode}': {{'{k}'}}")
    if mode == "constant":
        cv = kwargs.get("constant_values", 0)
        cva = asarray(cv)
        if cva.ndim == 0:
            return _pad_constant(x, pairs, constant_values=cv)
        cvp = _pad_pairs_values(cv, x.ndim)
        for ax in _py.range(x.ndim):
            b, e = pairs[ax]
            w = [(0, 0)] * x.ndim
            w[ax] = (b, 0)
            x = _pad_constant(x, w, constant_values=cvp[ax][0])
            w[ax] = (0, e)
            x = _pad_constant(x, w, constant_values=cvp[ax][1])
        return x
    for ax in _py.range(x.ndim):
        x = _pad_axis(x, ax, pairs[ax][0], pairs[ax][1], mode, kwargs)
    return x


def _pad_pairs_values(v, nd):
    # constant_values / end_values as (before, after) per axis (numbers, not widths).
    v = asarray(v)
    if v.ndim == 1:
        v = v.reshape(1, -1) if v.shape[0] == 2 else v.reshape(-1, 1)
    if v.ndim == 0:
        v = v.reshape(1, 1)
    if v.shape[1] == 1:
        v = concatenate([v, v], axis=1)
    v = broadcast_to(v, (nd, 2))
    return [(v[i, 0], v[i, 1]) for i in _py.range(nd)]


def _itertools_product(*seqs):
    out = [()]
    for s in seqs:
        out = [p + (x,) for p in out for x in s]
    return out


def expand_dims(a, axis):
    """Expand the shape of an array: insert new axes of length one.

    expand_dims(a, axis)
    """
    a = asarray(a)
    axes = axis if _is_seq(axis) else [axis]
    nd = a.ndim + _py.len(axes)
    axes = _norm_axes(_py.list(axes), nd)
    shape = []
    j = 0
    for i in _py.range(nd):
        if i in axes:
            shape.append(1)
        else:
            shape.append(a.shape[j])
            j = j + 1
    return reshape(a, shape)


def squeeze(a, axis=None):
    """Remove axes of length one from a.

    squeeze(a, axis=None)
    """
    a = asarray(a)
    if axis is None:
        return reshape(a, [d for d in a.shape if d != 1])
    axes = _norm_axes(axis, a.ndim)
    for ax in axes:
        if a.shape[ax] != 1:
            # help: squeeze removes only axes of length 1; leave axis out to remove all of them
            raise ValueError("cannot select an axis to squeeze out which has size not equal to one")
    return reshape(a, [a.shape[i] for i in _py.range(a.ndim) if i not in axes])


def swapaxes(a, axis1, axis2):
    """Interchange two axes of an array.

    swapaxes(a, axis1, axis2)
    """
    a = asarray(a)
    i = _norm_axis(axis1, a.ndim)
    j = _norm_axis(axis2, a.ndim)
    perm = _py.list(_py.range(a.ndim))
    perm[i] = j
    perm[j] = i
    return transpose(a, perm)


def moveaxis(a, source, destination):
    """Move axes of an array to new positions.

    moveaxis(a, source, destination)
    """
    a = asarray(a)
    src = _norm_axes(source, a.ndim)
    dst = _norm_axes(destination, a.ndim)
    if _py.len(src) != _py.len(dst):
        # help: give as many destination axes as source axes
        raise ValueError("`source` and `destination` arguments must have the same number of elements")
    order = [n for n in _py.range(a.ndim) if n not in src]
    pairs = _py.sorted(_py.zip(dst, src))
    for d, s in pairs:
        order.insert(d, s)
    return transpose(a, order)


def rollaxis(a, axis, start=0):
    """Roll the specified axis backwards, until it lies in a given position.

    rollaxis(a, axis, start=0)
    """
    a = asarray(a)
    n = a.ndim
    axis = _norm_axis(axis, n)
    if start < 0:
        start = start + n
    if start > axis:
        start = start - 1
    return moveaxis(a, axis, start)


def atleast_1d(*arys):
    """Convert inputs to arrays with at least one dimension.

    atleast_1d(*arys)
    """
    out = []
    for a in arys:
        a = asarray(a)
        out.append(a.reshape(1) if a.ndim == 0 else a)
    return out[0] if _py.len(out) == 1 else (out if _jax else _py.tuple(out))


def atleast_2d(*arys):
    """View inputs as arrays with at least two dimensions.

    atleast_2d(*arys)
    """
    out = []
    for a in arys:
        a = asarray(a)
        if a.ndim == 0:
            a = a.reshape(1, 1)
        elif a.ndim == 1:
            a = a.reshape(1, a.shape[0])
        out.append(a)
    return out[0] if _py.len(out) == 1 else (out if _jax else _py.tuple(out))


def atleast_3d(*arys):
    """View inputs as arrays with at least three dimensions.

    atleast_3d(*arys)
    """
    out = []
    for a in arys:
        a = asarray(a)
        if a.ndim == 0:
            a = a.reshape(1, 1, 1)
        elif a.ndim == 1:
            a = a.reshape(1, a.shape[0], 1)
        elif a.ndim == 2:
            a = a.reshape(a.shape[0], a.shape[1], 1)
        out.append(a)
    return out[0] if _py.len(out) == 1 else (out if _jax else _py.tuple(out))


def stack(arrays, axis=0):
    """Join a sequence of arrays along a new axis.

    stack(arrays, axis=0)
    """
    arrays = [asarray(a) for a in arrays]
    if _py.len(arrays) == 0:
        # help: pass a non-empty list of arrays
        raise ValueError("need at least one array to stack")
    for i in _py.range(1, _py.len(arrays)):
        if arrays[i].shape != arrays[0].shape:
            # numpy's message names no shapes: Slope adds the first two that differ. JAX's does.
            if _jax:
                msg = "All input arrays must have the same shape. Got " + ", ".join([f"{a.shape}" for a in arrays]) + "."
            else:
                msg = f"all input arrays must have the same shape: {arrays[0].shape} at 0, {arrays[i].shape} at {i}"
            # help: stack puts arrays of one shape side by side along a new axis; to join arrays
            # end to end along an existing axis use concatenate, or pad or slice them to one shape
            raise ValueError(msg)
    ax = _norm_axis(axis, arrays[0].ndim + 1)
    return concatenate([expand_dims(a, ax) for a in arrays], axis=ax)


def vstack(tup):
    """Stack arrays in sequence vertically (row wise).

    vstack(tup)
    """
    return concatenate([atleast_2d(a) for a in tup], axis=0)


row_stack = vstack


def hstack(tup):
    """Stack arrays in sequence horizontally (column wise).

    hstack(tup)
    """
    arrs = [atleast_1d(a) for a in tup]
    if _py.len(arrs) > 0 and arrs[0].ndim == 1:
        return concatenate(arrs, axis=0)
    return concatenate(arrs, axis=1)


def dstack(tup):
    """Stack arrays in sequence depth wise (along third axis).

    dstack(tup)
    """
    return concatenate([atleast_3d(a) for a in tup], axis=2)


def column_stack(tup):
    """Stack 1-D arrays as columns into a 2-D array.

    column_stack(tup)
    """
    arrs = []
    for a in tup:
        a = asarray(a)
        if a.ndim < 2:
            a = atleast_1d(a).reshape(-1, 1)
        arrs.append(a)
    return concatenate(arrs, axis=1)


def _block_depth(x, index):
    # The depth of nested lists in np.block's argument (numpy's rules and messages).
    if _py.isinstance(x, tuple):
        raise TypeError(f"{index} is a tuple. Only lists can be used to arrange blocks, and np.block does not allow implicit conversion from tuple to ndarray.")
    if not _py.isinstance(x, list):
        return 0
    if _py.len(x) == 0:
        raise ValueError(f"List at {index} cannot be empty")
    depths = [_block_depth(e, f"{index}[{i}]") for i, e in _py.enumerate(x)]
    for i, d in _py.enumerate(depths):
        if d != depths[0]:
            # help: nest every block of one level in the same number of lists
            raise ValueError(f"List depths are mismatched. First element was at depth {depths[0] + 1}, but there is an element at depth {d + 1} ({index}[{i}])")
    return depths[0] + 1


def block(arrays):
    """Assemble an array from nested lists of blocks.

    block(arrays)

    The innermost lists are joined along the last axis, the lists holding them along the one
    before it, and so on; blocks of fewer dimensions get leading axes of length 1.
    """
    depth = _block_depth(arrays, "arrays")

    def leaves(x):
        return [a for e in x for a in leaves(e)] if _py.isinstance(x, list) else [asarray(x)]

    ndim = _py.max([depth] + [a.ndim for a in leaves(arrays)])

    def build(x, level):
        if level == depth:
            a = asarray(x)
            return a.reshape((1,) * (ndim - a.ndim) + a.shape)
        parts = [build(e, level + 1) for e in x]
        return parts[0] if _py.len(parts) == 1 else concatenate(parts, axis=level - depth)

    out = build(arrays, 0)
    return out if depth > 0 else array(out)


def array_split(ary, indices_or_sections, axis=0):
    """Split an array into multiple sub-arrays (sections need not divide equally).

    array_split(ary, indices_or_sections, axis=0)
    """
    ary = asarray(ary)
    ax = _norm_axis(axis, ary.ndim)
    n = ary.shape[ax]
    if _is_seq(indices_or_sections) or _py.isinstance(indices_or_sections, ndarray):
        idx = indices_or_sections
        if _py.isinstance(idx, ndarray):
            idx = idx.tolist()
        bounds = [0] + _py.list(idx) + [n]
    else:
        sections = _py.int(indices_or_sections)
        if sections <= 0:
            # help: split into 1 or more sections
            raise ValueError("number sections must be larger than 0.")
        each, extras = _py.divmod(n, sections)
        bounds = [0]
        for i in _py.range(sections):
            bounds.append(bounds[-1] + each + (1 if i < extras else 0))
    return [_slice_axis(ary, ax, bounds[i], bounds[i + 1]) for i in _py.range(_py.len(bounds) - 1)]


def split(ary, indices_or_sections, axis=0):
    """Split an array into multiple sub-arrays as views into ary.

    split(ary, indices_or_sections, axis=0)
    """
    ary = asarray(ary)
    if not (_is_seq(indices_or_sections) or _py.isinstance(indices_or_sections, ndarray)):
        n = ary.shape[_norm_axis(axis, ary.ndim)]
        if indices_or_sections <= 0 or n % indices_or_sections != 0:
            # help: use array_split for pieces of unequal length, or a list of split indices
            raise ValueError("array split does not result in an equal division")
    return array_split(ary, indices_or_sections, axis)


def hsplit(ary, indices_or_sections):
    """Split an array into multiple sub-arrays horizontally (column-wise).

    hsplit(ary, indices_or_sections)
    """
    ary = asarray(ary)
    return split(ary, indices_or_sections, 1 if ary.ndim > 1 else 0)


def vsplit(ary, indices_or_sections):
    """Split an array into multiple sub-arrays vertically (row-wise).

    vsplit(ary, indices_or_sections)
    """
    return split(ary, indices_or_sections, 0)


def tile(A, reps):
    """Construct an array by repeating A the number of times given by reps.

    tile(A, reps)
    """
    A = asarray(A)
    reps = _py.list(reps) if _is_seq(reps) else [reps]
    d = _py.max(_py.len(reps), A.ndim)
    reps = [1] * (d - _py.len(reps)) + reps
    shape = [1] * (d - A.ndim) + _py.list(A.shape)
    # Interleave (rep, dim) pairs, broadcast the rep axes, then merge each pair.
    inter = []
    big = []
    for r, s in _py.zip(reps, shape):
        inter = inter + [1, s]
        big = big + [r, s]
    x = broadcast_to(A.reshape(inter), big)
    return x.reshape([r * s for r, s in _py.zip(reps, shape)])


def repeat(a, repeats, axis=None):
    """Repeat each element of an array after themselves.

    repeat(a, repeats, axis=None)
    """
    a = asarray(a)
    a, ax = _flat_or_axis(a, axis)
    n = a.shape[ax]
    if _py.isinstance(repeats, ndarray):
        repeats = repeats.tolist()
    if _is_seq(repeats) and _py.len(repeats) == 1:
        repeats = repeats[0]
    if not _is_seq(repeats):
        r = repeats
        if r < 0:
            # help: repeat counts must be 0 or more
            raise ValueError("negative dimensions are not allowed")
        # Insert a new axis after `ax`, broadcast it to r, and merge it into `ax`.
        s = _py.list(a.shape)
        x = a.reshape(s[: ax + 1] + [1] + s[ax + 1 :])
        x = broadcast_to(x, s[: ax + 1] + [r] + s[ax + 1 :])
        return x.reshape(s[:ax] + [n * r] + s[ax + 1 :])
    if _py.len(repeats) != n:
        # help: give one repeat count, or one per element along the axis
        raise ValueError(f"operands could not be broadcast together with shape ({n},) ({_py.len(repeats)},)")
    idx = []
    for i in _py.range(n):
        if repeats[i] < 0:
            # help: repeat counts must be 0 or more
            raise ValueError("repeats may not contain negative values.")
        idx = idx + [i] * repeats[i]
    return take(a, array(idx, dtype=int64), axis=ax)


def flip(m, axis=None):
    """Reverse the order of elements in an array along the given axis.

    flip(m, axis=None)
    """
    m = asarray(m)
    axes = _norm_axes(axis, m.ndim)
    if not _jax and m.ndim > 0:
        # numpy's flip is a view: writes through it reach m.
        return m[_py.tuple(_py.slice(None, None, -1) if i in axes else _py.slice(None) for i in _py.range(m.ndim))]
    return _bind("rev", m, axes=axes)


def fliplr(m):
    """Reverse the order of elements along axis 1 (left/right).

    fliplr(m)
    """
    m = asarray(m)
    if m.ndim < 2:
        # help: fliplr flips the columns of a 2-d (or more) array; for a 1-d array use flip(a) or
        # a[::-1]
        raise ValueError("Input must be >= 2-d.")
    return flip(m, 1)


def flipud(m):
    """Reverse the order of elements along axis 0 (up/down).

    flipud(m)
    """
    m = asarray(m)
    if m.ndim < 1:
        # help: flipud flips along the first axis, which a 0-d array does not have
        raise ValueError("Input must be >= 1-d.")
    return flip(m, 0)


def rot90(m, k=1, axes=(0, 1)):
    """Rotate an array by 90 degrees in the plane specified by axes.

    rot90(m, k=1, axes=(0, 1))
    """
    m = asarray(m)
    k = k % 4
    a0, a1 = axes[0], axes[1]
    if k == 0:
        return m
    if k == 2:
        return flip(flip(m, a0), a1)
    if k == 1:
        return swapaxes(flip(m, a1), a0, a1)
    return flip(swapaxes(m, a0, a1), a1)


def roll(a, shift, axis=None):
    """Roll array elements along a given axis.

    roll(a, shift, axis=None)
    """
    a = asarray(a)
    if axis is None:
        return roll(ravel(a), shift, 0).reshape(a.shape)
    shifts = _py.list(shift) if _is_seq(shift) else [shift]
    axes = _py.list(axis) if _is_seq(axis) else [axis]
    if _py.len(shifts) == 1:
        shifts = shifts * _py.len(axes)
    if _py.len(axes) == 1:
        axes = axes * _py.len(shifts)
    if _py.len(shifts) != _py.len(axes):
        # help: give shift and axis as ints, or as sequences of ints of one length
        raise ValueError("'shift' and 'axis' should be scalars or 1D sequences")
    for s, ax in _py.zip(shifts, axes):
        ax = _norm_axis(ax, a.ndim)
        n = a.shape[ax]
        if n == 0:
            continue
        s = s % n
        if s != 0:
            a = concatenate([_slice_axis(a, ax, n - s, n), _slice_axis(a, ax, 0, n - s)], axis=ax)
    return a


def _flat_list(v):
    """The numbers of a nested list (a `tolist()` result), in order."""
    if not _py.isinstance(v, _py.list):
        return [v]
    out = []
    for x in v:
        out.extend(_flat_list(x))
    return out


def take(a, indices, axis=None, out=None, mode=None, unique_indices=False, indices_are_sorted=False, fill_value=None):
    """Take elements from an array along an axis.

    take(a, indices, axis=None, out=None, mode=None)

    Out-of-bounds indices: numpy raises IndexError (mode='raise', the default), or wraps them
    (mode='wrap') or clips them (mode='clip'); jax.numpy fills them with fill_value (mode='fill',
    the default: NaN for floats, the minimum for ints) or clips them (mode='clip').

    >>> np.take(np.array([10, 20, 30]), [2, 0])
    array([30, 10])
    """
    a = asarray(a)
    a, ax = _flat_or_axis(a, axis)
    idx = asarray(indices)
    if idx.dtype.kind not in ("i", "u"):
        # help: indices must be integers: convert them with .astype(int)
        raise TypeError(f"Cannot cast array data from dtype('{idx.dtype}') to dtype('int64') according to the rule 'safe'")
    n = a.shape[ax]
    if _jax:
        m = "fill" if mode is None else mode
        at_idx = (_py.slice(None),) * ax + (idx,)
        if m in ("fill", "drop"):
            return a.at[at_idx].get(mode="fill", fill_value=fill_value)
        if m in ("clip", "promise_in_bounds"):
            return a.at[at_idx].get(mode="clip")
        if m != "wrap":
            # help: mode is one of 'fill', 'clip', 'wrap' or 'promise_in_bounds'
            raise ValueError(f"Invalid mode: {m!r}")
        idx = idx % n
    else:
        m = "raise" if mode is None else mode
        if m == "raise":
            # Checked where the indices are known (traced ones are clamped when they run).
            try:
                vals = _flat_list(idx.tolist())
            except Exception:
                vals = []
            if vals:
                hi = _py.max(vals)
                lo = _py.min(vals)
                bad = hi if hi >= n else (lo if lo < -n else None)
                if bad is not None:
                    # help: indices along this axis run from -n to n - 1; or pass mode='wrap' or mode='clip'
                    raise IndexError(f"index {bad} is out of bounds for axis {ax} with size {n}")
        elif m == "wrap":
            idx = idx % n
        elif m == "clip":
            idx = clip(idx, 0, n - 1)
        else:
            # help: mode is one of 'raise', 'wrap' or 'clip'
            raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got {m!r})")
    # Negative indices count from the end, as with Python sequences.
    idx = where(idx < 0, idx + n, idx)
    r = _bind("gather", a, idx, axis=ax)
    if out is not None:
        out[...] = r
        return out
    return r


def take_along_axis(arr, indices, axis=-1, mode=None, fill_value=None):
    """Take values from the input array by matching 1d index and data slices.

    take_along_axis(arr, indices, axis=-1, mode=None, fill_value=None)
    Out-of-bounds indices: numpy raises IndexError; jax.numpy fills them with fill_value
    (mode='fill', the default: NaN for floats) or clips them (mode='clip').
    """
    arr = asarray(arr)
    indices = asarray(indices)
    if axis is None:
        if _jax:
            return take(ravel(arr), ravel(indices), mode=mode, fill_value=fill_value)
        return take(ravel(arr), ravel(indices))
    ax = _norm_axis(axis, arr.ndim)
    if indices.ndim != arr.ndim:
        # help: add axes to indices (indices[:, None], say) so that it has arr's number of
        # dimensions
        raise ValueError("`indices` and `arr` must have the same number of dimensions")
    n = arr.shape[ax]
    oob = None
    if _jax:
        m = "fill" if mode is None else mode
        if m not in ("fill", "clip", "promise_in_bounds"):
            # help: mode is one of 'fill', 'clip' or 'promise_in_bounds'
            raise ValueError(f"Invalid mode: {m!r}")
        if m == "fill":
            oob = (indices < -n) | (indices >= n)
        indices = clip(where(indices < 0, indices + n, indices), 0, _py.max(n - 1, 0))
    else:
        try:
            vals = _flat_list(indices.tolist())
        except Exception:
            vals = []
        if vals:
            hi = _py.max(vals)
            lo = _py.min(vals)
            bad = hi if hi >= n else (lo if lo < -n else None)
            if bad is not None:
                # help: indices along this axis run from -n to n - 1
                raise IndexError(f"index {bad} is out of bounds for axis {ax} with size {n}")
    indices = where(indices < 0, indices + n, indices)
    # Index every other axis with a broadcast iota, and this one with `indices`.
    shape = [_py.max(arr.shape[i], indices.shape[i]) if i != ax else indices.shape[i] for i in _py.range(arr.ndim)]
    index = []
    for i in _py.range(arr.ndim):
        if i == ax:
            index.append(broadcast_to(indices, shape))
        else:
            index.append(_bind("iota", shape=shape, axis=i))
    out = arr[_py.tuple(index)]
    if oob is not None:
        if fill_value is None:
            k = arr.dtype.kind
            fill_value = nan if k == "f" else (True if k == "b" else (iinfo(arr.dtype).max if k == "u" else iinfo(arr.dtype).min))
        out = where(broadcast_to(oob, out.shape), asarray(fill_value).astype(arr.dtype), out)
    return out


def diagonal(a, offset=0, axis1=0, axis2=1):
    """Return specified diagonals.

    diagonal(a, offset=0, axis1=0, axis2=1)
    """
    a = asarray(a)
    if a.ndim < 2:
        # help: diagonal reads a 2-d (or more) array; np.diag(v) builds a matrix from a 1-d array
        raise ValueError("diag requires an array of at least two dimensions")
    i1 = _norm_axis(axis1, a.ndim)
    i2 = _norm_axis(axis2, a.ndim)
    if i1 == i2:
        # help: name two different axes
        raise ValueError("axis1 and axis2 cannot be the same")
    x = moveaxis(a, [i1, i2], [-2, -1])
    n = x.shape[-2]
    m = x.shape[-1]
    # The diagonal's positions in the flattened (n*m) trailing block.
    if offset >= 0:
        length = _py.max(0, _py.min(n, m - offset))
        start = offset
    else:
        length = _py.max(0, _py.min(n + offset, m))
        start = -offset * m
    flat = x.reshape(_py.list(x.shape[:-2]) + [n * m])
    idx = arange(length, dtype=int64) * (m + 1) + start
    return _bind("gather", flat, idx, axis=flat.ndim - 1)


def diag(v, k=0):
    """Extract a diagonal or construct a diagonal array.

    diag(v, k=0)
    """
    v = asarray(v)
    if v.ndim == 2:
        return diagonal(v, k)
    if v.ndim != 1:
        # help: diag builds a matrix from a 1-d array or reads the diagonal of a 2-d one; use
        # diagonal for more dimensions
        raise ValueError("Input must be 1- or 2-d.")
    n = v.shape[0] + _py.abs(k)
    fill = zeros((_py.abs(k),), dtype=v.dtype)
    mask = eye(n, k=k, dtype=bool_)
    if k >= 0:
        # Row i holds v[i] at column i + k.
        col = concatenate([v, fill]).reshape(n, 1)
        return where(mask, col, zeros((), dtype=v.dtype))
    # Column j holds v[j] at row j - k.
    row = concatenate([v, fill]).reshape(1, n)
    return where(mask, row, zeros((), dtype=v.dtype))


def diagflat(v, k=0):
    """Create a two-dimensional array with the flattened input as a diagonal.

    diagflat(v, k=0)
    """
    return diag(ravel(v), k)


def trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    """Return the sum along diagonals of the array.

    trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None)
    """
    if out is not None:
        return _ufunc_out(trace(a, offset, axis1, axis2, dtype), out, True)
    return sum(diagonal(a, offset, axis1, axis2), axis=-1, dtype=dtype)


def append(arr, values, axis=None):
    """Append values to the end of an array.

    append(arr, values, axis=None)
    """
    arr = asarray(arr)
    values = asarray(values)
    if axis is None:
        return concatenate([ravel(arr), ravel(values)])
    return concatenate([arr, values], axis=axis)


def diff(a, n=1, axis=-1, prepend=None, append=None):
    """Calculate the n-th discrete difference along the given axis.

    diff(a, n=1, axis=-1, prepend=None, append=None)
    """
    a = asarray(a)
    if n == 0:
        return a
    if n < 0:
        # help: n is the number of times diff is applied: 0 or more
        raise ValueError(f"order must be non-negative but got {n}")
    ax = _norm_axis(axis, a.ndim)
    parts = []
    for extra in (prepend, None, append):
        if extra is None:
            continue
        e = asarray(extra)
        if e.ndim == 0:
            s = _py.list(a.shape)
            s[ax] = 1
            e = broadcast_to(e, s)
        parts.append(e)
    if prepend is not None:
        a = concatenate([parts[0], a], axis=ax)
    if append is not None:
        a = concatenate([a, parts[-1]], axis=ax)
    for _ in _py.range(n):
        m = a.shape[ax]
        hi = _slice_axis(a, ax, 1, m)
        lo = _slice_axis(a, ax, 0, _py.max(m - 1, 0))
        a = not_equal(hi, lo) if a.dtype == bool_ else hi - lo
    return a


def ediff1d(ary, to_end=None, to_begin=None):
    """The differences between consecutive elements of an array (flattened).

    ediff1d(ary, to_end=None, to_begin=None)
    """
    d = diff(ravel(ary))
    if to_begin is not None:
        d = concatenate([ravel(asarray(to_begin)).astype(d.dtype), d])
    if to_end is not None:
        d = concatenate([d, ravel(asarray(to_end)).astype(d.dtype)])
    return d


# ---------------------------------------------------------------------------------------------
# Products.


def outer(a, b):
    """Compute the outer product of two vectors.

    outer(a, b)
    """
    a = ravel(a)
    b = ravel(b)
    return a.reshape(-1, 1) * b.reshape(1, -1)


def vdot(a, b):
    """Return the dot product of two vectors, flattening the inputs.

    vdot(a, b)
    """
    a = ravel(a)
    b = ravel(b)
    if a.shape[0] != b.shape[0]:
        # help: vdot flattens both arrays; they need as many elements each
        raise ValueError("cannot reshape array: vdot requires arrays of the same size")
    return dot(a, b)


def tensordot(a, b, axes=2):
    """Compute tensor dot product along specified axes.

    tensordot(a, b, axes=2)
    """
    a = asarray(a)
    b = asarray(b)
    if _is_seq(axes):
        if _py.len(axes) != 2:
            # help: use axes=N (the last N of a with the first N of b) or axes=([axes of a], [axes
            # of b])
            raise ValueError("axes must be an integer or a pair of sequences")
        xa = _py.list(axes[0]) if _is_seq(axes[0]) else [axes[0]]
        xb = _py.list(axes[1]) if _is_seq(axes[1]) else [axes[1]]
    else:
        if axes < 0:
            # help: write the axes of tensordot counting from 0
            raise ValueError("negative axes are not supported")
        xa = _py.list(_py.range(a.ndim - axes, a.ndim))
        xb = _py.list(_py.range(axes))
    if _py.len(xa) != _py.len(xb):
        # help: give as many axes of b as of a
        raise ValueError("shape-mismatch for sum: axes lists have different lengths")
    xa = [_norm_axis(i, a.ndim) for i in xa]
    xb = [_norm_axis(i, b.ndim) for i in xb]
    for i, j in _py.zip(xa, xb):
        if a.shape[i] != b.shape[j]:
            # help: the summed axes of a and b must have the same sizes, pair by pair
            raise ValueError("shape-mismatch for sum")
    dt = _common_dtype(a, b)
    return _bind("dot_general", a.astype(dt), b.astype(dt), lhs_contract=xa, rhs_contract=xb, lhs_batch=[], rhs_batch=[])


def inner(a, b):
    """Inner product of two arrays: a sum product over their last axes.

    inner(a, b)
    """
    a = asarray(a)
    b = asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        return multiply(a, b)
    if a.shape[-1] != b.shape[-1]:
        # help: the last axes of both arrays must have the same size
        raise ValueError(f"shapes {a.shape} and {b.shape} not aligned: {a.shape[-1]} (dim {a.ndim - 1}) != {b.shape[-1]} (dim {b.ndim - 1})")
    return tensordot(a, b, axes=([-1], [-1]))


def kron(a, b):
    """Kronecker product of two arrays.

    kron(a, b)
    """
    a = asarray(a)
    b = asarray(b)
    nd = _py.max(a.ndim, b.ndim)
    sa = [1] * (nd - a.ndim) + _py.list(a.shape)
    sb = [1] * (nd - b.ndim) + _py.list(b.shape)
    ia = []
    ib = []
    for x, y in _py.zip(sa, sb):
        ia = ia + [x, 1]
        ib = ib + [1, y]
    r = a.reshape(ia) * b.reshape(ib)
    return r.reshape([x * y for x, y in _py.zip(sa, sb)])


def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """Return the cross product of two (arrays of) vectors of length 3.

    cross(a, b, axis=-1)
    """
    if axis is not None:
        axisa = axis
        axisb = axis
        axisc = axis
    a = moveaxis(asarray(a), axisa, -1)
    b = moveaxis(asarray(b), axisb, -1)
    if a.shape[-1] != 3 or b.shape[-1] != 3:
        # help: cross takes vectors of 3 components (along the last axis)
        raise ValueError("incompatible dimensions for cross product (dimension must be 3)")
    a0, a1, a2 = a[..., 0], a[..., 1], a[..., 2]
    b0, b1, b2 = b[..., 0], b[..., 1], b[..., 2]
    c = stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], axis=-1)
    return moveaxis(c, -1, axisc)


def _einsum_sum_out(x, labels, keep):
    """Sum `x` over the axes whose labels are not in `keep`; returns (array, labels)."""
    axes = [i for i in _py.range(_py.len(labels)) if labels[i] not in keep]
    if _py.len(axes) == 0:
        return x, labels
    x = sum(x, axis=_py.tuple(axes))
    return x, [labels[i] for i in _py.range(_py.len(labels)) if i not in axes]


def _einsum_diagonals(x, labels):
    """Take diagonals for labels repeated within one operand; returns (array, labels)."""
    labels = _py.list(labels)
    while True:
        rep = None
        for i in _py.range(_py.len(labels)):
            for j in _py.range(i + 1, _py.len(labels)):
                if rep is None and labels[i] == labels[j]:
                    rep = (i, j)
        if rep is None:
            return x, labels
        i, j = rep
        if x.shape[i] != x.shape[j]:
            # help: a label repeated in one operand takes its diagonal, so those axes must have the
            # same size
            raise ValueError(f"dimensions in operand for collapsing index '{labels[i]}' don't match ({x.shape[i]} != {x.shape[j]})")
        lab = labels[i]
        x = diagonal(x, 0, i, j)
        labels = [labels[k] for k in _py.range(_py.len(labels)) if k != i and k != j] + [lab]


def _einsum_ellipsis(terms, out, explicit, ops):
    """Replace '...' in the subscripts by fresh capital labels for the broadcast axes."""
    used = "".join(terms) + out
    fresh = [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in used]
    widths = []
    for t, o in _py.zip(terms, ops):
        if "..." in t:
            widths.append(o.ndim - (_py.len(t) - 3))
        else:
            widths.append(0)
    nell = _py.max(widths)
    if nell > _py.len(fresh):
        # help: '...' stands for the same broadcast axes in every operand
        raise ValueError("einsum: too many broadcast dimensions")
    labels = fresh[:nell]
    new_terms = []
    for t, w in _py.zip(terms, widths):
        if w < 0:
            raise ValueError("einstein sum subscripts string contains too many subscripts for operand")
        new_terms.append(t.replace("...", "".join(labels[nell - w :])))
    if explicit:
        if "..." in out:
            out = out.replace("...", "".join(labels))
    else:
        counts = {}
        for t in terms:
            for c in t.replace("...", ""):
                counts[c] = counts.get(c, 0) + 1
        out = "".join(labels) + "".join(_py.sorted([c for c in counts if counts[c] == 1]))
    return new_terms, out


def einsum(subscripts, *operands, optimize=False, dtype=None):
    """Evaluates the Einstein summation convention on the operands.

    einsum(subscripts, *operands)
    """
    spec = subscripts.replace(" ", "")
    if "->" in spec:
        lhs, out = spec.split("->")
        explicit = True
    else:
        lhs = spec
        out = ""
        explicit = False
    terms = lhs.split(",")
    if _py.len(terms) != _py.len(operands):
        if _py.len(operands) > _py.len(terms):
            # help: write one comma-separated term per operand: einsum('ij,jk->ik', a, b)
            raise ValueError("more operands provided to einstein sum function than specified in the subscripts string")
        # help: write one comma-separated term per operand: einsum('ij,jk->ik', a, b)
        raise ValueError("fewer operands provided to einstein sum function than specified in the subscripts string")
    ops = [asarray(o) for o in operands]
    if "." in spec:
        terms, out = _einsum_ellipsis(terms, out, explicit, ops)
        explicit = True
    if dtype is not None:
        ops = [o.astype(dtype) for o in ops]
    dt = _common_dtype(*ops)
    ops = [o.astype(dt) for o in ops]
    # Check each term against its operand and record the size of each label.
    sizes = {}
    for t, o in _py.zip(terms, ops):
        if _py.len(t) != o.ndim:
            if o.ndim > _py.len(t):
                # help: write one label per axis of the operand, or '...' for the leading ones
                raise ValueError("operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.")
            raise ValueError("einstein sum subscripts string contains too many subscripts for operand")
        for c, d in _py.zip(t, o.shape):
            if not c.isalpha():
                # help: label axes with letters a-z and A-Z
                raise ValueError(f"invalid subscript '{c}' in einstein sum subscripts string, subscripts must be letters")
            if c in sizes and sizes[c] != d and sizes[c] != 1 and d != 1:
                # help: a label must stand for axes of one size (or 1) in every operand
                raise ValueError(f"operands could not be broadcast together with remapped shapes: label '{c}' has sizes {sizes[c]} and {d}")
            if c not in sizes or sizes[c] == 1:
                sizes[c] = d
    if not explicit:
        # Implicit output: the labels that appear exactly once, in alphabetical order.
        counts = {}
        for t in terms:
            for c in t:
                counts[c] = counts.get(c, 0) + 1
        out = "".join(_py.sorted([c for c in counts if counts[c] == 1]))
    for c in out:
        if c not in sizes:
            # help: every label after -> must appear in an input term
            raise ValueError(f"einstein sum subscripts string included output subscript '{c}' which never appeared in an input")
    # Take diagonals, then sum out labels used nowhere else.
    items = []
    for t, o in _py.zip(terms, ops):
        x, labels = _einsum_diagonals(o, t)
        items.append((x, labels))
    out_labels = _py.list(out)
    while _py.len(items) > 1:
        (x, lx), (y, ly) = items[0], items[1]
        rest = items[2:]
        later = _py.list(out_labels)
        for _, lr in rest:
            later = later + _py.list(lr)
        x, lx = _einsum_sum_out(x, lx, later + _py.list(ly))
        y, ly = _einsum_sum_out(y, ly, later + _py.list(lx))
        # Shared labels are batch axes if needed later, else contracted.
        shared = [c for c in lx if c in ly]
        batch = [c for c in shared if c in later]
        contract = [c for c in shared if c not in later]
        # A size-1 axis broadcasts against the other operand's size.
        for c in shared:
            i = lx.index(c)
            j = ly.index(c)
            if x.shape[i] != y.shape[j]:
                if x.shape[i] == 1:
                    s = _py.list(x.shape)
                    s[i] = y.shape[j]
                    x = broadcast_to(x, s)
                else:
                    s = _py.list(y.shape)
                    s[j] = x.shape[i]
                    y = broadcast_to(y, s)
        r = _bind(
            "dot_general",
            x,
            y,
            lhs_contract=[lx.index(c) for c in contract],
            rhs_contract=[ly.index(c) for c in contract],
            lhs_batch=[lx.index(c) for c in batch],
            rhs_batch=[ly.index(c) for c in batch],
        )
        lr = batch + [c for c in lx if c not in shared] + [c for c in ly if c not in shared]
        items = [(r, lr)] + rest
    x, labels = items[0]
    x, labels = _einsum_sum_out(x, labels, out_labels)
    # Put the remaining axes in the requested output order.
    perm = [labels.index(c) for c in out_labels]
    return transpose(x, perm)


# ---------------------------------------------------------------------------------------------
# Statistics and comparisons.


_np_where = where


def var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, where=None, mean=None, correction=None):
    """Compute the variance along the specified axis.

    var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True, mean=None, correction=None)
    where= counts only the elements where it is true; mean= is the mean already computed
    (with keepdims=True), as numpy.
    """
    if out is not None:
        return _ufunc_out(var(a, axis=axis, dtype=dtype, ddof=ddof, keepdims=keepdims, where=where, mean=mean, correction=correction), out, True)
    x = asarray(a)
    if correction is not None:
        ddof = correction
    if dtype is not None:
        x = x.astype(dtype)
    elif not _is_float(x):
        x = x.astype(_float)
    axes = _norm_axes(axis, x.ndim)
    ax = _py.tuple(axes)
    if where is None or where is True:
        n = _count(x, axes)
        m = sum(x, axis=ax, keepdims=True) / n if mean is None else asarray(mean)
        d = x - m
        s = sum(d * d, axis=ax, keepdims=keepdims)
        return s / _py.max(n - ddof, 0)
    w = broadcast_to(asarray(where).astype(bool_), x.shape)
    n = sum(w, axis=ax, keepdims=True).astype(x.dtype)
    m = sum(_np_where(w, x, 0), axis=ax, keepdims=True) / n if mean is None else asarray(mean)
    d = _np_where(w, x - m, 0)
    s = sum(d * d, axis=ax, keepdims=keepdims)
    if not keepdims:
        n = sum(w, axis=ax).astype(x.dtype)
    return s / maximum(n - ddof, 0)


def std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, where=None, mean=None, correction=None):
    """Compute the standard deviation along the specified axis.

    std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True, mean=None, correction=None)
    """
    return _ufunc_out(sqrt(var(a, axis=axis, dtype=dtype, ddof=ddof, keepdims=keepdims, where=where, mean=mean, correction=correction)), out, True)


def average(a, axis=None, weights=None, returned=False, keepdims=False):
    """Compute the weighted average along the specified axis.

    average(a, axis=None, weights=None, returned=False, keepdims=False)
    """
    a = asarray(a)
    if weights is None:
        avg = mean(a, axis=axis, keepdims=keepdims)
        scl = asarray(a.size / avg.size).astype(avg.dtype)
        if returned:
            return avg, broadcast_to(scl, avg.shape)
        return avg
    w = asarray(weights)
    if w.shape != a.shape:
        if axis is None:
            # help: pass axis= for 1-d weights along one axis, or weights of a's shape
            raise TypeError("Axis must be specified when shapes of a and weights differ.")
        if w.ndim != 1:
            # help: weights must have a's shape, or be 1-d along axis
            raise TypeError("1D weights expected when shapes of a and weights differ.")
        ax = _norm_axis(axis, a.ndim)
        if w.shape[0] != a.shape[ax]:
            # help: 1-d weights need one weight per element along axis
            raise ValueError("Length of weights not compatible with specified axis.")
        s = [1] * a.ndim
        s[ax] = w.shape[0]
        w = w.reshape(s)
    af = _to_float(a)
    scl = sum(w + zeros((), dtype=af.dtype), axis=axis, keepdims=keepdims)
    if any(scl == 0.0):
        # help: give weights whose sum is not zero
        raise ZeroDivisionError("Weights sum to zero, can't be normalized")
    avg = sum(af * w, axis=axis, keepdims=keepdims) / scl
    if returned:
        return avg, broadcast_to(scl, avg.shape)
    return avg


def _lerp(a, b, t):
    """numpy's linear interpolation between a and b, exact at both ends."""
    d = b - a
    return where(t >= 0.5, b - d * (1 - t), a + d * t)


def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False):
    """Compute the q-th quantile of the data along the specified axis (q in [0, 1]).

    quantile(a, q, axis=None, method='linear', keepdims=False)
    """
    if out is not None:
        return _ufunc_out(quantile(a, q, axis=axis, method=method, keepdims=keepdims), out, True)
    in_dtype = asarray(a).dtype
    a = _to_float(a)
    qa = _to_float(q)
    if any(qa < 0) or any(qa > 1):
        # help: quantile takes q in [0, 1]; for q in [0, 100] use percentile
        raise ValueError("Quantiles must be in the range [0, 1]")
    x, ax = _flat_or_axis(a, axis)
    x = moveaxis(sort(x, axis=ax), ax, 0)
    n = x.shape[0]
    if method == "linear":
        pos = qa * (n - 1)
    elif method in ("lower", "higher", "nearest", "midpoint"):
        pos = qa * (n - 1)
    else:
        raise ValueError(f"'{method}' is not a valid method. Use one of: linear, lower, higher, nearest, midpoint")
    lo = floor(pos)
    hi = minimum(lo + 1, n - 1)
    t = pos - lo
    if method == "lower":
        hi = lo
        t = zeros_like(t)
    elif method == "higher":
        lo = ceil(pos)
        hi = lo
        t = zeros_like(t)
    elif method == "nearest":
        # numpy rounds a tie to the even position; jax.numpy takes the lower one.
        lo = where(pos - floor(pos) <= 0.5, floor(pos), ceil(pos)) if _jax else rint(pos)
        hi = lo
        t = zeros_like(t)
    elif method == "midpoint":
        t = where(t > 0, 0.5, 0.0)
    lo_i = ravel(lo).astype(int64)
    hi_i = ravel(hi).astype(int64)
    xl = take(x, lo_i, axis=0)
    xh = take(x, hi_i, axis=0)
    tt = ravel(t).reshape([-1] + [1] * (x.ndim - 1))
    r = _lerp(xl, xh, tt)
    r = r.reshape(_py.list(qa.shape) + _py.list(x.shape[1:]))
    # A slice holding a NaN has a NaN quantile (numpy; nanquantile skips them).
    if n > 0:
        r = where(any(isnan(x), axis=0), nan, r)
    if not _jax and method in ("lower", "higher", "nearest") and in_dtype.kind in "iub":
        # numpy picks elements for these methods, so integers stay integers.
        r = r.astype(in_dtype)
    if keepdims:
        if axis is None:
            r = r.reshape(_py.list(qa.shape) + [1] * a.ndim)
        else:
            r = expand_dims(r, qa.ndim + ax)
    return r


def percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False):
    """Compute the q-th percentile of the data along the specified axis (q in [0, 100]).

    percentile(a, q, axis=None, method='linear', keepdims=False)
    """
    if out is not None:
        return _ufunc_out(percentile(a, q, axis=axis, method=method, keepdims=keepdims), out, True)
    qa = _to_float(q)
    if any(qa < 0) or any(qa > 100):
        # help: percentile takes q in [0, 100]; for q in [0, 1] use quantile
        raise ValueError("Percentiles must be in the range [0, 100]")
    return quantile(a, qa / 100, axis=axis, method=method, keepdims=keepdims)


def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """Compute the median along the specified axis.

    median(a, axis=None, out=None, overwrite_input=False, keepdims=False)
    """
    if out is not None:
        return _ufunc_out(median(a, axis=axis, keepdims=keepdims), out, True)
    a = _to_float(a)
    x, ax = _flat_or_axis(a, axis)
    x = sort(x, axis=ax)
    n = x.shape[ax]
    h = n // 2
    if n % 2 == 1:
        r = take(x, array(h, dtype=int64), axis=ax)
    else:
        r = mean(take(x, array([h - 1, h], dtype=int64), axis=ax), axis=ax)
    if n > 0:
        r = where(any(isnan(x), axis=ax), nan, r)
    if keepdims:
        if axis is None:
            r = r.reshape([1] * a.ndim)
        else:
            r = expand_dims(r, ax)
    return r


def ptp(a, axis=None, keepdims=False):
    """Range of values (maximum - minimum) along an axis.

    ptp(a, axis=None, keepdims=False)
    """
    return max(a, axis=axis, keepdims=keepdims) - min(a, axis=axis, keepdims=keepdims)


def cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, dtype=None):
    """Estimate a covariance matrix, given data and weights.

    cov(m, y=None, rowvar=True, bias=False, ddof=None)
    """
    if fweights is not None or aweights is not None:
        raise NotImplementedError("cov: fweights and aweights are not supported in Slope")
    X = atleast_2d(_to_float(m))
    if not rowvar and X.shape[0] != 1:
        X = X.T
    if y is not None:
        Y = atleast_2d(_to_float(y))
        if not rowvar and Y.shape[0] != 1:
            Y = Y.T
        X = concatenate([X, Y], axis=0)
    if dtype is not None:
        X = X.astype(dtype)
    if ddof is None:
        ddof = 0 if bias else 1
    N = X.shape[1]
    fact = N - ddof
    X = X - mean(X, axis=1, keepdims=True)
    c = dot(X, X.T) * (1.0 / fact)
    return squeeze(c)


def corrcoef(x, y=None, rowvar=True, dtype=None):
    """Return Pearson product-moment correlation coefficients.

    corrcoef(x, y=None, rowvar=True)
    """
    c = cov(x, y, rowvar, dtype=dtype)
    if c.ndim == 0:
        return c / c
    d = diagonal(c)
    sd = sqrt(d)
    c = c / sd.reshape(-1, 1)
    c = c / sd.reshape(1, -1)
    return clip(c, -1, 1)


def count_nonzero(a, axis=None, keepdims=False):
    """Counts the number of non-zero values in the array a.

    count_nonzero(a, axis=None, keepdims=False)
    """
    a = asarray(a)
    return sum(not_equal(a, 0).astype(_int), axis=axis, keepdims=keepdims)


def argwhere(a):
    """Find the indices of array elements that are non-zero, grouped by element.

    argwhere(a)
    """
    a = asarray(a)
    if a.ndim == 0:
        a = a.reshape(1)
        return stack(nonzero(a), axis=1)[:, :0]
    return stack(nonzero(a), axis=1)


def flatnonzero(a):
    """Return indices that are non-zero in the flattened version of a.

    flatnonzero(a)
    """
    return nonzero(ravel(a))[0]


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Returns a boolean array where two arrays are element-wise equal within a tolerance.

    isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)
    """
    x = asarray(a)
    y = _to_float(b)
    if not _is_float(x):
        x = x.astype(y.dtype)
    close = less_equal(abs(x - y), atol + rtol * abs(y)) & isfinite(y)
    result = close | equal(x, y)
    if equal_nan:
        result = result | (isnan(x) & isnan(y))
    return result


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Returns True if two arrays are element-wise equal within a tolerance.

    allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)
    """
    r = all(isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan))
    return r if _jax else _py.bool(r)


def array_equal(a1, a2, equal_nan=False):
    """True if two arrays have the same shape and elements, False otherwise.

    array_equal(a1, a2, equal_nan=False)
    """
    a1 = asarray(a1)
    a2 = asarray(a2)
    if a1.shape != a2.shape:
        return asarray(False) if _jax else False
    eq = equal(a1, a2)
    if equal_nan:
        eq = eq | (isnan(a1) & isnan(a2))
    r = all(eq)
    return r if _jax else _py.bool(r)


def array_equiv(a1, a2):
    """True if input arrays are shape consistent (broadcastable) and all elements equal.

    array_equiv(a1, a2)
    """
    a1 = asarray(a1)
    a2 = asarray(a2)
    try:
        eq = equal(a1, a2)
    except ValueError:
        return asarray(False) if _jax else False
    return all(eq) if _jax else _py.bool(all(eq))


def _nan_masked(a, where, fill):
    # a with the elements where= leaves out replaced: by NaN for floats (the nan-functions then
    # skip them), by `fill` (the reduction's identity) for integers and booleans.
    if where is True or where is None:
        return a
    w = asarray(where).astype(bool_)
    if _is_float(a):
        return _np_where(w, a, nan)
    return _np_where(w, a, fill)


def nansum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True):
    """Sum of array elements over a given axis treating NaNs as zero.

    nansum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=True)
    """
    a = _nan_masked(asarray(a), where, 0)
    r = sum(_np_where(isnan(a), zeros((), dtype=a.dtype), a), axis=axis, dtype=dtype, keepdims=keepdims)
    if initial is not None:
        r = r + initial
    return _ufunc_out(r, out, True)


def nanmean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True):
    """Compute the arithmetic mean along the specified axis, ignoring NaNs.

    nanmean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=True)
    """
    a = _nan_masked(_to_float(a), where, 0)
    ok = invert(isnan(a))
    n = sum(ok.astype(a.dtype), axis=axis, keepdims=keepdims)
    r = nansum(a, axis=axis, keepdims=keepdims) / n
    return _ufunc_out(r if dtype is None else r.astype(dtype), out, True)


def _nan_extreme(a, axis, keepdims, initial, where, biggest):
    a = asarray(a)
    if not _is_float(a):
        lo, hi = (iinfo(a.dtype).min, iinfo(a.dtype).max) if a.dtype.kind in "iu" else (False, True)
        m = _nan_masked(a, where, lo if biggest else hi)
        r = (max if biggest else min)(m, axis=axis, keepdims=keepdims)
        if initial is not None:
            r = (maximum if biggest else minimum)(r, initial)
        return r
    a = _nan_masked(a, where, nan)
    r = (max if biggest else min)(_np_where(isnan(a), -inf if biggest else inf, a), axis=axis, keepdims=keepdims)
    allnan = all(isnan(a), axis=axis, keepdims=keepdims)
    if initial is not None:
        return _np_where(allnan, initial, (maximum if biggest else minimum)(r, initial)).astype(a.dtype)
    return _np_where(allnan, nan, r)


def nanmax(a, axis=None, out=None, keepdims=False, initial=None, where=True):
    """Return the maximum of an array or maximum along an axis, ignoring any NaNs.

    nanmax(a, axis=None, out=None, keepdims=False, initial=None, where=True)
    """
    return _ufunc_out(_nan_extreme(a, axis, keepdims, initial, where, True), out, True)


def nanmin(a, axis=None, out=None, keepdims=False, initial=None, where=True):
    """Return minimum of an array or minimum along an axis, ignoring any NaNs.

    nanmin(a, axis=None, out=None, keepdims=False, initial=None, where=True)
    """
    return _ufunc_out(_nan_extreme(a, axis, keepdims, initial, where, False), out, True)


def nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True):
    """Compute the standard deviation along the specified axis, while ignoring NaNs.

    nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True)
    """
    return _ufunc_out(sqrt(nanvar(a, axis=axis, dtype=dtype, ddof=ddof, keepdims=keepdims, where=where)), out, True)


def nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True):
    """Compute the variance along the specified axis, while ignoring NaNs.

    nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True)
    """
    if out is not None:
        return _ufunc_out(nanvar(a, axis=axis, dtype=dtype, ddof=ddof, keepdims=keepdims, where=where), out, True)
    a = _nan_masked(_to_float(a), where, 0)
    ok = invert(isnan(a))
    n = sum(ok.astype(a.dtype), axis=axis, keepdims=True)
    m = nansum(a, axis=axis, keepdims=True) / n
    d = _np_where(ok, a - m, 0.0)
    s = sum(d * d, axis=axis, keepdims=keepdims)
    if not keepdims:
        n = sum(ok.astype(a.dtype), axis=axis)
    return s / maximum(n - ddof, 0)


# ---------------------------------------------------------------------------------------------
# Searching, counting, sets.


def searchsorted(a, v, side="left", sorter=None):
    """Find indices where elements should be inserted to maintain order.

    searchsorted(a, v, side='left', sorter=None)
    """
    a = asarray(a)
    if sorter is not None:
        a = take(a, sorter)
    v = asarray(v)
    vv = v.reshape(_py.list(v.shape) + [1])
    if side == "left":
        c = less(a, vv)
    elif side == "right":
        c = less_equal(a, vv)
    else:
        # help: use side='left' (the default) or side='right'
        raise ValueError(f"side must be 'left' or 'right' (got '{side}')")
    return sum(c.astype(_int), axis=-1)


def bincount(x, weights=None, minlength=0):
    """Count number of occurrences of each value in array of non-negative ints.

    bincount(x, weights=None, minlength=0)
    Bin i holds how often i occurs in x (or the sum of the weights where it does); there are
    max(x) + 1 bins, at least minlength.

    >>> print(np.bincount(np.array([0, 1, 1, 3, 2, 1, 7])))
    [1 3 1 1 0 0 0 1]
    """
    x = ravel(x)
    if x.size > 0 and _is_float(x):
        # help: bincount counts integers: convert with x.astype(int)
        raise TypeError(f"Cannot cast array data from dtype('{x.dtype}') to dtype('int64') according to the rule 'safe'")
    if x.size > 0 and _py.int(min(x)) < 0:
        # help: bincount counts non-negative integers; shift the values first
        raise ValueError("'list' argument must have no negative elements")
    n = _py.max(_py.int(max(x)) + 1 if x.size > 0 else 0, minlength)
    if weights is None:
        w = ones(x.shape, dtype=_int)
    else:
        w = ravel(_to_float(weights))
        if w.shape != x.shape:
            # help: give one weight per value of x
            raise ValueError("The weights and list don't have the same length.")
    # One scatter-add of the weights (or ones) into n bins, in the order of x, as numpy sums.
    return _bind("scatter_add", zeros((n,), dtype=w.dtype), x.astype(_int), w, axis=0)


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, equal_nan=True):
    """Find the unique elements of an array (sorted), or its unique slices along an axis.

    unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None)
    Returns the sorted unique values; with the flags, also the index of each one's first
    occurrence, the indices that rebuild `ar` from them, and how often each occurs. With
    `axis`, the unique sub-arrays along that axis (sorted lexicographically).

    >>> print(np.unique([3, 1, 2, 1, 3], return_counts=True))
    (array([1, 2, 3]), array([2, 1, 2]))
    """
    if axis is not None:
        return _unique_axis(asarray(ar), axis, return_index, return_inverse, return_counts)
    a = asarray(ar)
    flat = ravel(a)
    perm = argsort(flat, kind="stable")
    s = take(flat, perm)
    n = s.shape[0]
    if n == 0:
        flag = zeros((0,), dtype=bool_)
    else:
        flag = concatenate([ones((1,), dtype=bool_), not_equal(s[1:], s[:-1])])
        if equal_nan and _is_float(s):
            # NaNs sort last and compare unequal: keep only the first one.
            flag = flag & invert(isnan(s) & concatenate([zeros((1,), dtype=bool_), isnan(s[:-1])]))
    u = s[flag]
    extra = []
    if return_index:
        extra.append(perm[flag])
    if return_inverse:
        ids = cumsum(flag.astype(_int)) - 1
        inv = _bind("scatter_set", zeros((n,), dtype=ids.dtype), perm, ids, axis=0)
        extra.append(inv.reshape(a.shape) if a.ndim > 1 else inv)
    if return_counts:
        starts = nonzero(flag)[0]
        ends = concatenate([starts[1:], array([n], dtype=starts.dtype)])
        extra.append(ends - starts)
    if _py.len(extra) == 0:
        return u
    return _py.tuple([u] + extra)


def _unique_axis(a, axis, return_index, return_inverse, return_counts):
    """`unique` along an axis: the slices compared as tuples of their elements, in C order."""
    ax = _norm_axis(axis, a.ndim)
    moved = moveaxis(a, ax, 0)
    n = moved.shape[0]
    rows = moved.reshape(n, -1).tolist() if n > 0 else []
    order = _py.sorted(_py.range(n), key=lambda i: rows[i])
    first = []
    inv = [0] * n
    counts = []
    for i in order:
        if _py.len(first) == 0 or rows[i] != rows[first[-1]]:
            first.append(i)
            counts.append(0)
        inv[i] = _py.len(first) - 1
        counts[-1] = counts[-1] + 1
    u = moveaxis(take(moved, array(first, dtype=_int), axis=0), 0, ax)
    extra = []
    if return_index:
        extra.append(array(first, dtype=_int))
    if return_inverse:
        extra.append(array(inv, dtype=_int))
    if return_counts:
        extra.append(array(counts, dtype=_int))
    if _py.len(extra) == 0:
        return u
    return _py.tuple([u] + extra)


def intersect1d(ar1, ar2, assume_unique=False, return_indices=False):
    """Find the intersection of two arrays: the sorted unique values that are in both.

    intersect1d(ar1, ar2, assume_unique=False, return_indices=False)
    With return_indices=True, also the indices of the first occurrences of the common values
    in (the flattened) ar1 and ar2.

    >>> print(np.intersect1d([1, 3, 4, 3], [3, 1, 2, 1]))
    [1 3]
    """
    if not assume_unique:
        if return_indices:
            ar1, ind1 = unique(ar1, return_index=True)
            ar2, ind2 = unique(ar2, return_index=True)
        else:
            ar1 = unique(ar1)
            ar2 = unique(ar2)
    else:
        ar1 = ravel(ar1)
        ar2 = ravel(ar2)
    aux = concatenate([ar1, ar2.astype(_common_dtype(ar1, ar2))]) if ar1.dtype != ar2.dtype else concatenate([ar1, ar2])
    if return_indices:
        order = argsort(aux, kind="stable")
        aux = take(aux, order)
    else:
        aux = sort(aux)
    if aux.shape[0] == 0:
        mask = zeros((0,), dtype=bool_)
        common = aux
    else:
        mask = equal(aux[1:], aux[:-1])
        common = aux[:-1][mask]
    if not return_indices:
        return common
    if aux.shape[0] == 0:
        i1 = zeros((0,), dtype=_int)
        i2 = zeros((0,), dtype=_int)
    else:
        i1 = order[:-1][mask]
        i2 = order[1:][mask] - ar1.shape[0]
    if not assume_unique:
        i1 = take(ind1, i1)
        i2 = take(ind2, i2)
    return common, i1, i2


def union1d(ar1, ar2):
    """Find the union of two arrays: the sorted unique values that are in either.

    union1d(ar1, ar2)

    >>> print(np.union1d([-1, 0, 1], [-2, 0, 2]))
    [-2 -1  0  1  2]
    """
    return unique(concatenate([ravel(ar1), ravel(ar2)]))


def setdiff1d(ar1, ar2, assume_unique=False):
    """Find the set difference of two arrays: the sorted unique values of ar1 not in ar2.

    setdiff1d(ar1, ar2, assume_unique=False)

    >>> print(np.setdiff1d([1, 2, 3, 2, 4, 1], [3, 4, 5, 6]))
    [1 2]
    """
    a = ravel(ar1) if assume_unique else unique(ar1)
    return a[isin(a, ar2, invert=True)]


def setxor1d(ar1, ar2, assume_unique=False):
    """Find the set exclusive-or of two arrays: the sorted unique values in exactly one of them.

    setxor1d(ar1, ar2, assume_unique=False)

    >>> print(np.setxor1d([1, 2, 3, 2, 4], [2, 3, 5, 7, 5]))
    [1 4 5 7]
    """
    if not assume_unique:
        ar1 = unique(ar1)
        ar2 = unique(ar2)
    aux = sort(concatenate([ravel(ar1), ravel(ar2)]))
    if aux.shape[0] == 0:
        return aux
    t = ones((1,), dtype=bool_)
    flag = concatenate([t, not_equal(aux[1:], aux[:-1]), t])
    return aux[flag[1:] & flag[:-1]]


def isin(element, test_elements, assume_unique=False, invert=False, kind=None):
    """Calculates element in test_elements, broadcasting over element only.

    isin(element, test_elements, assume_unique=False, invert=False)
    A bool array of element's shape: True where the element occurs in test_elements
    (False there with invert=True).

    >>> print(np.isin([[0, 2], [4, 6]], [1, 2, 4, 8]))
    [[False  True]
     [ True False]]
    """
    e = asarray(element)
    t = ravel(test_elements)
    r = any(equal(e.reshape(_py.list(e.shape) + [1]), t), axis=-1)
    return logical_not(r) if invert else r


def in1d(ar1, ar2, assume_unique=False, invert=False, kind=None):
    """Test whether each element of a 1-D array is also present in a second array.

    in1d(ar1, ar2, assume_unique=False, invert=False)
    The flattened form of isin (numpy 2.4 removed it: use isin).
    """
    return isin(ravel(ar1), ar2, invert=invert)


def _finite(v):
    """Whether the Python float v is neither NaN nor infinite."""
    return v == v and v != inf and v != -inf


def histogram_bin_edges(a, bins=10, range=None, weights=None):
    """Function to calculate only the edges of the bins used by the histogram function.

    histogram_bin_edges(a, bins=10, range=None)

    >>> print(np.histogram_bin_edges([1, 2, 3, 4], bins=3))
    [1. 2. 3. 4.]
    """
    a = ravel(a)
    if _py.isinstance(bins, _py.str):
        raise NotImplementedError(f"histogram: bins='{bins}' is not supported in Slope; give a number of bins or the edges")
    if _is_seq(bins) or (_py.isinstance(bins, ndarray) and bins.ndim > 0):
        edges = asarray(bins)
        if edges.ndim != 1:
            # help: give the bin edges as a 1-d increasing array
            raise ValueError("`bins` must be 1d, when an array")
        if edges.shape[0] > 1 and _py.bool(any(edges[1:] < edges[:-1])):
            # help: sort the bin edges: they must increase monotonically
            raise ValueError("`bins` must increase monotonically, when an array")
        return edges
    n = _py.int(bins)
    if n < 1:
        # help: give a positive number of bins
        raise ValueError("`bins` must be positive, when an integer")
    if range is not None:
        lo, hi = range
        lo = _py.float(lo)
        hi = _py.float(hi)
        if lo > hi:
            # help: give range=(min, max) with min <= max
            raise ValueError("max must be larger than min in range parameter.")
        if not (_finite(lo) and _finite(hi)):
            # help: give a range=(min, max) of finite numbers
            raise ValueError(f"supplied range of [{lo}, {hi}] is not finite")
    elif a.shape[0] == 0:
        lo, hi = 0.0, 1.0
    else:
        lo = _py.float(min(a))
        hi = _py.float(max(a))
        if not (_finite(lo) and _finite(hi)):
            # help: drop the NaN or infinite values first (a[np.isfinite(a)]), or give range=
            raise ValueError(f"autodetected range of [{lo}, {hi}] is not finite")
    if lo == hi:
        lo = lo - 0.5
        hi = hi + 0.5
    dt = a.dtype if _is_float(a) else _float
    return linspace(lo, hi, n + 1, endpoint=True, dtype=dt)


def histogram(a, bins=10, range=None, density=None, weights=None):
    """Compute the histogram of a dataset: (counts per bin, bin edges).

    histogram(a, bins=10, range=None, density=None, weights=None)
    `bins` is a number of equal-width bins over `range` (default: the data's min and max) or
    the increasing bin edges. Every bin is half-open [edge, next edge) except the last, which
    includes its right edge; values outside the edges are not counted. density=True divides
    the counts so that the histogram integrates to 1.

    >>> print(np.histogram([1, 2, 1], bins=[0, 1, 2, 3]))
    (array([0, 2, 1]), array([0, 1, 2, 3]))
    """
    a = ravel(a)
    edges = histogram_bin_edges(a, bins, range)
    nb = edges.shape[0] - 1
    # Each value's bin: the last edge at or below it, the right end counted in the last bin.
    idx = searchsorted(edges, a, side="right") - 1
    idx = where(equal(a, edges[-1]), nb - 1, idx)
    keep = (idx >= 0) & (idx < nb)
    if weights is not None:
        w = ravel(weights)
        if w.shape != a.shape:
            # help: give one weight per value of a
            raise ValueError("weights should have the same shape as a.")
        w = w[keep]
    else:
        w = None
    counts = bincount(idx[keep], weights=w, minlength=nb)[:nb]
    if density:
        db = diff(edges).astype(_float)
        return counts / db / sum(counts), edges
    return counts, edges


def interp(x, xp, fp, left=None, right=None):
    """One-dimensional linear interpolation for monotonically increasing sample points.

    interp(x, xp, fp, left=None, right=None)
    """
    x = _to_float(x)
    xp = _to_float(xp)
    fp = _to_float(fp)
    n = xp.shape[0]
    if n == 0:
        # help: give interp at least one sample point xp
        raise ValueError("array of sample points is empty")
    if fp.shape[0] != n:
        # help: give one value fp per sample point xp
        raise ValueError("fp and xp are not of the same length.")
    lval = fp[0] if left is None else left
    rval = fp[-1] if right is None else right
    if n == 1:
        return where(x < xp[0], lval, where(x > xp[0], rval, fp[0] + zeros_like(x)))
    # The interval [xp[j], xp[j+1]] that holds each x.
    j = clip(searchsorted(xp, x, side="right") - 1, 0, n - 2)
    x0 = take(xp, j)
    x1 = take(xp, j + 1)
    y0 = take(fp, j)
    y1 = take(fp, j + 1)
    slope = (y1 - y0) / (x1 - x0)
    r = slope * (x - x0) + y0
    r = where(x == x1, y1, r)
    r = where(x < xp[0], lval, r)
    return where(x > xp[-1], rval, r)


def polyval(p, x):
    """Evaluate a polynomial at specific values (coefficients highest power first).

    polyval(p, x)
    """
    p = asarray(p)
    x = asarray(x)
    y = zeros_like(x) + zeros((), dtype=p.dtype)
    for i in _py.range(p.shape[0]):
        y = y * x + p[i]
    return y


def convolve(a, v, mode="full"):
    """Returns the discrete, linear convolution of two one-dimensional sequences.

    convolve(a, v, mode='full')
    """
    a = ravel(a)
    v = ravel(v)
    n = a.shape[0]
    m = v.shape[0]
    if n == 0 or m == 0:
        # help: both arrays of convolve need at least one element
        raise ValueError("v cannot be empty" if m == 0 else "a cannot be empty")
    if m > n:
        a, v = v, a
        n, m = m, n
    dt = _common_dtype(a, v)
    if _jax and not _is_float(asarray(zeros((), dtype=dt))):
        # jax.numpy convolves in floating point (its convolve runs through lax.conv).
        dt = _float
    a = a.astype(dt)
    v = v.astype(dt)
    # full[k] = sum_j a[k - j] v[j]: pad a, then sum shifted copies weighted by v.
    pad = zeros((m - 1,), dtype=dt)
    ap = concatenate([pad, a, pad])
    total = n + m - 1
    full = zeros((total,), dtype=dt)
    for j in _py.range(m):
        full = full + ap[m - 1 - j : m - 1 - j + total] * v[j]
    if mode == "full":
        return full
    if mode == "same":
        start = (m - 1) // 2
        return full[start : start + n]
    if mode == "valid":
        return full[m - 1 : n]
    # help: use mode='full' (the default), 'same' or 'valid'
    raise ValueError(f"mode must be one of 'full', 'same', or 'valid' (got '{mode}')")


def digitize(x, bins, right=False):
    """Return the indices of the bins to which each value in input array belongs.

    digitize(x, bins, right=False)
    """
    bins = asarray(bins)
    if bins.ndim != 1:
        # help: digitize takes 1-d bins
        raise ValueError("object too deep for desired array")
    increasing = bins.shape[0] < 2 or _py.bool(bins[-1] >= bins[0])
    if increasing:
        return searchsorted(bins, x, side="left" if right else "right")
    # Decreasing bins: search the reversed bins and count from the other end.
    n = bins.shape[0]
    return n - searchsorted(flip(bins), x, side="left" if right else "right")


def select(condlist, choicelist, default=0):
    """Return an array drawn from elements in choicelist, depending on conditions.

    select(condlist, choicelist, default=0)
    """
    if _py.len(condlist) != _py.len(choicelist):
        # help: give one choice per condition
        raise ValueError("list of cases must be same length as list of conditions")
    if _py.len(condlist) == 0:
        # help: give at least one condition
        raise ValueError("select with an empty condition list is not possible")
    choices = [asarray(c) for c in choicelist]
    dt = _common_dtype(*(choices + [asarray(default)]))
    r = asarray(default).astype(dt)
    # Later entries first, so that the first matching condition wins.
    for i in _py.range(_py.len(condlist) - 1, -1, -1):
        r = where(condlist[i], choices[i].astype(dt), r)
    return r


def gradient(f, *varargs, axis=None, edge_order=1):
    """Return the gradient of an N-dimensional array: second-order central differences inside,
    first- or second-order (edge_order=2) one-sided differences at the boundaries.

    gradient(f, *varargs, axis=None, edge_order=1)
    varargs: the spacing, one scalar for all axes, one per axis, or per axis the coordinates of
    the samples (a 1-d array as long as that axis). One array per axis comes back (a tuple when
    there are several).

    >>> print(np.gradient(np.array([1, 2, 4, 7, 11, 16]), np.array([0.0, 1.0, 1.5, 3.5, 4.0, 6.0])))
    [1.  3.  3.5 6.7 6.9 2.5]
    """
    f = _to_float(f)
    axes = _norm_axes(axis, f.ndim)
    if edge_order not in (1, 2):
        # help: edge_order is 1 or 2
        raise ValueError("'edge_order' greater than 2 not supported")
    if _py.len(varargs) == 0:
        dxs = [1.0] * _py.len(axes)
    elif _py.len(varargs) == 1 and _py.len(axes) > 1 and not (_py.isinstance(varargs[0], ndarray) and varargs[0].ndim > 0) and not _is_seq(varargs[0]):
        dxs = [varargs[0]] * _py.len(axes)
    else:
        dxs = _py.list(varargs)
    if _py.len(dxs) != _py.len(axes):
        # help: give one spacing for all axes, or one per axis
        raise TypeError("invalid number of arguments")
    out = []
    for ax, dx in _py.zip(axes, dxs):
        n = f.shape[ax]
        if n < edge_order + 1:
            # help: gradient needs at least edge_order + 1 points along each axis it differentiates
            raise ValueError("Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) elements are required.")
        d = asarray(dx)
        if d.ndim > 0:
            if d.ndim != 1:
                # help: give the coordinates of an axis as a 1-d array
                raise ValueError("distances must be either scalars or 1d")
            if d.shape[0] != n:
                # help: give one coordinate per sample along the axis
                raise ValueError("when 1d, distances must match the length of the corresponding dimension")
            d = diff(_to_float(d))
            # Uniform coordinates use the uniform formulas, as numpy does.
            if _py.bool(all(d == d[0])):
                d = d[0]
        out.append(_gradient_axis(f, ax, n, d, edge_order))
    if _py.len(out) == 1:
        return out[0]
    return _py.tuple(out)


def _gradient_axis(f, ax, n, d, edge_order):
    """numpy's gradient along one axis: `d` is the uniform spacing (0-d) or the n - 1 gaps."""

    def sl(a, b):
        return _slice_axis(f, ax, a, b)

    def along(v):
        # A 1-d array of coefficients shaped to broadcast along axis `ax`.
        s = [1] * f.ndim
        s[ax] = v.shape[0]
        return v.reshape(s)

    if d.ndim == 0:
        mid = (sl(2, n) - sl(0, n - 2)) / (2.0 * d)
        if edge_order == 1:
            first = (sl(1, 2) - sl(0, 1)) / d
            last = (sl(n - 1, n) - sl(n - 2, n - 1)) / d
        else:
            first = (-1.5 / d) * sl(0, 1) + (2.0 / d) * sl(1, 2) + (-0.5 / d) * sl(2, 3)
            last = (0.5 / d) * sl(n - 3, n - 2) + (-2.0 / d) * sl(n - 2, n - 1) + (1.5 / d) * sl(n - 1, n)
    else:
        dx1 = d[:-1]
        dx2 = d[1:]
        a = along(-dx2 / (dx1 * (dx1 + dx2)))
        b = along((dx2 - dx1) / (dx1 * dx2))
        c = along(dx1 / (dx2 * (dx1 + dx2)))
        mid = a * sl(0, n - 2) + b * sl(1, n - 1) + c * sl(2, n)
        if edge_order == 1:
            first = (sl(1, 2) - sl(0, 1)) / d[0]
            last = (sl(n - 1, n) - sl(n - 2, n - 1)) / d[-1]
        else:
            p = d[0]
            q = d[1]
            first = (-(2.0 * p + q) / (p * (p + q))) * sl(0, 1) + ((p + q) / (p * q)) * sl(1, 2) + (-p / (q * (p + q))) * sl(2, 3)
            p = d[-2]
            q = d[-1]
            last = (q / (p * (p + q))) * sl(n - 3, n - 2) + (-(q + p) / (p * q)) * sl(n - 2, n - 1) + ((2.0 * q + p) / (q * (p + q))) * sl(n - 1, n)
    return concatenate([first, mid, last], axis=ax)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    """Integrate along the given axis using the composite trapezoidal rule.

    trapezoid(y, x=None, dx=1.0, axis=-1)
    """
    y = asarray(y)
    ax = _norm_axis(axis, y.ndim)
    n = y.shape[ax]
    if x is None:
        d = dx
    else:
        x = asarray(x)
        if x.ndim == 1:
            d = diff(x)
            s = [1] * y.ndim
            s[ax] = d.shape[0]
            d = d.reshape(s)
        else:
            d = diff(x, axis=ax)
    hi = _slice_axis(y, ax, 1, n)
    lo = _slice_axis(y, ax, 0, _py.max(n - 1, 0))
    return sum(d * (hi + lo) / 2.0, axis=ax)


trapz = trapezoid


def delete(arr, obj, axis=None):
    """Return a new array with sub-arrays along an axis deleted.

    delete(arr, obj, axis=None)
    """
    arr = asarray(arr)
    arr, ax = _flat_or_axis(arr, axis)
    n = arr.shape[ax]
    if _py.isinstance(obj, ndarray):
        obj = obj.tolist()
    drop = _py.list(obj) if _is_seq(obj) else [obj]
    drop = [i + n if i < 0 else i for i in drop]
    for i in drop:
        if i < 0 or i >= n:
            # help: indices count from 0 to size - 1, or back from -1
            raise IndexError(f"index {i} is out of bounds for axis {ax} with size {n}")
    keep = [i for i in _py.range(n) if i not in drop]
    return take(arr, array(keep, dtype=int64), axis=ax)


def insert(arr, obj, values, axis=None):
    """Insert values along the given axis before the given index (one index).

    insert(arr, obj, values, axis=None)
    """
    arr = asarray(arr)
    arr, ax = _flat_or_axis(arr, axis)
    n = arr.shape[ax]
    if _is_seq(obj) or _py.isinstance(obj, ndarray):
        raise NotImplementedError("insert: Slope supports a single integer index")
    i = obj + n if obj < 0 else obj
    if i < 0 or i > n:
        # help: insert positions go from 0 to size (the end), or back from -1
        raise IndexError(f"index {obj} is out of bounds for axis {ax} with size {n}")
    # As numpy: values get leading unit axes up to arr.ndim, then their first axis moves to `ax`.
    v = asarray(values).astype(arr.dtype)
    v = v.reshape([1] * (arr.ndim - v.ndim) + _py.list(v.shape))
    v = moveaxis(v, 0, ax)
    s = _py.list(arr.shape)
    s[ax] = v.shape[ax]
    v = broadcast_to(v, s)
    return concatenate([_slice_axis(arr, ax, 0, i), v, _slice_axis(arr, ax, i, n)], axis=ax)


# ---------------------------------------------------------------------------------------------
# Iteration and index arithmetic.


def _c_strides(shape, itemsize):
    """The strides in bytes of a C-contiguous array of this shape."""
    out = []
    step = itemsize
    for n in _py.reversed(_py.list(shape)):
        out.append(step)
        step = step * n
    return _py.tuple(_py.reversed(out))


def _array_strides(a):
    """`a.strides`: bytes to step in each dimension (Slope's arrays are C-contiguous)."""
    return _c_strides(a.shape, a.itemsize)


class flagsobj:
    """An array's flags (`a.flags`): Slope's arrays are C-contiguous, aligned and writeable;
    a view does not own its data."""

    _NAMES = ["C_CONTIGUOUS", "F_CONTIGUOUS", "OWNDATA", "WRITEABLE", "ALIGNED", "WRITEBACKIFCOPY"]

    def __init__(self, a):
        self.c_contiguous = True
        self.f_contiguous = _py.sum([1 for n in a.shape if n > 1]) <= 1
        self.owndata = a.base is None
        self.writeable = True
        self.aligned = True
        self.writebackifcopy = False
        self.contiguous = True
        self.fortran = self.f_contiguous and not self.c_contiguous

    def __getitem__(self, key):
        short = {"C": "C_CONTIGUOUS", "F": "F_CONTIGUOUS", "O": "OWNDATA", "W": "WRITEABLE", "A": "ALIGNED", "X": "WRITEBACKIFCOPY", "CONTIGUOUS": "C_CONTIGUOUS", "FORTRAN": "F_CONTIGUOUS"}
        name = short.get(key, key)
        if name not in flagsobj._NAMES:
            raise KeyError(f"Unknown flag {key}")
        return getattr(self, name.lower())

    def __repr__(self):
        return "\n".join(f"  {n} : {getattr(self, n.lower())}" for n in flagsobj._NAMES) + "\n"


def _array_flags(a):
    """`a.flags`."""
    return flagsobj(a)


def _multi_indices(shape):
    """Every index tuple of `shape` in C order (the last index varies fastest)."""
    shape = _py.list(shape)
    nd = _py.len(shape)
    total = 1
    for n in shape:
        total = total * n
    idx = [0] * nd
    for _ in _py.range(total):
        yield _py.tuple(idx)
        k = nd - 1
        while k >= 0:
            idx[k] = idx[k] + 1
            if idx[k] < shape[k]:
                break
            idx[k] = 0
            k = k - 1


class flatiter:
    """A flat iterator over an array, `a.flat`: the elements in C order, one at a time.

    Iterate it, index it like a 1-d array (`a.flat[3]`, `a.flat[[1, 4]]`, `a.flat[2:5]`) or
    take `len` of it; `index` is the position of the next element and `coords` its index
    tuple. Read-only in Slope (`a.flat[i] = v` is not supported: use `a.reshape(-1)`).

    >>> a = np.arange(6).reshape(2, 3)
    >>> print(a.flat[4], list(a.flat)[:3])
    4 [np.int64(0), np.int64(1), np.int64(2)]
    """

    def __init__(self, a):
        self.base = a
        self._flat = ravel(a)
        self.index = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.index >= self._flat.shape[0]:
            raise StopIteration
        v = self._flat[self.index]
        self.index = self.index + 1
        return v

    def __len__(self):
        return self._flat.shape[0]

    def __getitem__(self, key):
        return self._flat[key]

    @property
    def coords(self):
        return _py.tuple(_py.int(c) for c in unravel_index(self.index, self.base.shape))

    def copy(self):
        """A flat (1-d) copy of the array."""
        return self._flat


def _array_flat(a):
    """`a.flat`."""
    return flatiter(a)


def ndindex(*shape):
    """An N-dimensional iterator over the index tuples of an array of the given shape (C order).

    ndindex(*shape), or ndindex(shape)

    >>> print(list(np.ndindex(2, 2)))
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    if _py.len(shape) == 1 and _is_seq(shape[0]):
        shape = shape[0]
    return _multi_indices(shape)


def ndenumerate(arr):
    """Multidimensional index iterator: yields (index tuple, element) pairs in C order.

    ndenumerate(arr)

    >>> for index, x in np.ndenumerate(np.array([[1, 2], [3, 4]])):
    ...     print(index, x)
    (0, 0) 1
    (0, 1) 2
    (1, 0) 3
    (1, 1) 4
    """
    a = asarray(arr)
    flat = ravel(a)
    i = 0
    for idx in _multi_indices(a.shape):
        yield idx, flat[i]
        i = i + 1


class nditer:
    """An efficient multi-dimensional iterator object to iterate over arrays (read-only forms).

    nditer(op, flags=None, op_flags=None, order='K')
    Iterates the elements of one array (0-d arrays) or of several broadcast together (tuples),
    in C order ('K' and 'C'; Slope's arrays are C-contiguous) or Fortran order ('F'). Flags:
    'multi_index' (it.multi_index), 'c_index'/'f_index' (it.index), 'external_loop' (1-d chunks).
    Also `while not it.finished: ...; it.iternext()`, `it.value`, `it[i]` and `with`.
    Writing (op_flags=['readwrite']) is not supported: build the result with array operations.

    >>> print([int(x) for x in np.nditer(np.arange(6).reshape(2, 3), order='F')])
    [0, 3, 1, 4, 2, 5]
    """

    def __init__(self, op, flags=None, op_flags=None, op_dtypes=None, order="K", casting="safe", op_axes=None, itershape=None, buffersize=0):
        flags = _py.list(flags or [])
        for f in _nested_strs(op_flags):
            if f in ("readwrite", "writeonly"):
                # help: nditer is read-only in Slope: compute the new values with array operations
                # (a = 2 * a) or write through an index (a[i] = v)
                raise NotImplementedError(f"nditer: op_flags '{f}' is not supported in Slope (read-only iteration only)")
        self._multi = _is_seq(op)
        ops = [asarray(o) for o in op] if self._multi else [asarray(op)]
        if op_dtypes is not None:
            dts = op_dtypes if _is_seq(op_dtypes) else [op_dtypes]
            ops = [o.astype(d) if d is not None else o for o, d in _py.zip(ops, dts)]
        shape = broadcast_shapes(*[o.shape for o in ops])
        self.operands = _py.tuple(ops)
        self.shape = _py.tuple(shape)
        self.ndim = _py.len(shape)
        self._fortran = order == "F"
        self._track_multi = "multi_index" in flags
        self._c_index = "c_index" in flags
        self._f_index = "f_index" in flags
        self._external = "external_loop" in flags
        if (self._track_multi or self._c_index or self._f_index) and self._external:
            # help: drop 'external_loop' to track indices
            raise ValueError("Iterator flag EXTERNAL_LOOP cannot be used if an index or multi-index is being tracked")
        b = [broadcast_to(o, shape) for o in ops]
        if self._fortran:
            b = [transpose(x) for x in b]
        self._flats = [ravel(x) for x in b]
        self.itersize = 1
        for n in shape:
            self.itersize = self.itersize * n
        self._pos = 0
        self._started = False
        self._chunk = self.itersize
        if self._external and self._fortran and self.ndim > 0:
            self._chunk = shape[0]
        if self._external and self.itersize > 0:
            self._steps = self.itersize // self._chunk
        else:
            self._steps = self.itersize
        self.finished = self._steps == 0

    def __iter__(self):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def close(self):
        """Release the iterator (nothing to do in Slope)."""
        return None

    def _current(self):
        if self._external:
            s = self._pos * self._chunk
            vals = [f[s : s + self._chunk] for f in self._flats]
        else:
            vals = [f[self._pos] for f in self._flats]
        return _py.tuple(vals) if self._multi else vals[0]

    def __next__(self):
        if self._started:
            self._pos = self._pos + 1
        self._started = True
        if self._pos >= self._steps:
            self.finished = True
            raise StopIteration
        return self._current()

    def iternext(self):
        """Move to the next element; False once the iteration is finished."""
        self._pos = self._pos + 1
        self._started = True
        if self._pos >= self._steps:
            self.finished = True
            return False
        return True

    def reset(self):
        """Go back to the first element."""
        self._pos = 0
        self._started = False
        self.finished = self._steps == 0

    @property
    def value(self):
        return self._current()

    def __getitem__(self, i):
        return self._flats[i][self._pos]

    @property
    def iterindex(self):
        return self._pos

    @property
    def multi_index(self):
        if not self._track_multi:
            # help: pass flags=['multi_index'] to nditer
            raise ValueError("Iterator is not tracking a multi-index")
        if self._fortran:
            return _py.tuple(_py.int(c) for c in unravel_index(self._pos, self.shape, order="F"))
        return _py.tuple(_py.int(c) for c in unravel_index(self._pos, self.shape))

    @property
    def index(self):
        if not (self._c_index or self._f_index):
            # help: pass flags=['c_index'] or flags=['f_index'] to nditer
            raise ValueError("Iterator does not have an index")
        if self._fortran:
            coords = unravel_index(self._pos, self.shape, order="F")
        else:
            coords = unravel_index(self._pos, self.shape)
        return _py.int(ravel_multi_index(coords, self.shape, order="F" if self._f_index else "C"))


def _nested_strs(v):
    """The strings inside a (possibly nested) list of flags."""
    if v is None:
        return []
    if _py.isinstance(v, _py.str):
        return [v]
    out = []
    for x in v:
        out = out + _nested_strs(x)
    return out


def _index_checked_shape(shape, name):
    shape = [_py.int(n) for n in (shape if _is_seq(shape) else [shape])]
    for n in shape:
        if n < 0:
            # help: dimensions are non-negative sizes
            raise ValueError(f"{name}: dimensions must be non-negative")
    return shape


def unravel_index(indices, shape, order="C"):
    """Converts a flat index or array of flat indices into a tuple of coordinate arrays.

    unravel_index(indices, shape, order='C')

    >>> print(np.unravel_index(22, (7, 6)))
    (np.int64(3), np.int64(4))
    """
    shape = _index_checked_shape(shape, "unravel_index")
    idx = asarray(indices)
    if _is_float(idx) or idx.dtype == bool_:
        # help: flat indices are integers: convert with .astype(int)
        raise TypeError("only int indices permitted")
    total = 1
    for n in shape:
        total = total * n
    if idx.size > 0:
        lo = _py.int(min(idx))
        hi = _py.int(max(idx))
        bad = lo if lo < 0 else (hi if hi >= total else None)
        if bad is not None:
            # help: flat indices go from 0 to the product of the shape minus 1
            raise ValueError(f"index {bad} is out of bounds for array with size {total}")
    idx = idx.astype(_int)
    nd = _py.len(shape)
    coords = [None] * nd
    order_axes = _py.range(nd - 1, -1, -1) if order == "C" else _py.range(nd)
    if order not in ("C", "F"):
        # help: use order='C' (row-major, the default) or 'F' (column-major)
        raise ValueError("only 'C' or 'F' order is permitted")
    r = idx
    for k in order_axes:
        n = shape[k]
        coords[k] = r % n if n > 0 else r
        r = r // n if n > 0 else r
    return _py.tuple(coords)


def ravel_multi_index(multi_index, dims, mode="raise", order="C"):
    """Converts a tuple of index arrays into an array of flat indices.

    ravel_multi_index(multi_index, dims, mode='raise', order='C')
    mode: 'raise' (an error for an index out of range), 'wrap' or 'clip', or one per dimension.

    >>> print(np.ravel_multi_index(([3, 6, 6], [4, 5, 1]), (7, 6)))
    [22 41 37]
    """
    dims = _index_checked_shape(dims, "ravel_multi_index")
    nd = _py.len(dims)
    coords = [asarray(c) for c in multi_index]
    if _py.len(coords) != nd:
        # help: give one index array per dimension
        raise ValueError(f"parameter multi_index must be a sequence of length {nd}")
    modes = _py.list(mode) if _is_seq(mode) else [mode] * nd
    if order not in ("C", "F"):
        # help: use order='C' (row-major, the default) or 'F' (column-major)
        raise ValueError("only 'C' or 'F' order is permitted")
    for c in coords:
        if _is_float(c) or c.dtype == bool_:
            # help: indices are integers: convert with .astype(int)
            raise TypeError("only int indices permitted")
    coords = broadcast_arrays(*coords) if nd > 0 else []
    out = None
    fixed = []
    for k in _py.range(nd):
        c = coords[k].astype(_int)
        n = dims[k]
        m = modes[k]
        if m == "wrap":
            c = c % n
        elif m == "clip":
            c = clip(c, 0, n - 1)
        elif m == "raise":
            if c.size > 0 and (_py.int(min(c)) < 0 or _py.int(max(c)) >= n):
                # help: each index must lie in 0 .. dims[k] - 1; use mode='wrap' or 'clip'
                # to fold the others in
                raise ValueError("invalid entry in coordinates array")
        else:
            # help: mode is 'raise', 'wrap' or 'clip'
            raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got '{m}')")
        fixed.append(c)
    axes = _py.range(nd) if order == "C" else _py.range(nd - 1, -1, -1)
    for k in axes:
        out = fixed[k] if out is None else out * dims[k] + fixed[k]
    if out is None:
        return array(0, dtype=_int)
    return out


def indices(dimensions, dtype=int, sparse=False):
    """Return an array representing the indices of a grid: shape (N, *dimensions).

    indices(dimensions, dtype=int, sparse=False)
    Row k holds each position's k-th index; sparse=True returns a tuple of arrays shaped to
    broadcast against each other.

    >>> print(np.indices((2, 3))[1])
    [[0 1 2]
     [0 1 2]]
    """
    dims = _py.list(dimensions)
    nd = _py.len(dims)
    out = []
    for k in _py.range(nd):
        s = [1] * nd
        s[k] = dims[k]
        g = arange(dims[k], dtype=dtype).reshape(s)
        out.append(g if sparse else broadcast_to(g, dims))
    if sparse:
        return _py.tuple(out)
    if nd == 0:
        return zeros((0,), dtype=dtype)
    return stack(out)


def ix_(*args):
    """Construct an open mesh from multiple sequences, for indexing the cross product.

    ix_(*args): a[np.ix_(rows, cols)] picks the sub-matrix of those rows and columns.

    >>> a = np.arange(10).reshape(2, 5)
    >>> print(a[np.ix_([0, 1], [2, 4])])
    [[2 4]
     [7 9]]
    """
    out = []
    nd = _py.len(args)
    for k, s in _py.enumerate(args):
        v = asarray(s)
        if v.ndim != 1:
            # help: give ix_ one 1-d sequence per dimension
            raise ValueError("Cross index must be 1 dimensional")
        if v.dtype == bool_:
            v = nonzero(v)[0]
        elif v.size == 0:
            v = v.astype(_int)
        shape = [1] * nd
        shape[k] = v.shape[0]
        out.append(v.reshape(shape))
    return _py.tuple(out)


def _check_kth(a, kth, axis):
    ax = _norm_axis(axis, a.ndim)
    n = a.shape[ax]
    for k in (kth if _is_seq(kth) else [kth]):
        k = _py.int(k)
        if k < -n or k >= n:
            # help: kth is a position along the axis, from 0 to its length - 1 (or back from -1)
            raise ValueError(f"kth(={k}) out of bounds ({n})")


def partition(a, kth, axis=-1, kind="introselect", order=None):
    """Return a partitioned copy of an array: the k-th element in its sorted place.

    partition(a, kth, axis=-1)
    Every element before position kth is no greater than it, every one after no smaller; the
    order within the two parts is unspecified (Slope returns a full sort, which satisfies this).

    >>> print(np.partition(np.array([7, 1, 7, 7, 1, 5, 7, 2, 3, 2, 6, 2, 3, 0]), 4)[4])
    2
    """
    a = asarray(a)
    if axis is None:
        a = ravel(a)
        axis = 0
    _check_kth(a, kth, axis)
    return sort(a, axis=axis)


def argpartition(a, kth, axis=-1, kind="introselect", order=None):
    """Returns the indices that would partition an array (see partition).

    argpartition(a, kth, axis=-1)
    a[argpartition(a, k)][k] is the value a sorted copy holds at k (Slope returns a stable
    argsort, which satisfies this).

    >>> x = np.array([3, 4, 2, 1])
    >>> print(x[np.argpartition(x, 3)][3])
    4
    """
    a = asarray(a)
    if axis is None:
        a = ravel(a)
        axis = 0
    _check_kth(a, kth, axis)
    return argsort(a, axis=axis, kind="stable")


# ---------------------------------------------------------------------------------------------
# Polynomials, signals, elementwise helpers, bits, printing.


def vander(x, N=None, increasing=False):
    """Generate a Vandermonde matrix: columns are powers of x (decreasing by default).

    vander(x, N=None, increasing=False)

    >>> print(np.vander(np.array([1, 2, 3]), 3))
    [[1 1 1]
     [4 2 1]
     [9 3 1]]
    """
    x = asarray(x)
    if x.ndim != 1:
        # help: vander takes a 1-d array
        raise ValueError("x must be a one-dimensional array or sequence.")
    n = x.shape[0] if N is None else N
    cols = []
    p = ones_like(x)
    for _ in _py.range(n):
        cols.append(p)
        p = p * x
    if not increasing:
        cols = cols[::-1]
    if n == 0:
        return zeros((x.shape[0], 0), dtype=x.dtype)
    return stack(cols, axis=1)


def polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False):
    """Least squares polynomial fit: the coefficients p (highest power first) minimising the
    squared error of polyval(p, x) against y.

    polyfit(x, y, deg, rcond=None, full=False, w=None)
    y may be 2-d (one fit per column). full=True also returns (residuals, rank,
    singular_values, rcond) of the scaled least-squares problem, as numpy.

    >>> print(np.polyfit(np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0]), 1).round(6))
    [2. 1.]
    """
    if _jax:
        import jax.numpy as _m
    else:
        import numpy as _m
    order = _py.int(deg) + 1
    x = _to_float(x)
    y = _to_float(y)
    if deg < 0:
        # help: the degree of the fitted polynomial is 0 or more
        raise ValueError("expected deg >= 0")
    if x.ndim != 1:
        # help: polyfit takes 1-d sample points x
        raise TypeError("expected 1D vector for x")
    if x.size == 0:
        raise TypeError("expected non-empty vector for x")
    if y.ndim < 1 or y.ndim > 2:
        raise TypeError("expected 1D or 2D array for y")
    if x.shape[0] != y.shape[0]:
        # help: give one y value (or row) per x value
        raise TypeError("expected x and y to have same length")
    if rcond is None:
        rcond = x.shape[0] * 2.220446049250313e-16
    lhs = vander(x, order)
    rhs = y
    if w is not None:
        w = _to_float(w)
        lhs = lhs * w.reshape(-1, 1)
        rhs = rhs * w if rhs.ndim == 1 else rhs * w.reshape(-1, 1)
    scale = sqrt(sum(lhs * lhs, axis=0))
    lhs = lhs / scale
    c, resids, rank, s = _m.linalg.lstsq(lhs, rhs, rcond)
    c = (c.T / scale).T
    if full:
        return c, resids, rank, s, rcond
    if cov:
        raise NotImplementedError("polyfit: cov=True is not supported in Slope")
    return c


def correlate(a, v, mode="valid"):
    """Cross-correlation of two 1-dimensional sequences: c[k] = sum_n a[n + k] * v[n].

    correlate(a, v, mode='valid'); mode 'valid', 'same' or 'full' as in convolve.

    >>> print(np.correlate([1, 2, 3], [0, 1, 0.5]))
    [3.5]
    """
    a = ravel(a)
    v = ravel(v)
    if v.shape[0] > a.shape[0]:
        # numpy swaps the inputs and reverses the result.
        return flip(correlate(v, a, mode))
    return convolve(a, flip(v), mode)


def signbit(x):
    """Returns element-wise True where signbit is set (less than zero, or -0.0).

    signbit(x)

    >>> print(np.signbit(np.array([-1.5, 0.0, -0.0, 2.0])))
    [ True False  True False]
    """
    x = asarray(x)
    if not _is_float(x):
        return less(x, 0)
    # -0.0 is the zero whose reciprocal is -inf.
    return less(x, 0) | (equal(x, 0) & less(1.0 / where(equal(x, 0), x, 1.0), 0))


def divmod(x1, x2):
    """divmod(x1, x2): (floor_divide(x1, x2), remainder(x1, x2)) elementwise, numpy's ufunc.

    >>> print(np.divmod(np.array([7, -7]), 2))
    (array([ 3, -4]), array([1, 1]))"""
    return (floor_divide(x1, x2), remainder(x1, x2))


def copysign(x1, x2):
    """Change the sign of x1 to that of x2, element-wise.

    copysign(x1, x2)

    >>> print(np.copysign(np.array([-1.0, 0.0, 1.0]), -1.1))
    [-1. -0. -1.]
    """
    a = _to_float(x1)
    b = _to_float(x2)
    dt = _common_dtype(a, b)
    m = abs(a).astype(dt)
    return where(signbit(b), negative(m), m)


def logaddexp(x1, x2):
    """Logarithm of the sum of exponentiations of the inputs, log(exp(x1) + exp(x2)),
    without overflow.

    logaddexp(x1, x2)

    >>> print(np.logaddexp(np.log(1e-50), np.log(2.5e-50)) - np.log(3.5e-50))
    0.0
    """
    a = _to_float(x1)
    b = _to_float(x2)
    m = maximum(a, b)
    d = a - b
    # Equal arguments (infinities included) give x + log(2); NaNs propagate through d.
    same = equal(a, b)
    r = m + log1p(exp(negative(abs(where(same, 0.0, d)))))
    return where(same, a + 0.6931471805599453, r)


def logaddexp2(x1, x2):
    """Logarithm of the sum of exponentiations of the inputs in base-2, log2(2**x1 + 2**x2).

    logaddexp2(x1, x2)

    >>> print(np.logaddexp2(3.0, 3.0))
    4.0
    """
    a = _to_float(x1)
    b = _to_float(x2)
    m = maximum(a, b)
    same = equal(a, b)
    d = negative(abs(where(same, 0.0, a - b)))
    r = m + log1p(exp2(d)) / 0.6931471805599453
    return where(same, a + 1.0, r)


def fromfunction(function, shape, *, dtype=float, like=None, **kwargs):
    """Construct an array by calling function on the index arrays of each coordinate.

    fromfunction(function, shape, *, dtype=float, **kwargs)

    >>> print(np.fromfunction(lambda i, j: 10 * i + j, (2, 3), dtype=int))
    [[ 0  1  2]
     [10 11 12]]
    """
    args = indices(shape, dtype=dtype)
    return function(*[args[k] for k in _py.range(_py.len(shape))], **kwargs)


class _IndexExpression:
    """np.s_ and np.index_exp: the index written between brackets, as a value."""

    def __init__(self, maketuple):
        self.maketuple = maketuple

    def __getitem__(self, item):
        if self.maketuple and not _py.isinstance(item, tuple):
            return (item,)
        return item


s_ = _IndexExpression(False)
index_exp = _IndexExpression(True)


def _grid_axis(sl):
    # One axis of np.mgrid/np.ogrid: start + step * arange(n), as numpy's nd_grid.
    if not _py.isinstance(sl, slice):
        # help: index mgrid/ogrid with slices, e.g. np.mgrid[0:5, 0:3]
        raise TypeError("mgrid and ogrid take slices (start:stop:step)")
    start = 0 if sl.start is None else sl.start
    step = 1 if sl.step is None else sl.step
    stop = sl.stop
    n = _py.max(0, _py.int(ceil((stop - start) / step)))
    isfloat = _py.any(_py.isinstance(v, _py.float) for v in (start, stop, step))
    return arange(n, dtype=float64 if isfloat else int64) * step + start


class _NdGrid:
    """np.mgrid (dense) and np.ogrid (open): coordinate grids from slices."""

    def __init__(self, sparse):
        self.sparse = sparse

    def __getitem__(self, key):
        if not _py.isinstance(key, tuple):
            return _grid_axis(key)
        axes = [_grid_axis(k) for k in key]
        if _py.any(a.dtype == float64 for a in axes):
            axes = [a.astype(float64) for a in axes]
        nd = _py.len(axes)
        if self.sparse:
            out = []
            for i, a in _py.enumerate(axes):
                shape = [1] * nd
                shape[i] = a.shape[0]
                out.append(a.reshape(tuple(shape)))
            return tuple(out)
        return stack(meshgrid(*axes, indexing="ij"))


mgrid = _NdGrid(False)
ogrid = _NdGrid(True)


class _AxisConcatenator:
    """np.r_ and np.c_: arrays, scalars and slices joined along an axis."""

    def __init__(self, axis, ndmin, trans1d):
        self.axis = axis
        self.ndmin = ndmin
        self.trans1d = trans1d

    def _promote(self, a, trans1d, ndmin):
        a = asarray(a)
        nd = a.ndim
        if nd >= ndmin:
            return a
        a = a.reshape((1,) * (ndmin - nd) + a.shape)
        if trans1d != -1:
            k2 = ndmin - nd
            k1 = trans1d if trans1d >= 0 else trans1d + k2 + 1
            defaxes = _py.list(_py.range(ndmin))
            a = a.transpose(defaxes[:k1] + defaxes[k2:] + defaxes[k1:k2])
        return a

    def __getitem__(self, key):
        if not _py.isinstance(key, tuple):
            key = (key,)
        axis, ndmin, trans1d = self.axis, self.ndmin, self.trans1d
        objs = []
        for k, item in _py.enumerate(key):
            if _py.isinstance(item, str):
                if k != 0:
                    raise ValueError("special directives must be the first entry.")
                if item in ("r", "c"):
                    raise NotImplementedError("np.r_['r'] and ['c'] (numpy matrices) are not supported in Slope")
                try:
                    vec = [_py.int(x) for x in item.split(",")]
                except ValueError:
                    raise ValueError(f"unknown special directive {item!r}")
                axis = vec[0]
                if _py.len(vec) > 1:
                    ndmin = vec[1]
                if _py.len(vec) > 2:
                    trans1d = vec[2]
                continue
            if _py.isinstance(item, slice):
                new = _grid_axis(item)
                if ndmin > 1:
                    new = self._promote(new, trans1d, ndmin)
            elif _py.isinstance(item, (_py.int, _py.float, _py.bool)):
                new = array(item)
                new = new.reshape((1,) * _py.max(ndmin, 1))
            else:
                new = self._promote(item, trans1d, _py.max(ndmin, 1) if ndmin > 0 else 0)
                if new.ndim == 0:
                    new = new.reshape((1,))
            objs.append(new)
        if _py.len(objs) == 0:
            return array([])
        return concatenate(objs, axis=axis)

    def __len__(self):
        return 0


r_ = _AxisConcatenator(0, 1, -1)
c_ = _AxisConcatenator(-1, 2, 0)


def fromiter(iter, dtype, count=-1, like=None):
    """Create a new 1-dimensional array from an iterable object.

    fromiter(iter, dtype, count=-1)

    >>> print(np.fromiter((x * x for x in range(5)), dtype=float))
    [ 0.  1.  4.  9. 16.]
    """
    items = []
    if count < 0:
        items = _py.list(iter)
    else:
        it = _py.iter(iter)
        for _ in _py.range(count):
            try:
                items.append(_py.next(it))
            except StopIteration:
                # help: the iterable ran out: give a smaller count, or count=-1 for all items
                raise ValueError(f"iterator too short: Expected {count} but iterator had only {_py.len(items)} items.")
    return array(items, dtype=dtype).reshape(_py.len(items))


def _bit_weights(bitorder):
    if bitorder == "big":
        return [128, 64, 32, 16, 8, 4, 2, 1]
    if bitorder == "little":
        return [1, 2, 4, 8, 16, 32, 64, 128]
    # help: bitorder is 'big' (the default) or 'little'
    raise ValueError("'order' must be either 'little' or 'big'")


def packbits(a, axis=None, bitorder="big"):
    """Packs the elements of a binary-valued array into bits of bytes (values 0..255).

    packbits(a, axis=None, bitorder='big')
    Nonzero elements are 1 bits; the axis is padded with zeros to a multiple of 8; the bytes
    come back as uint8.

    >>> print(np.packbits(np.array([1, 0, 1, 1, 0, 0, 0, 1, 1])))
    [177 128]
    """
    a = asarray(a)
    if _is_float(a):
        # help: packbits takes integers or booleans: convert with a.astype(bool)
        raise TypeError("Expected an input array of integer or boolean data type")
    if axis is None:
        a = ravel(a)
        axis = 0
    ax = _norm_axis(axis, a.ndim)
    bits = not_equal(moveaxis(a, ax, -1), 0).astype(int64)
    n = bits.shape[-1]
    pad = (-n) % 8
    if pad:
        bits = concatenate([bits, zeros(_py.tuple(bits.shape[:-1]) + (pad,), dtype=int64)], axis=-1)
    groups = bits.reshape(_py.tuple(bits.shape[:-1]) + ((n + pad) // 8, 8))
    packed = sum(groups * array(_bit_weights(bitorder), dtype=int64), axis=-1).astype(uint8)
    return moveaxis(packed, -1, ax)


def unpackbits(a, axis=None, count=None, bitorder="big"):
    """Unpacks elements of a byte-valued array (values 0..255) into a binary-valued output.

    unpackbits(a, axis=None, count=None, bitorder='big')
    Each byte becomes 8 elements (0 or 1); `count` keeps that many bits along the axis (or
    drops -count from its end); the bits come back as uint8.

    >>> print(np.unpackbits(np.array([2, 7, 23])))
    [0 0 0 0 0 0 1 0 0 0 0 0 0 1 1 1 0 0 0 1 0 1 1 1]
    """
    a = asarray(a)
    if _is_float(a) or a.dtype == bool_:
        # help: unpackbits takes bytes: an integer array with values 0..255
        raise TypeError("Expected an input array of unsigned byte data type")
    if a.size > 0 and (_py.int(min(a)) < 0 or _py.int(max(a)) > 255):
        # help: each value must be a byte, 0..255
        raise ValueError("unpackbits: values must be bytes (0..255)")
    if axis is None:
        a = ravel(a)
        axis = 0
    ax = _norm_axis(axis, a.ndim)
    v = moveaxis(a.astype(int64), ax, -1)
    w = array(_bit_weights(bitorder), dtype=int64)
    bits = (v.reshape(_py.tuple(v.shape) + (1,)) // w) % 2
    bits = bits.reshape(_py.tuple(v.shape[:-1]) + (v.shape[-1] * 8,))
    if count is not None:
        total = bits.shape[-1]
        keep = count if count >= 0 else _py.max(total + count, 0)
        if keep <= total:
            bits = bits[..., :keep]
        else:
            bits = concatenate([bits, zeros(_py.tuple(bits.shape[:-1]) + (keep - total,), dtype=int64)], axis=-1)
    return moveaxis(bits.astype(uint8), -1, ax)


def get_printoptions():
    """Return the current print options (precision, threshold, edgeitems, linewidth, suppress).

    get_printoptions()
    """
    return _printoptions()


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, legacy=None, override_repr=None):
    """Set printing options: how print and repr show arrays from now on.

    set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None)
    precision: digits after the decimal point (default 8); threshold: more elements than this
    are summarised with '...'; edgeitems: items shown at each end then; linewidth: where rows
    wrap; suppress=True prints small numbers positionally, never in scientific notation.
    Scalars are unaffected, as in numpy. Other numpy options are not supported.

    >>> np.set_printoptions(precision=3)
    >>> print(np.array([1 / 3, 2 / 3]))
    [0.333 0.667]
    >>> np.set_printoptions(precision=8)
    """
    for name, v in (("nanstr", nanstr), ("infstr", infstr), ("formatter", formatter), ("sign", sign), ("floatmode", floatmode), ("legacy", legacy)):
        if v is not None:
            raise NotImplementedError(f"set_printoptions: {name}= is not supported in Slope (precision, threshold, edgeitems, linewidth and suppress are)")
    if precision is not None and (not _py.isinstance(precision, _py.int) or precision < 0):
        # help: precision is a number of digits, 0 or more
        raise ValueError("precision must be a non-negative integer")
    kw = {}
    for name, v in (("precision", precision), ("threshold", threshold), ("edgeitems", edgeitems), ("linewidth", linewidth), ("suppress", suppress)):
        if v is not None:
            kw[name] = v
    _printoptions(**kw)


class printoptions:
    """Context manager for setting print options, restored when the block ends.

    with np.printoptions(precision=2, suppress=True): ...  (the arguments of set_printoptions)

    >>> with np.printoptions(precision=2):
    ...     print(np.array([2.0]) / 3)
    [0.67]
    """

    def __init__(self, *args, **kwargs):
        self._args = args
        self._kwargs = kwargs

    def __enter__(self):
        self._saved = get_printoptions()
        set_printoptions(*self._args, **self._kwargs)
        return get_printoptions()

    def __exit__(self, *exc):
        _printoptions(**self._saved)
        return False


# ---------------------------------------------------------------------------------------------
# Machine limits and type promotion: finfo, iinfo, promote_types, result_type, can_cast,
# issubdtype and numpy's abstract scalar types.


class _AbstractType:
    """One of numpy's abstract scalar types (np.floating, np.integer, ...), for issubdtype."""

    def __init__(self, name, kinds):
        self.__name__ = name
        self._kinds = kinds

    def __repr__(self):
        return f"<class 'numpy.{self.__name__}'>"


generic = _AbstractType("generic", "biuf")
number = _AbstractType("number", "iuf")
integer = _AbstractType("integer", "iu")
signedinteger = _AbstractType("signedinteger", "i")
unsignedinteger = _AbstractType("unsignedinteger", "u")
inexact = _AbstractType("inexact", "f")
floating = _AbstractType("floating", "f")


def _dtype_of(x):
    """The dtype an argument stands for: a dtype, a dtype name, a Python type, or an array's."""
    if _py.isinstance(x, ndarray):
        return x.dtype
    if x is _py.float:
        return dtype(float64)
    if x is _py.int:
        return dtype(int64 if not _jax else int32)
    if x is _py.bool:
        return dtype(bool_)
    if _py.isinstance(x, (_py.float, _py.int, _py.bool)):
        return asarray(x).dtype
    return dtype(x)


def issubdtype(arg1, arg2):
    """issubdtype(arg1, arg2): whether the dtype arg1 is of the kind arg2 (a dtype, or an
    abstract type such as np.floating, np.integer, np.number).

    >>> np.issubdtype(np.float32, np.floating), np.issubdtype(np.int64, np.floating)
    (True, False)
    """
    if _py.isinstance(arg2, _AbstractType):
        if _py.isinstance(arg1, _AbstractType):
            return _py.all(k in arg2._kinds for k in arg1._kinds)
        return _dtype_of(arg1).kind in arg2._kinds
    if _py.isinstance(arg1, _AbstractType):
        return False
    return _dtype_of(arg1) == _dtype_of(arg2)


class finfo:
    """finfo(dtype): machine limits of a floating dtype: eps, epsneg, max, min, tiny
    (smallest_normal), resolution, precision, bits.

    >>> print(np.finfo(np.float32).eps, np.finfo(np.float64).max)
    1.1920929e-07 1.7976931348623157e+308
    """

    def __init__(self, dtype):
        d = _dtype_of(dtype)
        if d.kind != "f":
            # help: finfo is for floating types; use np.iinfo for integers
            raise ValueError(f"data type <class 'numpy.{d}'> not inexact")
        self.dtype = d
        if d.itemsize == 2:
            self.bits, self.precision = 16, 3
            vals = (2.0 ** -10, 2.0 ** -11, 65504.0, 2.0 ** -14, 1e-03, 2.0 ** -24)
            self.nmant, self.nexp, self.minexp, self.maxexp = 10, 5, -14, 16
        elif d == dtype_float32():
            self.bits, self.precision = 32, 6
            vals = (2.0 ** -23, 2.0 ** -24, 3.4028234663852886e+38, 2.0 ** -126, 1e-06, 2.0 ** -149)
            self.nmant, self.nexp, self.minexp, self.maxexp = 23, 8, -126, 128
        else:
            self.bits, self.precision = 64, 15
            vals = (2.0 ** -52, 2.0 ** -53, 1.7976931348623157e+308, 2.0 ** -1022, 1e-15, 5e-324)
            self.nmant, self.nexp, self.minexp, self.maxexp = 52, 11, -1022, 1024
        eps, epsneg, mx, tiny, res, sub = [asarray(v, dtype=d)[()] for v in vals]
        self.eps = eps
        self.epsneg = epsneg
        self.max = mx
        self.min = -mx
        self.tiny = tiny
        self.smallest_normal = tiny
        self.smallest_subnormal = sub
        self.resolution = res
        self.machep = -self.nmant
        self.negep = -self.nmant - 1

    def __repr__(self):
        return f"finfo(resolution={_py.str(self.resolution)}, min={_py.str(self.min)}, max={_py.str(self.max)}, dtype={self.dtype})"


def dtype_float32():
    return dtype(float32)


class iinfo:
    """iinfo(dtype): machine limits of an integer dtype: min, max, bits.

    >>> print(np.iinfo(np.int32).max, np.iinfo(np.int64).min)
    2147483647 -9223372036854775808
    """

    def __init__(self, int_type):
        d = _dtype_of(int_type)
        if d.kind not in "iu":
            # help: iinfo is for integer types; use np.finfo for floats
            raise ValueError(f"Invalid integer data type {d.kind!r}.")
        self.dtype = d
        self.kind = d.kind
        self.bits = d.itemsize * 8
        if d.kind == "u":
            # Slope's ints are 64-bit: uint64's max is the float 2**64 - 1 rounds to (a departure).
            self.max = 2 ** self.bits - 1 if self.bits < 64 else 18446744073709551615.0
            self.min = 0
        else:
            self.max = 2 ** (self.bits - 2) - 1 + 2 ** (self.bits - 2)
            self.min = -self.max - 1

    def __repr__(self):
        return f"iinfo(min={self.min}, max={self.max}, dtype={self.dtype})"


def promote_types(type1, type2):
    """promote_types(type1, type2): the smallest dtype both cast to safely (numpy's table; under
    jax.numpy, JAX's lattice, where int32 and float32 give float32).

    >>> np.promote_types(np.int32, np.float32), np.promote_types('int64', 'float32')
    (dtype('float64'), dtype('float64'))
    """
    a = zeros((), dtype=_dtype_of(type1))
    b = zeros((), dtype=_dtype_of(type2))
    return (a + b).dtype if (a.dtype != bool_ or b.dtype != bool_) else a.dtype


def result_type(*arrays_and_dtypes):
    """result_type(*arrays_and_dtypes): the dtype numpy's promotion gives these operands (Python
    scalars are weak, as in numpy 2).

    >>> np.result_type(np.int32, 1.0), np.result_type(np.arange(3), 2)
    (dtype('float64'), dtype('int64'))
    """
    if not arrays_and_dtypes:
        # help: pass at least one array or dtype
        raise ValueError("at least one array or dtype is required")
    acc = None
    for x in arrays_and_dtypes:
        if _py.isinstance(x, (_py.int, _py.float, _py.bool)) and not _py.isinstance(x, ndarray):
            v = x
        else:
            v = zeros((), dtype=_dtype_of(x))
        if acc is None:
            acc = asarray(v) if not _py.isinstance(v, (_py.int, _py.float, _py.bool)) else v
        elif _py.isinstance(acc, ndarray) and acc.dtype == bool_ and _py.isinstance(v, ndarray) and v.dtype == bool_:
            acc = acc
        else:
            acc = acc + v
    return asarray(acc).dtype


_CAST_ORDER = {"b": 0, "u": 1, "i": 2, "f": 3}


def can_cast(from_, to, casting="safe"):
    """can_cast(from_, to, casting='safe'): whether a cast keeps every value ('safe'), stays in
    the same kind or a higher one ('same_kind'), or any cast at all ('unsafe').

    >>> np.can_cast(np.int32, np.float64), np.can_cast(np.float64, np.int64), np.can_cast(np.float64, np.int64, 'unsafe')
    (True, False, True)
    """
    if _py.isinstance(from_, (_py.int, _py.float, _py.bool)) and not _py.isinstance(from_, ndarray):
        # help: pass a dtype or an array: np.can_cast(np.asarray(x).dtype, to)
        raise TypeError("can_cast() does not support Python ints, floats, and complex because the result used to depend on the value.\nThis change was part of adopting NEP 50, we may explicitly allow them again in the future.")
    a = _dtype_of(from_)
    b = _dtype_of(to)
    if casting == "unsafe":
        return True
    if casting in ("no", "equiv"):
        return a == b
    if casting == "same_kind":
        return _CAST_ORDER[a.kind] <= _CAST_ORDER[b.kind]
    if casting != "safe":
        # help: casting is 'no', 'equiv', 'safe', 'same_kind' or 'unsafe'
        raise ValueError("casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'")
    if a == b or a.kind == "b":
        return True
    if a.kind == "f":
        return b.kind == "f" and b.itemsize >= a.itemsize
    if b.kind == "f":
        # numpy counts int64/uint64 to float64 as safe.
        return b.itemsize > a.itemsize or b.itemsize == 8
    if a.kind == "u" and b.kind == "i":
        return b.itemsize > a.itemsize
    return b.kind == a.kind and b.itemsize >= a.itemsize


# ---------------------------------------------------------------------------------------------
# Files: std/py/np_io.py (numpy._io) over the native _npyio; jnp.load returns JAX arrays.

def save(file, arr, allow_pickle=True, fix_imports=True):
    """save(file, arr): write arr to the .npy file `file` (numpy's format, byte for byte; '.npy' is added to a name without it)."""
    import numpy._io
    return numpy._io.save(file, arr, allow_pickle, fix_imports)


def load(file, mmap_mode=None, allow_pickle=False, fix_imports=True, encoding='ASCII', *, max_header_size=10000):
    """load(file): the array of a .npy file, or a dict-like NpzFile for an .npz archive."""
    import numpy._io
    return numpy._io.load(file, _jax=_jax)


def savez(file, *args, **kwds):
    """savez(file, *args, **kwds): several arrays in one .npz archive (positional ones named arr_0, arr_1, ...)."""
    import numpy._io
    return numpy._io.savez(file, *args, **kwds)


def savez_compressed(file, *args, **kwds):
    """savez_compressed(file, *args, **kwds): several arrays in one deflate-compressed .npz archive."""
    import numpy._io
    return numpy._io.savez_compressed(file, *args, **kwds)


def loadtxt(fname, *args, **kwargs):
    """loadtxt(fname, dtype=float, comments='#', delimiter=None, skiprows=0, usecols=None, unpack=False, ndmin=0, max_rows=None): the numbers of a text file, one row per line."""
    import numpy._io
    return asarray(numpy._io.loadtxt(fname, *args, **kwargs))


def genfromtxt(fname, *args, **kwargs):
    """genfromtxt(fname, dtype=float, comments='#', delimiter=None, skip_header=0, skip_footer=0, missing_values=None, filling_values=None, usecols=None): like loadtxt, missing values as nan."""
    import numpy._io
    return asarray(numpy._io.genfromtxt(fname, *args, **kwargs))


def savetxt(fname, X, *args, **kwargs):
    """savetxt(fname, X, fmt='%.18e', delimiter=' ', newline='\\n', header='', footer='', comments='# '): write a 1-d or 2-d array as text."""
    import numpy._io
    return numpy._io.savetxt(fname, X, *args, **kwargs)


def bitwise_count(x):
    """The number of 1-bits in the absolute value of each integer of x, as uint8 (numpy 2's
    ufunc; jax.numpy's is the same).

    bitwise_count(x)

    >>> print(np.bitwise_count(np.array([0, 1, 7, 255, -1])))
    [0 1 3 8 1]
    """
    x = asarray(x)
    k = x.dtype.kind
    if k == "b":
        return x.astype(uint8)
    if k not in "iu":
        # help: bitwise_count counts the bits of integers; cast with .astype(int) first
        raise TypeError(f"ufunc 'bitwise_count' not supported for the input type {x.dtype}")
    bits = x.dtype.itemsize * 8
    v = abs(x) if k == "i" else x
    # Count in the unsigned type of the same width (abs of the most negative value wraps to
    # itself, whose unsigned bits are a single 1, as numpy counts).
    u = v.astype({8: uint8, 16: uint16, 32: uint32, 64: uint64}[bits])
    n = zeros(u.shape, dtype=uint8)
    for i in _py.range(bits):
        n = n + bitwise_and(right_shift(u, i), 1).astype(uint8)
    return n


def nextafter(x1, x2):
    """The next floating-point value after x1 towards x2, element-wise (one unit in the last
    place, through the bit pattern; subnormals included).

    nextafter(x1, x2)

    >>> print(np.nextafter(np.array([1.0, 0.0]), np.array([2.0, -1.0])) - np.array([1.0, 0.0]))
    [ 2.22044605e-016 -4.94065646e-324]
    """
    a = _to_float(x1)
    b = _to_float(x2)
    dt = _common_dtype(a, b)
    a = a.astype(dt)
    b = b.astype(dt)
    idt = {2: int16, 4: int32, 8: int64}[dt.itemsize]
    bits = a.view(idt)
    # Away from zero when moving outwards (b beyond a on a's side of zero), else towards it.
    away = (b > a) == (a > 0)
    step = where(away, 1, -1).astype(idt)
    moved = (bits + step).view(dt)
    tiny = asarray(1, dtype=idt).view(dt)
    from_zero = where(b > a, tiny, negative(tiny))
    out = where(a == 0, from_zero, moved)
    out = where(a == b, b, out)
    return where(isnan(a) | isnan(b), a + b, out)


class _CpuDevice:
    """The device a jax.Array lives on, as JAX shows it: CpuDevice(id=0). Slope's arrays are
    computed on the host CPU or its GPU; JAX programs that ask where an array lives (x.device,
    x.devices(), jax.devices()) see the one device JAX would show on a CPU machine."""

    def __init__(self):
        self.id = 0
        self.platform = "cpu"
        self.device_kind = "cpu"
        self.process_index = 0
        self.host_id = 0

    def __repr__(self):
        return "CpuDevice(id=0)"

    def __str__(self):
        return "cpu:0"

    def __eq__(self, other):
        return _py.isinstance(other, _CpuDevice)

    def __hash__(self):
        return 0


_CPU_DEVICE = _CpuDevice()


def _array_device(a):
    """`a.device`: numpy 2's "cpu" for numpy arrays; JAX's device object for jax.Arrays."""
    return _CPU_DEVICE if _jax else "cpu"


def _array_devices(a):
    """`a.devices()`: the set of devices holding a jax.Array."""
    return {_CPU_DEVICE}


class _SingleDeviceSharding:
    """JAX's SingleDeviceSharding: an array placed whole on one device."""

    def __init__(self, device):
        self._device = device
        self.memory_kind = "device"
        self.device_set = {device}
        self.is_fully_replicated = True
        self.is_fully_addressable = True
        self.num_devices = 1

    def __repr__(self):
        return f"SingleDeviceSharding(device={self._device!r}, memory_kind=device)"

    def __eq__(self, other):
        return _py.isinstance(other, _SingleDeviceSharding) and other._device == self._device

    def __hash__(self):
        return 1


_CPU_SHARDING = _SingleDeviceSharding(_CPU_DEVICE)


def _array_sharding(a):
    """`a.sharding`: a jax.Array lives whole on the one device."""
    if not _jax:
        raise AttributeError("'numpy.ndarray' object has no attribute 'sharding'")
    return _CPU_SHARDING


def show_config(mode="stdout"):
    """Print how this numpy is built: in Slope, numpy is Slope's own (in Rust, no BLAS or
    LAPACK library): the numpy version it follows, its array backends and its dense products."""
    info = {
        "Slope": {"numpy version followed": __version__, "array library": "Slope (Rust)"},
        "Backends": {"cpu": "Cranelift JIT kernels", "gpu": "wgpu compute shaders"},
        "Products": {"matmul": "gemm crate", "linalg": "Slope's own (classic algorithms)"},
    }
    if mode == "dicts":
        return info
    for section, items in info.items():
        print(section + ":")
        for k, v in items.items():
            print(f"  {k}: {v}")


# ---------------------------------------------------------------------------------------------
# Functions that numpy's own docstring examples use: vectorize, piecewise, choose, compress,
# extract, place, resize, unwrap, trim_zeros, the cumulative_* of numpy 2, windows, i0,
# binary_repr/base_repr, and the several-indices form of insert and interp(period=).


class _NoValueType:
    """The default of an argument that was not given (numpy's np._NoValue)."""

    def __repr__(self):
        return "<no value>"


_NOVALUE = _NoValueType()

# numpy's one-letter type codes that vectorize(otypes="...") accepts.
_TYPECODES_ALL = "?bhilqnpBHILQNPefdgFDGSUVOMm"


def _otype_dtype(t):
    """The dtype of one of vectorize's otypes (a type code, a type or a dtype)."""
    return dtype(t)


class vectorize:
    """Returns an object that acts like pyfunc, but takes arrays as input: pyfunc is called on
    each element of the broadcast inputs (a Python loop, as numpy's).

    vectorize(pyfunc=np._NoValue, otypes=None, doc=None, excluded=None, cache=False, signature=None)
    """

    def __init__(self, pyfunc=_NOVALUE, otypes=None, doc=None, excluded=None, cache=False, signature=None):
        if pyfunc is not _NOVALUE and not _py.callable(pyfunc):
            # help: pass the function first, or use @np.vectorize(otypes=...) with keywords only
            raise TypeError("When used as a decorator, only accepts keyword arguments.")
        self._core_dims = None if signature is None else _parse_gufunc_signature(signature)
        self.pyfunc = pyfunc
        self.cache = cache
        self.signature = signature
        if pyfunc is not _NOVALUE and _py.hasattr(pyfunc, "__name__"):
            self.__name__ = pyfunc.__name__
        self._doc = None
        self.__doc__ = doc
        if doc is None and pyfunc is not _NOVALUE:
            self.__doc__ = pyfunc.__doc__
        else:
            self._doc = doc
        if _py.isinstance(otypes, _py.str):
            for char in otypes:
                if char not in _TYPECODES_ALL:
                    # help: otypes is a string of type codes ('d', 'l', '?') or a list of dtypes
                    raise ValueError(f"Invalid otype specified: {char}")
        elif _is_seq(otypes):
            otypes = [_otype_dtype(x) for x in otypes]
        elif otypes is not None:
            # help: otypes is a string of type codes ('d', 'l', '?') or a list of dtypes
            raise ValueError("Invalid otype specification")
        self.otypes = otypes
        self.excluded = _py.set() if excluded is None else _py.set(excluded)

    def __call__(self, *args, **kwargs):
        if self.pyfunc is _NOVALUE:
            # @np.vectorize(otypes=...) over a def: this call hands over the function.
            pyfunc = args[0]
            self.__name__ = pyfunc.__name__
            self.pyfunc = pyfunc
            self.__doc__ = pyfunc.__doc__ if self._doc is None else self._doc
            return self
        excluded = self.excluded
        nargs = _py.len(args)
        names = [n for n in kwargs if n not in excluded]
        inds = [i for i in _py.range(nargs) if i not in excluded]
        vargs = [args[i] for i in inds] + [kwargs[n] for n in names]
        if not vargs and self._core_dims is None:
            return self.pyfunc(*args, **kwargs)
        the_args = _py.list(args)
        kw = _py.dict(kwargs)
        pyfunc = self.pyfunc

        def call(vals):
            for k in _py.range(_py.len(inds)):
                the_args[inds[k]] = vals[k]
            for k in _py.range(_py.len(names)):
                kw[names[k]] = vals[_py.len(inds) + k]
            return pyfunc(*the_args, **kw)

        if self._core_dims is not None:
            return self._call_with_signature(call, [asarray(v) for v in vargs])
        arrs = broadcast_arrays(*[asarray(v) for v in vargs])
        shape = arrs[0].shape
        size = arrs[0].size
        cols = [ravel(a).tolist() for a in arrs]

        otypes = self.otypes
        results = []
        if otypes is None:
            if size == 0:
                # help: pass otypes=[float] (the dtypes of the results) for empty inputs
                raise ValueError("cannot call `vectorize` on size 0 inputs unless `otypes` is set")
            # As numpy, the first elements go through pyfunc once more to learn the result types.
            first = call([a.flat[0] for a in arrs])
            if self.cache:
                results.append(first)
            if _py.isinstance(first, _py.tuple):
                otypes = [asarray(r).dtype for r in first]
            else:
                otypes = [asarray(first).dtype]
        for i in _py.range(_py.len(results), size):
            results.append(call([c[i] for c in cols]))
        if _py.isinstance(otypes, _py.str):
            otypes = [_otype_dtype(c) for c in otypes]
        if _py.len(otypes) == 1:
            return asarray(results, dtype=otypes[0]).reshape(shape)
        outs = []
        for k in _py.range(_py.len(otypes)):
            outs.append(asarray([r[k] for r in results], dtype=otypes[k]).reshape(shape))
        return _py.tuple(outs)

    def _call_with_signature(self, call, args):
        """numpy's generalized-ufunc loop: pyfunc gets the core dimensions of each argument,
        once per index of the broadcast loop dimensions."""
        in_dims, out_dims = self._core_dims
        if _py.len(args) != _py.len(in_dims):
            # help: pass one argument per input of the signature
            raise TypeError(f"wrong number of positional arguments: expected {_py.len(in_dims)!r}, got {_py.len(args)!r}")
        sizes = {}
        loop_shapes = []
        for a, dims in _py.zip(args, in_dims):
            nc = _py.len(dims)
            if a.ndim < nc:
                # help: give the argument at least the core dimensions its signature names
                raise ValueError(f"{a.ndim}-dimensional argument does not have enough dimensions for all core dimensions {dims!r}")
            _update_dim_sizes(sizes, a.shape[a.ndim - nc :], dims)
            loop_shapes.append(a.shape[: a.ndim - nc])
        loop = broadcast_shapes(*loop_shapes) if loop_shapes else ()
        n = 1
        for d in loop:
            n = n * d
        flat = []
        for a, dims in _py.zip(args, in_dims):
            core = _py.list(a.shape[a.ndim - _py.len(dims) :])
            flat.append(broadcast_to(a, _py.list(loop) + core).reshape([n] + core))
        nout = _py.len(out_dims)
        outs = [[] for _ in _py.range(nout)]
        for i in _py.range(n):
            r = call([f[i] for f in flat])
            n_r = _py.len(r) if _py.isinstance(r, _py.tuple) else 1
            if n_r != nout:
                # help: return one value per output of the signature, as a tuple
                raise ValueError(f"wrong number of outputs from pyfunc: expected {nout!r}, got {n_r!r}")
            if nout == 1:
                r = (r,)
            for k in _py.range(nout):
                v = asarray(r[k])
                dims = out_dims[k]
                if v.ndim != _py.len(dims):
                    # help: return arrays with the core dimensions of the signature's outputs
                    raise ValueError(f"wrong number of dimensions for output {k}: expected {_py.len(dims)}, got {v.ndim}")
                _update_dim_sizes(sizes, v.shape, dims)
                outs[k].append(v)
        otypes = self.otypes
        if _py.isinstance(otypes, _py.str):
            otypes = [_otype_dtype(c) for c in otypes]
        res = []
        for k in _py.range(nout):
            dims = out_dims[k]
            if n == 0:
                if otypes is None:
                    # help: pass otypes=[float] (the dtypes of the results) for empty inputs
                    raise ValueError("cannot call `vectorize` on size 0 inputs unless `otypes` is set")
                for d in dims:
                    if d not in sizes:
                        # help: the output dimensions must be sizes of the inputs for empty inputs
                        raise ValueError("cannot call `vectorize` with a signature including new output dimensions on size 0 inputs")
                res.append(zeros(_py.list(loop) + [sizes[d] for d in dims], dtype=otypes[k]))
                continue
            dt = outs[k][0].dtype if otypes is None else otypes[k]
            st = stack([o.astype(dt) for o in outs[k]], axis=0)
            res.append(st.reshape(_py.list(loop) + _py.list(st.shape[1:])))
        return res[0] if nout == 1 else _py.tuple(res)

    def __repr__(self):
        return f"<numpy.vectorize of {self.pyfunc!r}>"


def _update_dim_sizes(sizes, shape, dims):
    for d, n in _py.zip(dims, shape):
        if d in sizes and sizes[d] != n:
            # help: arguments sharing a core dimension name need the same size there
            raise ValueError(f"inconsistent size for core dimension {d!r}: {n!r} vs {sizes[d]!r}")
        sizes[d] = n


def _parse_core_dims(part):
    """'(m,n),(n)' -> [('m', 'n'), ('n',)]."""
    out = []
    i = 0
    while i < _py.len(part):
        if part[i] != "(":
            return None
        j = part.find(")", i)
        if j < 0:
            return None
        inner = part[i + 1 : j]
        names = _py.tuple(inner.split(",")) if inner else ()
        for nm in names:
            if not nm or not (nm.replace("_", "a").isalnum()):
                return None
        out.append(names)
        i = j + 1
        if i < _py.len(part):
            if part[i] != ",":
                return None
            i += 1
            if i == _py.len(part):
                return None
    return out


def _parse_gufunc_signature(signature):
    """numpy's gufunc signature '(m,n),(n)->(m)' as ([('m', 'n'), ('n',)], [('m',)])."""
    sig = "".join(signature.split())
    parts = sig.split("->")
    ins = _parse_core_dims(parts[0]) if _py.len(parts) == 2 else None
    outs = _parse_core_dims(parts[1]) if ins is not None and parts[1] else None
    if ins is None or outs is None or not ins:
        # help: write it as numpy's gufuncs do, e.g. '(m,n),(n)->(m)'
        raise ValueError(f"not a valid gufunc signature: {signature}")
    return ins, outs


def isscalar(element):
    """Returns True if the type of element is a scalar type (a Python number, bool or str, or a
    numpy scalar; Slope's numpy scalars are 0-d arrays, so a 0-d array counts as one).

    isscalar(element)
    """
    if _py.isinstance(element, (_py.bool, _py.int, _py.float, _py.str, _py.bytes)):
        return True
    return _py.isinstance(element, ndarray) and element.ndim == 0


def iterable(y):
    """Check whether or not an object can be iterated over.

    iterable(y)
    """
    try:
        _py.iter(y)
    except TypeError:
        return False
    return True


def unwrap(p, discont=None, axis=-1, *, period=2 * pi):
    """Unwrap by taking the complement of large deltas with respect to the period.

    unwrap(p, discont=None, axis=-1, *, period=2*pi)
    """
    p = asarray(p)
    ax = _norm_axis(axis, p.ndim)
    dd = diff(p, axis=ax)
    if discont is None:
        discont = period / 2
    dt = result_type(dd, period)
    if dt.kind in "iub":
        interval_high, rem = _py.divmod(period, 2)
        boundary_ambiguous = rem == 0
    else:
        interval_high = period / 2
        boundary_ambiguous = True
    interval_low = -interval_high
    ddmod = mod(dd - interval_low, period) + interval_low
    if boundary_ambiguous:
        # Steps of exactly period/2 keep their sign.
        ddmod = where((ddmod == interval_low) & (dd > 0), interval_high, ddmod)
    ph_correct = ddmod - dd
    ph_correct = where(absolute(dd) < discont, 0, ph_correct)
    n = p.shape[ax]
    up = asarray(p, dtype=dt)
    rest = _slice_axis(up, ax, 1, n) + cumsum(ph_correct, axis=ax).astype(dt)
    return concatenate([_slice_axis(up, ax, 0, 1), rest], axis=ax)


def trim_zeros(filt, trim="fb", axis=None):
    """Remove values along a dimension which are zero along all other (a list in, a list out).

    trim_zeros(filt, trim='fb', axis=None)
    """
    a = asarray(filt)
    trim = trim.lower()
    if trim not in ("fb", "bf", "f", "b"):
        # help: trim is 'f' (the front), 'b' (the back) or 'fb' (both ends)
        raise ValueError(f"unexpected character(s) in `trim`: {trim!r}")
    axes = _norm_axes(axis, a.ndim)
    if not axes:
        return filt
    nz = argwhere(a)
    if nz.shape[0] == 0:
        start = [0] * a.ndim
        stop = [0] * a.ndim
    else:
        start = nz.min(axis=0).tolist() if "f" in trim else [None] * a.ndim
        stop = (nz.max(axis=0) + 1).tolist() if "b" in trim else [None] * a.ndim
    sl = _py.tuple(_py.slice(start[k], stop[k]) if k in axes else _py.slice(None) for k in _py.range(a.ndim))
    if _py.len(sl) == 1:
        return filt[sl[0]]
    return a[sl]


_CLIPMODES = ("raise", "wrap", "clip")


def choose(a, choices, out=None, mode="raise"):
    """Construct an array from an index array and a list of arrays to choose from.

    choose(a, choices, out=None, mode='raise')
    """
    if out is not None:
        # help: drop out= and assign the result: out = np.choose(...)
        raise NotImplementedError("choose(out=...) is not supported in Slope; use the returned array")
    if mode not in _CLIPMODES:
        # help: mode is 'raise' (the default), 'wrap' or 'clip'
        raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got {mode!r})")
    a = asarray(a)
    if a.dtype.kind not in "iub":
        # help: the indices of choose are integers; convert them with .astype(int)
        raise TypeError(f"Cannot cast array data from dtype('{a.dtype}') to dtype('int64') according to the rule 'safe'")
    cs = [asarray(c) for c in choices]
    n = _py.len(cs)
    if mode == "raise":
        if a.size and (any(a < 0) or any(a >= n)):
            # help: each index of `a` picks one of the len(choices) arrays: 0 to len(choices) - 1
            raise ValueError("invalid entry in choice array")
    elif mode == "wrap":
        a = mod(a, n)
    else:
        a = clip(a, 0, n - 1)
    parts = broadcast_arrays(a, *cs)
    idx = parts[0].astype(int64)
    dt = _common_dtype(*cs)
    st = stack([c.astype(dt) for c in parts[1:]], axis=0)
    return take_along_axis(st, idx[None], axis=0)[0]


def compress(condition, a, axis=None, out=None):
    """Return selected slices of an array along given axis (where condition is True).

    compress(condition, a, axis=None, out=None)
    """
    if out is not None:
        # help: drop out= and assign the result: out = np.compress(...)
        raise NotImplementedError("compress(out=...) is not supported in Slope; use the returned array")
    cond = asarray(condition)
    if cond.ndim != 1:
        # help: pass one flag per index along the axis, as a 1-d list or array
        raise ValueError("condition must be a 1-d array")
    a, ax = _flat_or_axis(asarray(a), axis)
    idx = nonzero(cond)[0]
    n = a.shape[ax]
    if idx.shape[0] and idx[-1] >= n:
        # help: condition has one flag per index along the axis; a longer condition may only add False
        raise IndexError(f"index {_py.int(idx[-1])} is out of bounds for axis {ax} with size {n}")
    return take(a, idx, axis=ax)


def extract(condition, arr):
    """Return the elements of an array that satisfy some condition (flattened).

    extract(condition, arr)
    """
    a = ravel(asarray(arr))
    idx = nonzero(ravel(asarray(condition)))[0]
    n = a.shape[0]
    if idx.shape[0] and idx[-1] >= n:
        # help: condition has one flag per element of arr (both flattened)
        raise IndexError(f"index {_py.int(idx[-1])} is out of bounds for axis 0 with size {n}")
    return take(a, idx)


def resize(a, new_shape):
    """Return a new array with the specified shape, repeating `a` to fill it.

    resize(a, new_shape)
    """
    if not _is_seq(new_shape):
        new_shape = (new_shape,)
    a = ravel(asarray(a))
    new_size = 1
    for d in new_shape:
        new_size = new_size * d
        if d < 0:
            # help: give a size of 0 or more in every dimension
            raise ValueError("all elements of `new_shape` must be non-negative")
    if a.size == 0 or new_size == 0:
        return zeros(new_shape, dtype=a.dtype)
    repeats = -(-new_size // a.size)
    return concatenate([a] * repeats)[:new_size].reshape(new_shape)


if not _jax:

    def place(arr, mask, vals):
        """Change elements of an array based on conditional and input values (in place; vals
        repeat to fill the places where mask is True).

        place(arr, mask, vals)
        """
        if not _py.isinstance(arr, ndarray):
            # help: place writes into an array; make one with np.array(...) first
            raise TypeError(f"place() argument 1 must be numpy.ndarray, not {_py.type(arr).__name__}")
        m = asarray(mask).astype(_py.bool)
        if m.size != arr.size:
            # help: give one flag of mask per element of arr
            raise ValueError("place: mask and data must be the same size")
        m = m.reshape(arr.shape)
        k = _py.int(count_nonzero(m))
        v = ravel(asarray(vals))
        if k == 0:
            return None
        if v.size == 0:
            # help: give at least one value to place
            raise ValueError("Cannot insert from an empty array!")
        arr[m] = resize(v, k).astype(arr.dtype)
        return None


# numpy only (jax.numpy has no binary_repr, base_repr, asarray_chkfinite, shares_memory).
if not _jax:

    def binary_repr(num, width=None):
        """Return the binary representation of the input number as a string (two's complement of
        `width` bits for a negative number with a width).

        binary_repr(num, width=None)
        """
        num = _operator_index(num)
        if num == 0:
            return "0" * (width or 1)
        if num > 0:
            binary = f"{num:b}"
            binwidth = _py.len(binary)
            outwidth = binwidth if width is None else _py.max(binwidth, width)
            _binary_width_check(width, binwidth)
            return binary.zfill(outwidth)
        if width is None:
            return f"-{-num:b}"
        poswidth = _py.len(f"{-num:b}")
        if 2 ** (poswidth - 1) == -num:
            poswidth -= 1
        twocomp = 2 ** (poswidth + 1) + num
        binary = f"{twocomp:b}"
        binwidth = _py.len(binary)
        outwidth = _py.max(binwidth, width)
        _binary_width_check(width, binwidth)
        return "1" * (outwidth - binwidth) + binary


    def _binary_width_check(width, binwidth):
        if width is not None and width < binwidth:
            # help: pass a width of at least the number of bits the number needs
            raise ValueError(f"Insufficient bit width={width} provided for binwidth={binwidth}")


    def _operator_index(x):
        """Python's operator.index: an int from an int, a bool or an integer 0-d array."""
        if _py.isinstance(x, _py.int):
            return _py.int(x)
        if _py.isinstance(x, ndarray) and x.ndim == 0 and x.dtype.kind in "iub":
            return _py.int(x)
        name = "numpy.ndarray" if _py.isinstance(x, ndarray) else _py.type(x).__name__
        # help: pass an integer
        raise TypeError(f"'{name}' object cannot be interpreted as an integer")


    def base_repr(number, base=2, padding=0):
        """Return a string representation of a number in the given base system (2 to 36).

        base_repr(number, base=2, padding=0)
        """
        digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        if base > _py.len(digits):
            # help: base_repr writes digits 0-9 and A-Z: bases 2 to 36
            raise ValueError("Bases greater than 36 not handled in base_repr.")
        if base < 2:
            # help: base_repr writes digits 0-9 and A-Z: bases 2 to 36
            raise ValueError("Bases less than 2 not handled in base_repr.")
        num = _py.abs(_py.int(number))
        res = []
        while num:
            res.append(digits[num % base])
            num //= base
        if padding:
            res.append("0" * padding)
        if number < 0:
            res.append("-")
        return "".join(_py.reversed(res or ["0"]))


def _cumulative(f, x, axis, dt, include_initial, initial):
    x = asarray(x)
    if x.ndim == 0:
        x = x.reshape(1)
    if axis is None:
        if x.ndim > 1:
            # help: name the axis to accumulate along, e.g. axis=0
            raise ValueError("For arrays which have more than one dimension ``axis`` argument is required.")
        axis = 0
    ax = _norm_axis(axis, x.ndim)
    r = f(x, axis=ax, dtype=dt)
    if include_initial:
        s = _py.list(r.shape)
        s[ax] = 1
        r = concatenate([full(s, initial, dtype=r.dtype), r], axis=ax)
    return r


def cumulative_sum(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """Return the cumulative sum of the elements along a given axis (numpy 2's cumsum; the
    axis is required for more than one dimension; include_initial starts with 0).

    cumulative_sum(x, /, *, axis=None, dtype=None, out=None, include_initial=False)
    """
    if out is not None:
        # help: drop out= and assign the result: out = np.cumulative_sum(...)
        raise NotImplementedError("cumulative_sum(out=...) is not supported in Slope; use the returned array")
    return _cumulative(cumsum, x, axis, dtype, include_initial, 0)


def cumulative_prod(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """Return the cumulative product of elements along a given axis (numpy 2's cumprod; the
    axis is required for more than one dimension; include_initial starts with 1).

    cumulative_prod(x, /, *, axis=None, dtype=None, out=None, include_initial=False)
    """
    if out is not None:
        # help: drop out= and assign the result: out = np.cumulative_prod(...)
        raise NotImplementedError("cumulative_prod(out=...) is not supported in Slope; use the returned array")
    return _cumulative(cumprod, x, axis, dtype, include_initial, 1)


def piecewise(x, condlist, funclist, *args, **kw):
    """Evaluate a piecewise-defined function: funclist[i] (a function or a value) where
    condlist[i] is True, an extra last function where none is; zero elsewhere.

    piecewise(x, condlist, funclist, *args, **kw)
    """
    x = asarray(x)
    n2 = _py.len(funclist)
    # One condition rather than a list of them (numpy's scalars, 0-d arrays in Slope, are not lists).
    c0 = None if isscalar(condlist) else condlist[0]
    if c0 is None or (not (_py.isinstance(c0, _py.list) or (_py.isinstance(c0, ndarray) and c0.ndim > 0)) and x.ndim != 0):
        condlist = [condlist]
    condlist = asarray(condlist, dtype=_py.bool)
    n = _py.len(condlist)
    if n == n2 - 1:
        condelse = ~any(condlist, axis=0, keepdims=True)
        condlist = concatenate([condlist, condelse], axis=0)
        n += 1
    elif n != n2:
        # help: give one function per condition, or one more for the places where none holds
        raise ValueError(f"with {n} condition(s), either {n} or {n + 1} functions are expected")
    y = zeros_like(x)
    for k in _py.range(n):
        cond = broadcast_to(condlist[k], x.shape)
        func = funclist[k]
        if not _py.callable(func):
            y = where(cond, asarray(func).astype(y.dtype), y)
        elif x.ndim == 0:
            if _py.bool(cond):
                y = asarray(func(x.reshape(1), *args, **kw)).astype(y.dtype).reshape(())
        else:
            if _jax:
                # JAX arrays are immutable: the function sees all of x, where picks its places.
                y = where(cond, asarray(func(x, *args, **kw)).astype(y.dtype), y)
                continue
            vals = x[cond]
            if vals.size > 0:
                y[cond] = asarray(func(vals, *args, **kw)).astype(y.dtype)
    return y


def unstack(x, /, *, axis=0):
    """Split an array into a tuple of arrays along an axis (the inverse of stack).

    unstack(x, /, *, axis=0)
    """
    x = asarray(x)
    if x.ndim == 0:
        # help: unstack splits along an axis: give an array of at least one dimension
        raise ValueError("Input array must be at least 1-d.")
    ax = _norm_axis(axis, x.ndim)
    return _py.tuple(take(x, i, axis=ax) for i in _py.range(x.shape[ax]))


def matrix_transpose(x, /):
    """Transposes a matrix (or a stack of matrices): swaps the last two axes.

    matrix_transpose(x, /)
    """
    x = asarray(x)
    if x.ndim < 2:
        # help: give an array of at least two dimensions (use x.reshape(1, -1) for a row)
        raise ValueError(f"Input array must be at least 2-dimensional, but it is {x.ndim}")
    return swapaxes(x, -1, -2)


def _array_mT(a):
    """`a.mT`: the matrix transpose of an array of at least two dimensions."""
    return matrix_transpose(a)


# Cephes' Chebyshev coefficients of exp(-x) I0(x) on [0, 8] and exp(-x) sqrt(x) I0(x) on (8, inf).
_I0A = [
    -4.41534164647933937950e-18, 3.33079451882223809783e-17, -2.43127984654795469359e-16,
    1.71539128555513303061e-15, -1.16853328779934516808e-14, 7.67618549860493561688e-14,
    -4.85644678311192946090e-13, 2.95505266312963983461e-12, -1.72682629144155570723e-11,
    9.67580903537323691224e-11, -5.18979560163526290666e-10, 2.65982372468238665035e-9,
    -1.30002500998624804212e-8, 6.04699502254191894932e-8, -2.67079385394061173391e-7,
    1.11738753912010371815e-6, -4.41673835845875056359e-6, 1.64484480707288970893e-5,
    -5.75419501008210370398e-5, 1.88502885095841655729e-4, -5.76375574538582365885e-4,
    1.63947561694133579842e-3, -4.32430999505057594430e-3, 1.05464603945949983183e-2,
    -2.37374148058994688156e-2, 4.93052842396707084878e-2, -9.49010970480476444210e-2,
    1.71620901522208775349e-1, -3.04682672343198398683e-1, 6.76795274409476084995e-1,
]
_I0B = [
    -7.23318048787475395456e-18, -4.83050448594418207126e-18, 4.46562142029675999901e-17,
    3.46122286769746109310e-17, -2.82762398051658348494e-16, -3.42548561967721913462e-16,
    1.77256013305652638360e-15, 3.81168066935262242075e-15, -9.55484669882830764870e-15,
    -4.15056934728722208663e-14, 1.54008621752140982691e-14, 3.85277838274214270114e-13,
    7.18012445138366623367e-13, -1.79417853150680611778e-12, -1.32158118404477131188e-11,
    -3.14991652796324136454e-11, 1.18891471078464383424e-11, 4.94060238822496958910e-10,
    3.39623202570838634515e-9, 2.26666899049817806459e-8, 2.04891858946906374183e-7,
    2.89137052083475648297e-6, 6.88975834691682398426e-5, 3.36911647825569408990e-3,
    8.04490411014108831608e-1,
]


def _chbevl(x, vals):
    """Cephes' Chebyshev series sum at x."""
    b0 = vals[0]
    b1 = 0.0
    b2 = 0.0
    for i in _py.range(1, _py.len(vals)):
        b2 = b1
        b1 = b0
        b0 = x * b1 - b2 + vals[i]
    return 0.5 * (b0 - b2)


def i0(x):
    """Modified Bessel function of the first kind, order 0 (Cephes' Chebyshev expansions).

    i0(x)
    """
    x = _to_float(x)
    x = absolute(x)
    small = exp(x) * _chbevl(x / 2.0 - 2, _I0A)
    xb = where(x <= 8.0, 9.0, x)  # the large branch at x <= 8 is not used: keep it finite
    large = exp(xb) * _chbevl(32.0 / xb - 2.0, _I0B) / sqrt(xb)
    return where(x <= 8.0, small, large)


if not _jax:

    def asarray_chkfinite(a, dtype=None, order=None):
        """Convert the input to an array, checking for NaNs or Infs.

        asarray_chkfinite(a, dtype=None, order=None)
        """
        a = asarray(a, dtype=dtype, order=order)
        if a.dtype.kind == "f" and not all(isfinite(a)):
            # help: find them with np.isnan(a) | np.isinf(a), or replace them with np.nan_to_num
            raise ValueError("array must not contain infs or NaNs")
        return a


def _window_start(M):
    """(M as a float, the empty or one-point window, or None) of the window functions."""
    values = array([0.0, M])
    Mf = values[1]
    if Mf < 1:
        return Mf, array([], dtype=values.dtype)
    if Mf == 1:
        return Mf, ones(1, dtype=values.dtype)
    return Mf, None


def hanning(M):
    """Return the Hanning window of M points.

    hanning(M)
    """
    M, w = _window_start(M)
    if w is not None:
        return w
    n = arange(1 - M, M, 2)
    return 0.5 + 0.5 * cos(pi * n / (M - 1))


def hamming(M):
    """Return the Hamming window of M points.

    hamming(M)
    """
    M, w = _window_start(M)
    if w is not None:
        return w
    n = arange(1 - M, M, 2)
    return 0.54 + 0.46 * cos(pi * n / (M - 1))


def blackman(M):
    """Return the Blackman window of M points.

    blackman(M)
    """
    M, w = _window_start(M)
    if w is not None:
        return w
    n = arange(1 - M, M, 2)
    return 0.42 + 0.5 * cos(pi * n / (M - 1)) + 0.08 * cos(2.0 * pi * n / (M - 1))


def bartlett(M):
    """Return the Bartlett (triangular) window of M points.

    bartlett(M)
    """
    M, w = _window_start(M)
    if w is not None:
        return w
    n = arange(1 - M, M, 2)
    return where(less_equal(n, 0), 1 + n / (M - 1), 1 - n / (M - 1))


def kaiser(M, beta):
    """Return the Kaiser window of M points and shape parameter beta.

    kaiser(M, beta)
    """
    values = array([0.0, M, beta])
    M = values[1]
    beta = values[2]
    if M == 1:
        return ones(1, dtype=values.dtype)
    n = arange(0, M)
    alpha = (M - 1) / 2.0
    return i0(beta * sqrt(1 - ((n - alpha) / alpha) ** 2.0)) / i0(beta)


def angle(z, deg=False):
    """Return the angle of the complex argument (of real numbers in Slope: 0 for x >= +0, pi
    for x < 0 or -0.0).

    angle(z, deg=False)
    """
    z = asarray(z)
    a = arctan2(zeros((), dtype=z.dtype), z)
    if deg:
        a = a * (180 / pi)
    return a


if not _jax:

    def shares_memory(a, b, max_work=None):
        """Determine if two arrays share memory (in Slope: one is a view of the other, or both are
        views of the same array; two disjoint views of one array count as sharing).

        shares_memory(a, b, max_work=None)
        """
        if not (_py.isinstance(a, ndarray) and _py.isinstance(b, ndarray)):
            return False
        # The arrays owning the elements (compared here: an array returned by a helper is a new object).
        ra = a.base
        if ra is None:
            ra = a
        rb = b.base
        if rb is None:
            rb = b
        return ra is rb


    def may_share_memory(a, b, max_work=None):
        """Determine if two arrays might share memory (the same answer as shares_memory in Slope).

        may_share_memory(a, b, max_work=None)
        """
        return shares_memory(a, b)


_insert_one_index = insert


def insert(arr, obj, values, axis=None):
    """Insert values along the given axis before the given indices (an int, a sequence of
    ints or a slice).

    insert(arr, obj, values, axis=None)
    """
    if _py.isinstance(obj, _py.int) or (_py.isinstance(obj, ndarray) and obj.ndim == 0):
        return _insert_one_index(arr, obj, values, axis)
    a = asarray(arr)
    a, ax = _flat_or_axis(a, axis)
    N = a.shape[ax]
    if _py.isinstance(obj, _py.slice):
        indices = arange(*obj.indices(N), dtype=int64)
    else:
        indices = asarray(obj)
        if indices.ndim > 1:
            # help: give the indices as a flat list, e.g. [1, 3]
            raise ValueError("index array argument obj to insert must be one dimensional or scalar")
        if indices.dtype.kind == "b":
            # help: pass integer positions, e.g. np.flatnonzero(mask)
            raise IndexError("boolean arrays are not allowed as insert indices; pass integer positions")
        if indices.size == 0:
            indices = indices.astype(int64)
        elif indices.dtype.kind not in "iu":
            # help: insert positions are integers
            raise IndexError("arrays used as indices must be of integer (or boolean) type")
    if indices.size == 1:
        index = _py.int(indices.reshape(()))
        if index < -N or index > N:
            # help: insert positions go from 0 to size (the end), or back from -1
            raise IndexError(f"index {obj} is out of bounds for axis {ax} with size {N}")
        if index < 0:
            index += N
        # One index in a sequence: values keep their axes (as a[:, [i]] = values).
        v = asarray(values).astype(a.dtype)
        v = v.reshape([1] * (a.ndim - v.ndim) + _py.list(v.shape))
        s = _py.list(a.shape)
        s[ax] = v.shape[ax]
        v = broadcast_to(v, s)
        return concatenate([_slice_axis(a, ax, 0, index), v, _slice_axis(a, ax, index, N)], axis=ax)
    numnew = indices.shape[0]
    indices = where(indices < 0, indices + N, indices)
    order = argsort(indices, kind="stable")
    # The places of the new values in the result (as numpy's indices[order] += arange(numnew)).
    pos = take(take(indices, order) + arange(numnew), argsort(order))
    total = N + numnew
    for p in pos.tolist():
        if p < 0 or p >= total:
            # help: insert positions go from 0 to size (the end), or back from -1
            raise IndexError(f"index {p} is out of bounds for axis 0 with size {total}")
    s = _py.list(a.shape)
    s[ax] = numnew
    v = asarray(values).astype(a.dtype)
    try:
        v = broadcast_to(v, s)
    except ValueError:
        # help: give one value per index (or one value for all of them)
        raise ValueError(f"shape mismatch: value array of shape {v.shape} could not be broadcast to indexing result of shape {_py.tuple(s)}")
    # The old elements fill the places no new value takes, in order.
    old_pos = nonzero(~isin(arange(total), pos))[0]
    src = argsort(concatenate([old_pos, pos]), kind="stable")
    return take(concatenate([a, v], axis=ax), src, axis=ax)


_interp_no_period = interp


def interp(x, xp, fp, left=None, right=None, period=None):
    """One-dimensional linear interpolation for monotonically increasing sample points (or for
    any sample points of a periodic function with period=).

    interp(x, xp, fp, left=None, right=None, period=None)
    """
    if period is None:
        return _interp_no_period(x, xp, fp, left, right)
    if period == 0:
        # help: give the period of the x coordinate, e.g. period=360 for degrees
        raise ValueError("period must be a non-zero value")
    period = _py.abs(period)
    x = asarray(x, dtype=float64)
    xp = asarray(xp, dtype=float64)
    fp = asarray(fp, dtype=float64)
    if xp.ndim != 1 or fp.ndim != 1:
        # help: give xp and fp as flat lists of the same length
        raise ValueError("Data points must be 1-D sequences")
    if xp.shape[0] != fp.shape[0]:
        # help: give one value fp per sample point xp
        raise ValueError("fp and xp are not of the same length")
    x = x % period
    xp = xp % period
    asort_xp = argsort(xp)
    xp = take(xp, asort_xp)
    fp = take(fp, asort_xp)
    xp = concatenate([xp[-1:] - period, xp, xp[0:1] + period])
    fp = concatenate([fp[-1:], fp, fp[0:1]])
    return _interp_no_period(x, xp, fp)


if _jax:

    def place(arr, mask, vals, *, inplace=True):
        """Change elements of an array based on conditional and input values (JAX's: the array is
        immutable, so pass inplace=False and use the array returned).

        place(arr, mask, vals, *, inplace=True)
        """
        if inplace:
            # help: write arr = jnp.place(arr, mask, vals, inplace=False)
            raise ValueError(
                "jax.numpy.place cannot modify arrays in-place, because JAX arrays are immutable. "
                "Pass inplace=False to instead return an updated array."
            )
        a = asarray(arr)
        m = ravel(asarray(mask).astype(_py.bool))
        v = ravel(asarray(vals))
        if m.size != a.size:
            # help: give one flag of mask per element of arr
            raise ValueError("place: mask and data must be the same size")
        if v.size == 0:
            return a
        # The k-th True place takes vals[k % len(vals)]: no shape depends on the mask's values.
        k = cumsum(m.astype(_int)) - 1
        picked = take(v, mod(k, v.size)).astype(a.dtype)
        return where(m, picked, ravel(a)).reshape(a.shape)

    def vectorize(pyfunc, *, excluded=_py.frozenset(), signature=None):
        """Define a vectorized function with broadcasting (JAX's: pyfunc is traced once and
        mapped over every axis of the broadcast inputs with jax.vmap).

        vectorize(pyfunc, *, excluded=frozenset(), signature=None)
        """
        for e in excluded:
            if not _py.isinstance(e, (_py.str, _py.int)):
                # help: name excluded arguments by position (an int) or keyword (a str)
                raise TypeError(f"jax.numpy.vectorize can only exclude integer or string arguments, but excluded={excluded!r}")
        if signature is not None:
            # help: map over the core dimensions with jax.vmap yourself
            raise NotImplementedError("jnp.vectorize(signature=...) is not supported in Slope yet")

        def wrapped(*args, **kwargs):
            import jax as _jax_mod

            inds = [i for i in _py.range(_py.len(args)) if i not in excluded]
            names = [n for n in kwargs if n not in excluded]
            if not inds and not names:
                return pyfunc(*args, **kwargs)
            vargs = broadcast_arrays(*([asarray(args[i]) for i in inds] + [asarray(kwargs[n]) for n in names]))

            def f(*vals):
                the_args = _py.list(args)
                kw = _py.dict(kwargs)
                for k in _py.range(_py.len(inds)):
                    the_args[inds[k]] = vals[k]
                for k in _py.range(_py.len(names)):
                    kw[names[k]] = vals[_py.len(inds) + k]
                return pyfunc(*the_args, **kw)

            g = f
            for _ in _py.range(vargs[0].ndim):
                g = _jax_mod.vmap(g)
            return g(*vargs)

        wrapped.__doc__ = pyfunc.__doc__
        return wrapped


# ---------------------------------------------------------------------------------------------
# The NaN-skipping functions that were missing (nanargmin/max, nanprod, nancumsum/prod,
# nanmedian/nanquantile/nanpercentile) and the index helpers of square arrays (tril_indices,
# triu_indices, mask_indices, diag_indices, fill_diagonal).


def _all_nan_check(a, axis):
    if a.dtype.kind == "f" and a.size and any(all(isnan(a), axis=axis)):
        # help: drop the all-NaN rows first, e.g. a[~np.isnan(a).all(axis=1)]
        raise ValueError("All-NaN slice encountered")


def nanargmin(a, axis=None, out=None, *, keepdims=False):
    """Return the indices of the minimum values in the specified axis ignoring NaNs (an all-NaN
    slice is an error).

    nanargmin(a, axis=None, out=None, *, keepdims=False)
    """
    a = asarray(a)
    _all_nan_check(a, axis)
    if a.dtype.kind == "f":
        a = where(isnan(a), inf, a)
    return argmin(a, axis=axis, out=out, keepdims=keepdims)


def nanargmax(a, axis=None, out=None, *, keepdims=False):
    """Return the indices of the maximum values in the specified axis ignoring NaNs (an all-NaN
    slice is an error).

    nanargmax(a, axis=None, out=None, *, keepdims=False)
    """
    a = asarray(a)
    _all_nan_check(a, axis)
    if a.dtype.kind == "f":
        a = where(isnan(a), -inf, a)
    return argmax(a, axis=axis, out=out, keepdims=keepdims)


def _nan_as(a, v):
    """`a` with its NaNs replaced by v (arrays of other dtypes have none)."""
    a = asarray(a)
    if a.dtype.kind != "f":
        return a
    return where(isnan(a), zeros((), dtype=a.dtype) + v, a)


def nanprod(a, axis=None, dtype=None, out=None, keepdims=False):
    """Return the product of array elements over a given axis treating NaNs as ones.

    nanprod(a, axis=None, dtype=None, out=None, keepdims=False)
    """
    return prod(_nan_as(a, 1), axis=axis, dtype=dtype, out=out, keepdims=keepdims)


def nancumsum(a, axis=None, dtype=None, out=None):
    """Return the cumulative sum of array elements over a given axis treating NaNs as zero.

    nancumsum(a, axis=None, dtype=None, out=None)
    """
    r = cumsum(_nan_as(a, 0), axis=axis, dtype=dtype)
    return r if out is None else _ufunc_out(r, out, True)


def nancumprod(a, axis=None, dtype=None, out=None):
    """Return the cumulative product of array elements over a given axis treating NaNs as one.

    nancumprod(a, axis=None, dtype=None, out=None)
    """
    r = cumprod(_nan_as(a, 1), axis=axis, dtype=dtype)
    return r if out is None else _ufunc_out(r, out, True)


def nanquantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False):
    """Compute the qth quantile of the data along the specified axis, while ignoring nan values
    (an all-NaN slice gives NaN).

    nanquantile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False)
    """
    if out is not None:
        return _ufunc_out(nanquantile(a, q, axis=axis, method=method, keepdims=keepdims), out, True)
    a = _to_float(a)
    qa = _to_float(q)
    if any(qa < 0) or any(qa > 1):
        # help: nanquantile takes q in [0, 1]; for q in [0, 100] use nanpercentile
        raise ValueError("Quantiles must be in the range [0, 1]")
    if method not in ("linear", "lower", "higher", "nearest", "midpoint"):
        # help: pick one of the methods named in the message
        raise ValueError(f"'{method}' is not a valid method. Use one of: linear, lower, higher, nearest, midpoint")
    x, ax = _flat_or_axis(a, axis)
    # Sorted, the NaNs come last: each slice's quantile is over its first `cnt` elements.
    x = moveaxis(sort(x, axis=ax), ax, 0)
    n = x.shape[0]
    rest = _py.list(x.shape[1:])
    qf = ravel(qa)
    if n == 0:
        r = full([qf.shape[0]] + rest, nan)
    else:
        cnt = sum(invert(isnan(x)), axis=0)
        last = maximum(cnt - 1, 0).astype(a.dtype)
        pos = qf.reshape([-1] + [1] * _py.len(rest)) * last
        lo = floor(pos)
        hi = minimum(lo + 1, last)
        t = pos - lo
        if method == "lower":
            hi = lo
            t = zeros_like(t)
        elif method == "higher":
            lo = ceil(pos)
            hi = lo
            t = zeros_like(t)
        elif method == "nearest":
            lo = rint(pos)
            hi = lo
            t = zeros_like(t)
        elif method == "midpoint":
            t = where(t > 0, 0.5, 0.0)
        xb = broadcast_to(x[None], [qf.shape[0], n] + rest)
        xl = take_along_axis(xb, lo.astype(int64)[:, None], axis=1)[:, 0]
        xh = take_along_axis(xb, hi.astype(int64)[:, None], axis=1)[:, 0]
        r = where(cnt == 0, nan, _lerp(xl, xh, t))
    r = r.reshape(_py.list(qa.shape) + rest)
    if keepdims:
        if axis is None:
            r = r.reshape(_py.list(qa.shape) + [1] * a.ndim)
        else:
            r = expand_dims(r, qa.ndim + ax)
    return r


def nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False):
    """Compute the qth percentile of the data along the specified axis, while ignoring nan values.

    nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False)
    """
    qa = _to_float(q)
    if any(qa < 0) or any(qa > 100):
        # help: nanpercentile takes q in [0, 100]; for q in [0, 1] use nanquantile
        raise ValueError("Percentiles must be in the range [0, 100]")
    return nanquantile(a, qa / 100, axis=axis, out=out, method=method, keepdims=keepdims)


def nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """Compute the median along the specified axis, while ignoring NaNs.

    nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=False)
    """
    return nanquantile(a, 0.5, axis=axis, out=out, keepdims=keepdims)


def tril_indices(n, k=0, m=None):
    """Return the indices for the lower-triangle of an (n, m) array.

    tril_indices(n, k=0, m=None)
    """
    return nonzero(tri(n, m, k=k, dtype=_py.bool))


def triu_indices(n, k=0, m=None):
    """Return the indices for the upper-triangle of an (n, m) array.

    triu_indices(n, k=0, m=None)
    """
    return nonzero(invert(tri(n, m, k=k - 1, dtype=_py.bool)))


def _check_2d(arr):
    arr = asarray(arr)
    if arr.ndim != 2:
        # help: give a matrix (a 2-d array)
        raise ValueError("input array must be 2-d")
    return arr


def tril_indices_from(arr, k=0):
    """Return the indices for the lower-triangle of arr.

    tril_indices_from(arr, k=0)
    """
    arr = _check_2d(arr)
    return tril_indices(arr.shape[-2], k=k, m=arr.shape[-1])


def triu_indices_from(arr, k=0):
    """Return the indices for the upper-triangle of arr.

    triu_indices_from(arr, k=0)
    """
    arr = _check_2d(arr)
    return triu_indices(arr.shape[-2], k=k, m=arr.shape[-1])


def mask_indices(n, mask_func, k=0):
    """Return the indices to access (n, n) arrays, given a masking function (as np.triu).

    mask_indices(n, mask_func, k=0)
    """
    a = mask_func(ones((n, n), dtype=_int), k)
    return nonzero(a != 0)


def diag_indices(n, ndim=2):
    """Return the indices to access the main diagonal of an array of ndim dimensions of size n.

    diag_indices(n, ndim=2)
    """
    idx = arange(n)
    return (idx,) * ndim


def _check_square(arr, what):
    arr = asarray(arr)
    if arr.ndim < 2:
        # help: give an array of at least two dimensions
        raise ValueError(what)
    for d in arr.shape:
        if d != arr.shape[0]:
            # help: every dimension needs the same length (a square matrix, a cube, ...)
            raise ValueError("All dimensions of input must be of equal length")
    return arr


def diag_indices_from(arr):
    """Return the indices to access the main diagonal of an n-dimensional array.

    diag_indices_from(arr)
    """
    arr = _check_square(arr, "input array must be at least 2-d")
    return diag_indices(arr.shape[0], arr.ndim)


def _fill_diagonal_index(a, wrap):
    """The indices (a tuple of arrays) of the elements fill_diagonal writes, as numpy's
    a.flat[:end:step]."""
    if a.ndim < 2:
        # help: give an array of at least two dimensions
        raise ValueError("array must be at least 2-d")
    end = a.size
    if a.ndim == 2:
        step = a.shape[1] + 1
        if not wrap:
            end = _py.min(a.shape[1] * a.shape[1], a.size)
    else:
        _check_square(a, "array must be at least 2-d")
        step = 1
        c = 1
        for d in a.shape[:-1]:
            c = c * d
            step = step + c
    return unravel_index(arange(0, end, step), a.shape)


if not _jax:

    def fill_diagonal(a, val, wrap=False):
        """Fill the main diagonal of the given array of any dimensionality (in place; val repeats
        along it; wrap=True restarts it below a tall matrix).

        fill_diagonal(a, val, wrap=False)
        """
        idx = _fill_diagonal_index(a, wrap)
        k = idx[0].shape[0]
        if k:
            a[idx] = resize(asarray(val).astype(a.dtype), k)
        return None

else:

    def fill_diagonal(a, val, wrap=False, *, inplace=True):
        """Fill the main diagonal of the given array (JAX's: arrays are immutable, so pass
        inplace=False and use the array returned).

        fill_diagonal(a, val, wrap=False, *, inplace=True)
        """
        if inplace:
            # help: write a = jnp.fill_diagonal(a, val, inplace=False)
            raise ValueError("JAX arrays are immutable, must use inplace=False")
        a = asarray(a)
        idx = _fill_diagonal_index(a, wrap)
        k = idx[0].shape[0]
        if not k:
            return a
        return a.at[idx].set(resize(asarray(val).astype(a.dtype), k))


# ---------------------------------------------------------------------------------------------
# Type checks of numpy's type_check module (Slope has no complex dtype: every array is real).

_NAMEFROMTYPE = {
    "S1": "character", "?": "bool", "b": "signed char", "B": "unsigned char", "h": "short",
    "H": "unsigned short", "i": "integer", "I": "unsigned integer", "l": "long integer",
    "L": "unsigned long integer", "q": "long long integer", "Q": "unsigned long long integer",
    "f": "single precision", "d": "double precision", "g": "long precision",
    "F": "complex single precision", "D": "complex double precision",
    "G": "complex long double precision", "S": "string", "U": "unicode", "V": "void", "O": "object",
}

# numpy's one-letter codes of Slope's dtypes (dtype.char).
_DTYPE_CHAR = {
    "bool": "?", "int8": "b", "uint8": "B", "int16": "h", "uint16": "H", "int32": "i", "uint32": "I",
    "int64": "l", "uint64": "L", "float16": "e", "float32": "f", "float64": "d", "bfloat16": "E",
}

_TYPECODES_BY_ELSIZE = "GDFgdfQqLlIiHhBb?"


# numpy only (jax.numpy has no typename, mintypecode, common_type).
if not _jax:

    def typename(char):
        """Return a description for the given data type code.

        typename(char)
        """
        return _NAMEFROMTYPE[char]


    def mintypecode(typechars, typeset="GDFgdf", default="d"):
        """Return the character for the minimum-size type to which given types can be safely cast
        (type codes, or arrays whose dtypes give them).

        mintypecode(typechars, typeset='GDFgdf', default='d')
        """
        codes = []
        for t in typechars:
            if _py.isinstance(t, _py.str):
                codes.append(t)
            else:
                codes.append(_DTYPE_CHAR.get(_py.str(asarray(t).dtype), "d"))
        inter = _py.set([t for t in codes if t in typeset])
        if not inter:
            return default
        if "F" in inter and "d" in inter:
            return "D"
        return _py.min(inter, key=_TYPECODES_BY_ELSIZE.index)


def iscomplexobj(x):
    """Check for a complex type or an array of complex numbers (never, in Slope).

    iscomplexobj(x)
    """
    return False


def isrealobj(x):
    """Return True if x is a not complex type or an array of complex numbers (always, in Slope).

    isrealobj(x)
    """
    return not iscomplexobj(x)


def iscomplex(x):
    """Returns a bool array, where True if input element is complex (none is, in Slope).

    iscomplex(x)
    """
    return zeros(asarray(x).shape, dtype=_py.bool)


def isreal(x):
    """Returns a bool array, where True if input element is real (all are, in Slope).

    isreal(x)
    """
    return ones(asarray(x).shape, dtype=_py.bool)


def real(val):
    """Return the real part of the complex argument (the argument itself, in Slope).

    real(val)
    """
    if _py.isinstance(val, (_py.int, _py.float, ndarray)):
        return val
    return asarray(val)


def imag(val):
    """Return the imaginary part of the complex argument (zeros of its shape, in Slope).

    imag(val)
    """
    if _py.isinstance(val, _py.bool) or _py.isinstance(val, _py.int):
        return 0
    if _py.isinstance(val, _py.float):
        return 0.0
    return zeros_like(asarray(val))


if not _jax:

    def common_type(*arrays):
        """Return a scalar type which is common to the input arrays (a float type: integers count
        as float64).

        common_type(*arrays)
        """
        precision = 0
        for a in arrays:
            k = a.dtype.kind
            if k in "iu":
                p = 2
            elif k == "f":
                p = {2: 0, 4: 1, 8: 2}.get(a.dtype.itemsize, 2)
            else:
                # help: common_type takes arrays of numbers (ints or floats)
                raise TypeError("can't get common type for non-numeric array")
            precision = _py.max(precision, p)
        return [float16, float32, float64, float64][precision]


_delete_indices = delete


def delete(arr, obj, axis=None):
    """Return a new array with sub-arrays along an axis deleted (obj: an int, a sequence of
    ints, a slice or a boolean mask of the axis).

    delete(arr, obj, axis=None)
    """
    if _py.isinstance(obj, _py.slice):
        a, ax = _flat_or_axis(asarray(arr), axis)
        return _delete_indices(a, _py.list(_py.range(*obj.indices(a.shape[ax]))), ax)
    if (_is_seq(obj) and obj and _py.all([_py.isinstance(v, _py.bool) for v in obj])) or (
        _py.isinstance(obj, ndarray) and obj.dtype.kind == "b"
    ):
        a, ax = _flat_or_axis(asarray(arr), axis)
        m = asarray(obj)
        n = a.shape[ax]
        if m.ndim != 1 or m.shape[0] != n:
            # help: give one flag per index along the axis
            raise ValueError(f"boolean array argument obj to delete must be one dimensional and match the axis length of {n}")
        return _delete_indices(a, nonzero(m)[0].tolist(), ax)
    return _delete_indices(arr, obj, axis)


# ---------------------------------------------------------------------------------------------
# More ufuncs: inverse hyperbolic functions, fmod/modf/frexp/ldexp, gcd/lcm, float_power,
# spacing, positive, conj, and numpy 2's vecdot/matvec/vecmat. Written over the primitives, so
# they trace, batch and differentiate like the rest.


class _PyUfunc:
    """A ufunc written in Slope: called like the function it wraps, with numpy's positional
    `out`, `out=` and `where=`, and (binary ones) the methods reduce, accumulate, outer, at and
    reduceat, as `np.add` has them."""

    def __init__(self, f, nin, name):
        self._f = f
        self.nin = nin
        self.nout = 1
        self.nargs = nin + 1
        self.__name__ = name
        self.__doc__ = f.__doc__
        self.identity = _IDENTITY.get(name)

    def __call__(self, *args, out=None, where=True, **kw):
        if _py.len(args) > self.nin:
            if _py.len(args) > self.nin + 1:
                # help: give the inputs, then at most one output array (or out=...)
                raise TypeError(f"{self.__name__}() takes from {self.nin} to {self.nin + 1} positional arguments but {_py.len(args)} were given")
            if out is not None:
                # help: give the output array once: positionally after the inputs or as out=
                raise TypeError("cannot specify 'out' as both a positional and keyword argument")
            out = args[self.nin]
            args = args[: self.nin]
        r = self._f(*args, **kw)
        if out is None and where is True:
            return r
        return _ufunc_out(r, out, where)

    def reduce(self, *args, **kw):
        return _ufunc_reduce(self, *args, **kw)

    def accumulate(self, *args, **kw):
        return _ufunc_accumulate(self, *args, **kw)

    def outer(self, *args, **kw):
        return _ufunc_outer(self, *args, **kw)

    def at(self, *args, **kw):
        return _ufunc_at(self, *args, **kw)

    def reduceat(self, *args, **kw):
        return _ufunc_reduceat(self, *args, **kw)

    def __repr__(self):
        return f"<ufunc '{self.__name__}'>"


_LN2 = 0.6931471805599453


def _arcsinh(x):
    """Inverse hyperbolic sine element-wise.

    arcsinh(x)

    >>> print(np.arcsinh(np.array([np.e, 10.0])))
    [1.72538256 2.99822295]
    """
    x = _to_float(x)
    a = abs(x)
    big = a > 1e8
    # Each branch's operand is replaced where `where` drops that branch, so that it stays finite
    # and so does its gradient (here and in arccosh, arctanh, frexp).
    s = where(big, 0.0, a)
    small = log1p(s + s * s / (1.0 + sqrt(1.0 + s * s)))
    large = log(where(big, a, 1.0)) + _LN2
    r = where(big, large, small)
    return where(signbit(x), negative(r), r)


def _arccosh(x):
    """Inverse hyperbolic cosine, element-wise (NaN below 1).

    arccosh(x)

    >>> print(np.arccosh(np.array([np.e, 10.0])))
    [1.65745445 2.99322285]
    """
    x = _to_float(x)
    big = x > 1e8
    ok = (x >= 1.0) & ~big
    t = where(ok, x - 1.0, 0.0)
    small = log1p(t + sqrt(t * (t + 2.0)))
    large = log(where(big, x, 1.0)) + _LN2
    r = where(big, large, small)
    return where(x < 1.0, nan, where(isnan(x), x, r))


def _arctanh(x):
    """Inverse hyperbolic tangent element-wise (±inf at ±1, NaN beyond).

    arctanh(x)

    >>> print(np.arctanh(np.array([0.0, -0.5])))
    [ 0.         -0.54930614]
    """
    x = _to_float(x)
    a = abs(x)
    inside = a < 1.0
    s = where(inside, a, 0.0)
    r = 0.5 * log1p(2.0 * s / (1.0 - s))
    r = where(inside, r, where(a == 1.0, inf, nan))
    r = where(isnan(x), x, r)
    return where(signbit(x), negative(r), r)


arcsinh = _PyUfunc(_arcsinh, 1, "arcsinh")
arccosh = _PyUfunc(_arccosh, 1, "arccosh")
arctanh = _PyUfunc(_arctanh, 1, "arctanh")
asinh = arcsinh
acosh = arccosh
atanh = arctanh


def _fmod(x1, x2):
    """Returns the element-wise remainder of division, with the sign of the dividend (C's
    fmod; np.remainder takes the divisor's sign).

    fmod(x1, x2)

    >>> print(np.fmod(np.array([-3, -2, -1, 1, 2, 3]), 2))
    [-1  0 -1  1  0  1]
    """
    a = asarray(x1)
    b = asarray(x2)
    r = remainder(a, b)
    # remainder has the divisor's sign: move a nonzero result back to the dividend's side.
    wrong = (r != 0) & ((r < 0) != (a < 0))
    r = where(wrong, r - b, r)
    if _is_float(asarray(r)):
        r = where(r == 0, copysign(r, a), r).astype(r.dtype)
    return r


def _modf(x):
    """Return the fractional and integral parts of an array, element-wise, both with the sign
    of x.

    modf(x)

    >>> np.modf(np.array([0.0, 3.5]))
    (array([0. , 0.5]), array([0., 3.]))
    """
    x = _to_float(x)
    i = fix(x)
    f = where(isinf(x), 0.0, x - i).astype(x.dtype)
    if _jax:
        # jax.numpy's modf is x - fix(x): a zero fraction is +0.0 whatever x's sign.
        return (f, i)
    return (copysign(f, x).astype(x.dtype), i)


def _times_pow2(x, n):
    """x * 2**n for the float array x and integers n, exactly: the power of two in two halves,
    so that neither overflows or underflows where the product does not."""
    h = n // 2
    return (x * power(2.0, h).astype(x.dtype) * power(2.0, n - h).astype(x.dtype)).astype(x.dtype)


def _frexp(x):
    """Decompose the elements of x into mantissa and twos exponent: x = m * 2**e with
    0.5 <= |m| < 1 (0, inf and NaN keep m = x, e = 0).

    frexp(x)

    >>> y1, y2 = np.frexp(np.arange(4.0)); print(y1, y2)
    [0.   0.5  0.5  0.75] [0 1 2 2]
    """
    x = _to_float(x)
    a = abs(x)
    fin = (a > 0) & (a < inf)
    s = where(fin, a, 1.0)
    e = (floor(log2(s)) + 1.0).astype(int32)
    m = _times_pow2(s, negative(e))
    # log2 may round across a power of two: one step puts m into [0.5, 1).
    up = m >= 1.0
    m = where(up, m * 0.5, m)
    e = where(up, e + 1, e)
    down = m < 0.5
    m = where(down, m * 2.0, m)
    e = where(down, e - 1, e)
    m = where(fin, copysign(m, x), x).astype(x.dtype)
    return (m, where(fin, e, 0).astype(int32))


def _ldexp(x1, x2):
    """Returns x1 * 2**x2, element-wise (x2 integers).

    ldexp(x1, x2)

    >>> print(np.ldexp(5, np.arange(4)))
    [ 5. 10. 20. 40.]
    """
    x = _to_float(x1)
    n = asarray(x2)
    if n.dtype.kind not in "iub":
        # help: the exponents must be integers: np.ldexp(x, n.astype(int))
        raise TypeError("ufunc 'ldexp' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
    return _times_pow2(x, n)


def _int_args(name, x1, x2):
    a = asarray(x1)
    b = asarray(x2)
    if a.dtype.kind not in "iub" or b.dtype.kind not in "iub":
        # help: gcd and lcm take integers; cast with .astype(int)
        raise TypeError(f"ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
    dt = _common_dtype(a, b)
    if dt == bool_:
        dt = int8
    return a.astype(dt), b.astype(dt)


def _gcd(x1, x2):
    """Returns the greatest common divisor of |x1| and |x2|.

    gcd(x1, x2)

    >>> print(np.gcd(12, 20), np.gcd(np.arange(6), 20))
    4 [20  1  2  1  4  5]
    """
    a, b = _int_args("gcd", x1, x2)
    a, b = broadcast_arrays(abs(a), abs(b))
    # Euclid's algorithm on every element at once: the number of steps is bounded by the
    # Fibonacci numbers that fit the integer type (92 for 64 bits).
    steps = 93 if a.dtype.itemsize == 8 else 47
    for _ in _py.range(steps):
        nz = b != 0
        a, b = where(nz, b, a), where(nz, remainder(a, where(nz, b, 1)), 0).astype(a.dtype)
    return a


def _lcm(x1, x2):
    """Returns the lowest common multiple of |x1| and |x2|.

    lcm(x1, x2)

    >>> print(np.lcm(12, 20), np.lcm(np.arange(6), 20))
    60 [ 0 20 20 60 20 20]
    """
    a, b = _int_args("lcm", x1, x2)
    g = _gcd(a, b)
    return abs(floor_divide(a, where(g == 0, 1, g)) * b).astype(g.dtype)


gcd = _PyUfunc(_gcd, 2, "gcd")
lcm = _PyUfunc(_lcm, 2, "lcm")
fmod = _PyUfunc(_fmod, 2, "fmod")
modf = _modf
frexp = _frexp
ldexp = _PyUfunc(_ldexp, 2, "ldexp")


def float_power(x1, x2, out=None, where=True, dtype=None):
    """First array elements raised to powers from second array, element-wise, in the widest
    float (float64 in numpy; JAX's default float in jax.numpy).

    float_power(x1, x2)

    >>> print(np.float_power(np.arange(6), 3))
    [  0.   1.   8.  27.  64. 125.]
    """
    dt = _float if _jax else float64
    if dtype is not None:
        dt = dtype
    r = power(asarray(x1).astype(dt), asarray(x2).astype(dt))
    return _ufunc_out(r, out, where)


def spacing(x, out=None, where=True):
    """Return the distance between x and the nearest adjacent number (away from zero; negative
    for negative x).

    spacing(x)

    >>> print(np.spacing(1) == np.finfo(np.float64).eps)
    True
    """
    x = _to_float(x)
    away = _np_where(signbit(x), -inf, inf).astype(x.dtype)
    r = nextafter(x, away) - x
    r = _np_where(isinf(x), nan, r).astype(x.dtype)
    return _ufunc_out(r, out, where)


def positive(x, out=None, where=True):
    """Numerical positive, element-wise: a copy of x (+x).

    positive(x)
    """
    x = asarray(x)
    if x.dtype == bool_:
        # help: positive works on numbers; for booleans use x.copy() or x.astype(int)
        raise TypeError("The numpy boolean positive, the unary + operator, is not supported.")
    return _ufunc_out(x + zeros((), dtype=x.dtype), out, where)


def conjugate(x, out=None, where=True):
    """Return the complex conjugate, element-wise (Slope has no complex numbers yet, so a copy
    of x).

    conjugate(x)
    """
    x = asarray(x)
    return _ufunc_out(x + zeros((), dtype=x.dtype) if x.dtype != bool_ else x.copy(), out, where)


conj = conjugate


def vecdot(x1, x2, /, *, axis=-1):
    """Vector dot product of two arrays along an axis (broadcasting the others): sum(conj(x1) *
    x2, axis).

    vecdot(x1, x2, /, *, axis=-1)

    >>> print(np.vecdot(np.array([[0., 5., 0.], [0., 0., 10.]]), np.array([0., 0.6, 0.8])))
    [3. 8.]
    """
    a = asarray(x1)
    b = asarray(x2)
    if a.ndim == 0 or b.ndim == 0:
        # help: vecdot takes vectors (arrays with at least one axis)
        raise ValueError("vecdot: Input operand does not have enough dimensions")
    if a.shape[axis] != b.shape[axis]:
        # help: the vectors along axis must have the same length
        raise ValueError(f"vecdot: Input operand 1 has a mismatch in its core dimension 0 (size {b.shape[axis]} is different from {a.shape[axis]})")
    return sum(a * b, axis=axis)


def matvec(x1, x2, /):
    """Matrix-vector dot product of two arrays: x1 (..., m, n) times x2 (..., n) is (..., m).

    matvec(x1, x2, /)
    """
    a = asarray(x1)
    b = asarray(x2)
    if a.ndim < 2 or b.ndim < 1:
        # help: matvec takes a stack of matrices and a stack of vectors
        raise ValueError("matvec: Input operand does not have enough dimensions")
    return matmul(a, expand_dims(b, -1))[..., 0]


def vecmat(x1, x2, /):
    """Vector-matrix dot product of two arrays: x1 (..., n) times x2 (..., n, m) is (..., m).

    vecmat(x1, x2, /)
    """
    a = asarray(x1)
    b = asarray(x2)
    if a.ndim < 1 or b.ndim < 2:
        # help: vecmat takes a stack of vectors and a stack of matrices
        raise ValueError("vecmat: Input operand does not have enough dimensions")
    return matmul(expand_dims(a, -2), b)[..., 0, :]


if not _jax:

    def isnat(x, out=None, where=True):
        """Test element-wise for NaT (not a time): Slope has no datetime64, so this is
        numpy's error for other dtypes.

        isnat(x)
        """
        # help: isnat works on datetime64/timedelta64 arrays, which Slope does not have
        raise TypeError("ufunc 'isnat' is only defined for np.datetime64 and np.timedelta64.")


bitwise_not = invert

# The ufuncs written earlier in this file, as ufunc objects: numpy's positional `out`, `out=`,
# `where=`, and (binary ones) np.hypot.reduce, np.logaddexp.reduce, ... as np.add has them.
deg2rad = _PyUfunc(deg2rad, 1, "deg2rad")
rad2deg = _PyUfunc(rad2deg, 1, "rad2deg")
radians = _PyUfunc(deg2rad._f, 1, "radians")
degrees = _PyUfunc(rad2deg._f, 1, "degrees")
isfinite = _PyUfunc(isfinite, 1, "isfinite")
isinf = _PyUfunc(isinf, 1, "isinf")
cbrt = _PyUfunc(cbrt, 1, "cbrt")
exp2 = _PyUfunc(exp2, 1, "exp2")
log2 = _PyUfunc(log2, 1, "log2")
hypot = _PyUfunc(hypot, 2, "hypot")
logaddexp = _PyUfunc(logaddexp, 2, "logaddexp")
logaddexp2 = _PyUfunc(logaddexp2, 2, "logaddexp2")
copysign = _PyUfunc(copysign, 2, "copysign")
heaviside = _PyUfunc(heaviside, 2, "heaviside")
fmax = _PyUfunc(fmax, 2, "fmax")
fmin = _PyUfunc(fmin, 2, "fmin")
nextafter = _PyUfunc(nextafter, 2, "nextafter")


def lexsort(keys, axis=-1):
    """Perform an indirect stable sort using a sequence of keys: the last key is the primary
    sort key, the second-to-last the secondary, and so on.

    lexsort(keys, axis=-1)

    >>> surnames = ('Hertz', 'Galilei', 'Hertz'); first = ('Heinrich', 'Galileo', 'Gustav')
    >>> print(np.lexsort(([1, 5, 3], [2, 1, 2])))
    [1 0 2]
    """
    if _py.isinstance(keys, ndarray) or _is_seq(keys):
        ks = [asarray(k) for k in keys]
    else:
        ks = [asarray(keys)]
    if _py.len(ks) == 0:
        # help: pass at least one key: np.lexsort((secondary, primary))
        raise TypeError("need sequence of keys with len > 0 in lexsort")
    shape = ks[0].shape
    for k in ks:
        if k.shape != shape:
            # help: every key must have the same shape
            raise ValueError("all keys need to be the same shape")
    if _py.len(shape) == 0:
        # help: the keys must be arrays with at least one axis
        raise ValueError("lexsort: the keys must have at least one dimension")
    ax = _norm_axis(axis, _py.len(shape))
    ks = [moveaxis(k, ax, -1) for k in ks]
    # Stable sorts from the least significant key to the most significant one.
    idx = broadcast_to(arange(shape[ax]), ks[0].shape)
    for k in ks:
        order = argsort(take_along_axis(k, idx, axis=-1), axis=-1, kind="stable")
        idx = take_along_axis(idx, order, axis=-1)
    return moveaxis(idx, -1, ax)


if not _jax:

    def asanyarray(a, dtype=None, order=None, *, like=None):
        """Convert the input to an ndarray (Slope has no ndarray subclasses, so this is
        np.asarray).

        asanyarray(a, dtype=None, order=None)
        """
        return asarray(a, dtype=dtype)

    def copyto(dst, src, casting="same_kind", where=True):
        """Copies values from one array to another, broadcasting as necessary (only where
        `where` is True).

        copyto(dst, src, casting='same_kind', where=True)

        >>> A = np.array([4, 5, 6]); np.copyto(A, [1, 2, 3]); print(A)
        [1 2 3]
        """
        if not _py.isinstance(dst, ndarray):
            # help: copyto writes into a numpy array: pass one as the first argument
            raise TypeError(f"copyto() argument 1 must be numpy.ndarray, not {_py.type(dst).__name__}")
        s = asarray(src)
        if casting == "same_kind" and _py.isinstance(src, ndarray) and s.dtype.kind == "f" and dst.dtype.kind in "iub":
            # help: cast first (src.astype(dst.dtype)) or pass casting='unsafe'
            raise TypeError(f"Cannot cast array data from dtype('{s.dtype}') to dtype('{dst.dtype}') according to the rule 'same_kind'")
        s = broadcast_to(s.astype(dst.dtype), dst.shape)
        if where is True:
            dst[...] = s
        else:
            dst[...] = _np_where(broadcast_to(asarray(where), dst.shape), s, dst)

    def putmask(a, mask, values):
        """Changes elements of an array based on conditional and input values: a.flat[n] =
        values[n % len(values)] where mask.flat[n] is True.

        putmask(a, mask, values)

        >>> x = np.arange(5); np.putmask(x, x > 1, [-33, -44]); print(x)
        [  0   1 -33 -44 -33]
        """
        if not _py.isinstance(a, ndarray):
            # help: putmask writes into a numpy array: pass one as the first argument
            raise TypeError(f"putmask: first argument must be an array, not {_py.type(a).__name__}")
        m = asarray(mask).astype(bool_)
        if m.size != a.size:
            # help: give one mask entry per element of the array
            raise ValueError("putmask: mask and data must be the same size")
        v = ravel(asarray(values)).astype(a.dtype)
        if v.size == 0:
            return None
        vals = v[arange(a.size) % v.size].reshape(a.shape)
        a[...] = _np_where(m.reshape(a.shape), vals, a)


if not _jax:

    class broadcast:
        """Produce an object that mimics broadcasting: its shape, size and number of dimensions
        are those of the broadcast result, and iterating it gives tuples of the inputs' elements
        at each position of that result, in C order.

        broadcast(*args)

        >>> b = np.broadcast(np.array([[1], [2], [3]]), np.array([4, 5, 6]))
        >>> print(b.shape, b.size, b.nd, [u + v for (u, v) in b][:4])
        (3, 3) 9 2 [np.int64(5), np.int64(6), np.int64(7), np.int64(6)]
        """

        def __init__(self, *args):
            if _py.len(args) > 64:
                # help: broadcast takes at most 64 arrays
                raise ValueError("Need at most 64 array objects.")
            arrays = [asarray(a) for a in args]
            self.shape = broadcast_shapes(*[a.shape for a in arrays])
            self._flats = [ravel(broadcast_to(a, self.shape)) for a in arrays]
            self.nd = _py.len(self.shape)
            self.ndim = self.nd
            size = 1
            for k in self.shape:
                size *= k
            self.size = size
            self.numiter = _py.len(arrays)
            self.reset()

        def __iter__(self):
            return self

        def __next__(self):
            if self.index >= self.size:
                raise StopIteration
            i = self.index
            self.index = i + 1
            return _py.tuple(f[i] for f in self._flats)

        def reset(self):
            """Reset the broadcasted result's iterator(s) to the start."""
            self.index = 0
            self.iters = _py.tuple(flatiter(f.reshape(self.shape)) for f in self._flats)

    def _text_with_options(show, a, max_line_width, precision, suppress_small):
        """show(a) (repr or str) under the print options given for this call only."""
        opts = {k: v for k, v in (("linewidth", max_line_width), ("precision", precision), ("suppress", suppress_small)) if v is not None}
        if not opts:
            return show(asarray(a))
        with printoptions(**opts):
            return show(asarray(a))

    def array_repr(arr, max_line_width=None, precision=None, suppress_small=None):
        """Return the string representation of an array, as repr(arr) (with the given print
        options for this call).

        array_repr(arr, max_line_width=None, precision=None, suppress_small=None)
        """
        return _text_with_options(_py.repr, arr, max_line_width, precision, suppress_small)

    def array_str(a, max_line_width=None, precision=None, suppress_small=None):
        """Return a string representation of the data in an array, as str(a) (with the given
        print options for this call).

        array_str(a, max_line_width=None, precision=None, suppress_small=None)
        """
        return _text_with_options(_py.str, a, max_line_width, precision, suppress_small)


def _array_imag(a):
    """`a.imag`: the imaginary part — zeros of a's shape and dtype (Slope's arrays are real)."""
    return zeros_like(a)


_np_dtype = dtype


def _dtype_kind_of(d):
    return _np_dtype(d).kind


def _dtype_name_of(d):
    return _np_dtype(d).name


_ISDTYPE_KINDS = {
    "bool": "b",
    "signed integer": "i",
    "unsigned integer": "u",
    "integral": "iu",
    "real floating": "f",
    "complex floating": "c",
    "numeric": "iufc",
}


def isdtype(dtype, kind):
    """Determine if a provided dtype is of a specified data type kind: a dtype, one of 'bool',
    'signed integer', 'unsigned integer', 'integral', 'real floating', 'complex floating',
    'numeric', or a tuple of those.

    isdtype(dtype, kind)

    >>> print(np.isdtype(np.float32, "real floating"), np.isdtype(np.int8, ("bool", "integral")))
    True True
    """
    if _py.isinstance(dtype, ndarray) or _py.isinstance(dtype, _py.str):
        # help: pass a dtype such as x.dtype or np.float32
        raise TypeError(f"dtype argument must be a NumPy dtype, but it is a {_py.type(dtype)}.")
    kinds = kind if _py.isinstance(kind, _py.tuple) else (kind,)
    for k in kinds:
        if _py.isinstance(k, _py.str):
            if k not in _ISDTYPE_KINDS:
                # help: kind is a dtype or one of 'bool', 'signed integer', 'unsigned integer',
                # 'integral', 'real floating', 'complex floating', 'numeric'
                raise ValueError(f"kind argument is a string, but '{k}' is not a known kind name.")
            if _dtype_kind_of(dtype) in _ISDTYPE_KINDS[k]:
                return True
        elif _dtype_name_of(k) == _dtype_name_of(dtype):
            return True
    return False

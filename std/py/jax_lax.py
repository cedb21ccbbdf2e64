# jax.lax's array functions, written in Slope (the control-flow functions — cond, switch,
# fori_loop, while_loop, scan — and stop_gradient are native, in lang/src/interp/lax.rs).
#
# This file runs in the scope of `jax.numpy` (every jnp function is a plain name here, `_py` is
# Python's builtins); its public names are added to the `jax.lax` module. lax is strict where
# jnp is lenient: elementwise functions take arrays of one shape and one dtype (Python scalars
# are weakly typed and fit any), as in JAX.


def _shape_of(x):
    return _py.tuple(asarray(x).shape)


def _is_array(x):
    return _py.isinstance(x, ndarray)


def _check_same(name, *xs):
    """JAX's checks of lax's elementwise binary functions: one shape, one dtype."""
    arrays = [x for x in xs if _is_array(x)]
    shapes = [x.shape for x in arrays if x.ndim > 0]
    for s in shapes[1:]:
        if s != shapes[0]:
            # help: broadcast first (jnp.broadcast_to), or use the jnp function, which broadcasts
            raise TypeError(f"{name} got incompatible shapes for broadcasting: " + ", ".join(_py.str(_py.tuple(t)) for t in shapes) + ".")
    dts = []
    for x in xs:
        # Python scalars are weakly typed with JAX's default dtypes: they must match too.
        if _py.isinstance(x, _py.bool):
            d = "bool"
        elif _py.isinstance(x, _py.int):
            d = "int32"
        elif _py.isinstance(x, _py.float):
            d = "float32"
        elif _is_array(x):
            d = _py.str(x.dtype)
        else:
            continue
        if d not in dts:
            dts.append(d)
    if _py.len(dts) > 1:
        # help: convert with lax.convert_element_type (or x.astype), or use the jnp function, which promotes
        raise TypeError(f"lax.{name} requires arguments to have the same dtypes, got " + ", ".join(_py.str(d) for d in dts)
                        + f". (Tip: jnp.{_JNP_OF.get(name, name)} is a similar function that does automatic type promotion on inputs).")


_JNP_OF = {"sub": "subtract", "mul": "multiply", "div": "divide", "max": "maximum", "min": "minimum", "rem": "remainder",
           "eq": "equal", "ne": "not_equal", "lt": "less", "le": "less_equal", "gt": "greater", "ge": "greater_equal", "pow": "power"}


def _binary(name, f):
    def op(x, y):
        _check_same(name, x, y)
        return f(x, y)
    op.__name__ = name
    op.__doc__ = f"{name}(x, y)\nlax.{name}: elementwise, on arrays of one shape and dtype (Python scalars fit any).\n\n>>> print(jax.lax.{name}(jnp.float32(6), jnp.float32(3)))"
    return op


def _div(x, y):
    x = asarray(x)
    if x.dtype.kind in "iu":
        # lax.div on ints rounds toward zero (C's division), unlike jnp.floor_divide.
        q = floor_divide(abs(x), abs(asarray(y)))
        return where((x < 0) != (asarray(y) < 0), -q, q).astype(x.dtype)
    return true_divide(x, y)


def _rem(x, y):
    x = asarray(x)
    if x.dtype.kind in "iu":
        return x - _div(x, y) * y
    return fmod(x, y)


add = _binary("add", lambda x, y: asarray(x) + y)
sub = _binary("sub", lambda x, y: asarray(x) - y)
mul = _binary("mul", lambda x, y: asarray(x) * y)
div = _binary("div", _div)
rem = _binary("rem", _rem)
max = _binary("max", maximum)
min = _binary("min", minimum)
pow = _binary("pow", power)
atan2 = _binary("atan2", arctan2)
eq = _binary("eq", equal)
ne = _binary("ne", not_equal)
lt = _binary("lt", less)
le = _binary("le", less_equal)
gt = _binary("gt", greater)
ge = _binary("ge", greater_equal)
bitwise_and = _binary("bitwise_and", lambda x, y: asarray(x) & y)
bitwise_or = _binary("bitwise_or", lambda x, y: asarray(x) | y)
bitwise_xor = _binary("bitwise_xor", lambda x, y: asarray(x) ^ y)


def shift_left(x, y):
    """shift_left(x, y): x << y elementwise on integers of one dtype (XLA's: a count outside
    [0, bits) gives 0).

    >>> print(jax.lax.shift_left(jnp.int32(3), jnp.int32(4)))
    48"""
    _check_same("shift_left", x, y)
    return left_shift(x, y)


def shift_right_arithmetic(x, y):
    """shift_right_arithmetic(x, y): x >> y elementwise, filling with the sign bit (unsigned
    values are shifted as their signed bits); a count outside [0, bits) gives 0 or -1.

    >>> print(jax.lax.shift_right_arithmetic(jnp.int32(-16), jnp.int32(2)))
    -4"""
    _check_same("shift_right_arithmetic", x, y)
    return _shift_right_arithmetic(x, y)


def shift_right_logical(x, y):
    """shift_right_logical(x, y): x >> y elementwise, filling with zeros (signed values are
    shifted as their unsigned bits); a count outside [0, bits) gives 0.

    >>> print(jax.lax.shift_right_logical(jnp.int32(-16), jnp.int32(28)))
    15"""
    _check_same("shift_right_logical", x, y)
    return _shift_right_logical(x, y)


def neg(x):
    """neg(x): -x elementwise."""
    return negative(x)


def _unary(name, f, doc):
    def op(x):
        return f(x)
    op.__name__ = name
    op.__doc__ = f"{name}(x)\n{doc}"
    return op


def _unaries():
    import jax.numpy as jnp
    return jnp


_jnp = _unaries()
abs = _unary("abs", _jnp.abs, "|x| elementwise.")
sign = _unary("sign", _jnp.sign, "-1, 0 or 1 elementwise.")
exp = _unary("exp", _jnp.exp, "e**x elementwise.")
exp2 = _unary("exp2", lambda x: _jnp.exp2(x), "2**x elementwise.")
log = _unary("log", _jnp.log, "The natural logarithm elementwise.")
log1p = _unary("log1p", _jnp.log1p, "log(1 + x) elementwise.")
expm1 = _unary("expm1", _jnp.expm1, "exp(x) - 1 elementwise.")
sin = _unary("sin", _jnp.sin, "sin(x) elementwise.")
cos = _unary("cos", _jnp.cos, "cos(x) elementwise.")
tan = _unary("tan", _jnp.tan, "tan(x) elementwise.")
asin = _unary("asin", _jnp.arcsin, "arcsin(x) elementwise.")
acos = _unary("acos", _jnp.arccos, "arccos(x) elementwise.")
atan = _unary("atan", _jnp.arctan, "arctan(x) elementwise.")
sinh = _unary("sinh", _jnp.sinh, "sinh(x) elementwise.")
cosh = _unary("cosh", _jnp.cosh, "cosh(x) elementwise.")
tanh = _unary("tanh", _jnp.tanh, "tanh(x) elementwise.")
sqrt = _unary("sqrt", _jnp.sqrt, "The square root elementwise.")
rsqrt = _unary("rsqrt", lambda x: 1.0 / _jnp.sqrt(x), "1 / sqrt(x) elementwise.")
cbrt = _unary("cbrt", lambda x: _jnp.cbrt(x), "The cube root elementwise.")
square = _unary("square", lambda x: asarray(x) * x, "x * x elementwise.")
floor = _unary("floor", _jnp.floor, "floor(x) elementwise.")
ceil = _unary("ceil", _jnp.ceil, "ceil(x) elementwise.")
is_finite = _unary("is_finite", _jnp.isfinite, "Whether x is finite, elementwise.")
logistic = _unary("logistic", lambda x: 1.0 / (1.0 + _jnp.exp(-asarray(x))), "The logistic sigmoid 1 / (1 + e**-x) elementwise.")
bitwise_not = _unary("bitwise_not", lambda x: ~asarray(x), "Bitwise not elementwise.")
reciprocal = _unary("reciprocal", lambda x: 1.0 / asarray(x), "1 / x elementwise.")


def integer_pow(x, y):
    """integer_pow(x, y): x ** y for a Python int y, by repeated multiplication (as JAX)."""
    if not _py.isinstance(y, int):
        # help: pass the exponent as a Python int, or use lax.pow
        raise TypeError(f"integer_pow: the exponent must be a Python int, not {_py.type(y).__name__}")
    return asarray(x) ** y


def round(x, rounding_method=0):
    """round(x, rounding_method=0): round half away from zero (method 0, AWAY_FROM_ZERO) or to
    even (method 1, TO_NEAREST_EVEN)."""
    x = asarray(x)
    if rounding_method in (1, "TO_NEAREST_EVEN"):
        return _jnp.round(x)
    return _jnp.sign(x) * _jnp.floor(_jnp.abs(x) + 0.5)


class RoundingMethod:
    """lax.RoundingMethod: AWAY_FROM_ZERO (0) and TO_NEAREST_EVEN (1)."""
    AWAY_FROM_ZERO = 0
    TO_NEAREST_EVEN = 1


def clamp(min, x, max):
    """clamp(min, x, max): x clipped to [min, max] elementwise (note lax's argument order)."""
    return _jnp.minimum(_jnp.maximum(x, min), max)


def select(pred, on_true, on_false):
    """select(pred, on_true, on_false)

    on_true where the boolean array pred holds, else on_false; all three of one shape (pred may
    be a scalar), on_true and on_false of one dtype.

    >>> print(jax.lax.select(jnp.array([True, False]), jnp.ones(2), jnp.zeros(2)))
    [1. 0.]
    """
    p = asarray(pred)
    if p.dtype != bool_:
        p = p != 0
    _check_same("select", on_true, on_false)
    if p.ndim > 0 and p.shape != _shape_of(on_true):
        # help: give pred the operands' shape, or use jnp.where, which broadcasts
        raise TypeError(f"select `pred` must be scalar or have the same shape as cases, got `pred` shape {p.shape} for case shape {_shape_of(on_true)}.")
    return where(p, on_true, on_false)


def select_n(which, *cases):
    """select_n(which, *cases): cases[which] elementwise (which bool or int)."""
    w = asarray(which)
    if _py.len(cases) == 0:
        raise ValueError("select_n() must have at least one case")
    out = cases[0]
    for i in _py.range(1, _py.len(cases)):
        out = where(w == i if w.dtype != bool_ else w, cases[i], out)
    return out


def convert_element_type(operand, new_dtype):
    """convert_element_type(operand, new_dtype): the array cast to new_dtype (floats to ints
    round toward zero)."""
    return asarray(operand).astype(new_dtype)


def iota(dtype, size):
    """iota(dtype, size): [0, 1, ..., size - 1] of dtype."""
    return arange(size, dtype=dtype)


def broadcasted_iota(dtype, shape, dimension):
    """broadcasted_iota(dtype, shape, dimension): an array of shape whose values count along
    `dimension`."""
    shape = _py.tuple(shape)
    r = arange(shape[dimension], dtype=dtype)
    r = reshape(r, _py.tuple(shape[dimension] if i == dimension else 1 for i in _py.range(_py.len(shape))))
    return broadcast_to(r, shape)


def full(shape, fill_value, dtype=None):
    """full(shape, fill_value, dtype=None)."""
    return _jnp.full(shape, fill_value, dtype=dtype)


def full_like(x, fill_value, dtype=None, shape=None):
    """full_like(x, fill_value, dtype=None, shape=None)."""
    x = asarray(x)
    return _jnp.full(x.shape if shape is None else shape, fill_value, dtype=x.dtype if dtype is None else dtype)


def broadcast(operand, sizes):
    """broadcast(operand, sizes): operand with new leading dimensions `sizes`."""
    x = asarray(operand)
    return broadcast_to(x, _py.tuple(sizes) + x.shape)


def broadcast_in_dim(operand, shape, broadcast_dimensions):
    """broadcast_in_dim(operand, shape, broadcast_dimensions)

    operand broadcast to `shape`, its dimension i becoming dimension broadcast_dimensions[i].

    >>> print(jax.lax.broadcast_in_dim(jnp.array([1, 2]), (2, 3), (0,)))
    [[1 1 1]
     [2 2 2]]
    """
    x = asarray(operand)
    shape = _py.tuple(shape)
    dims = _py.tuple(broadcast_dimensions)
    if _py.len(dims) != x.ndim:
        # help: give one output dimension per operand dimension
        raise TypeError(f"broadcast_in_dim broadcast_dimensions must have length equal to operand ndim; got broadcast_dimensions {dims} for operand ndim {x.ndim}.")
    mid = [1] * _py.len(shape)
    for i, d in _py.enumerate(dims):
        mid[d] = x.shape[i]
    return broadcast_to(reshape(x, _py.tuple(mid)), shape)


def reshape(operand, new_sizes, dimensions=None):
    """reshape(operand, new_sizes, dimensions=None): operand (transposed by `dimensions` first,
    if given) with the shape new_sizes."""
    x = asarray(operand)
    if dimensions is not None:
        x = transpose(x, dimensions)
    return _jnp.reshape(x, _py.tuple(new_sizes))


def slice(operand, start_indices, limit_indices, strides=None):
    """slice(operand, start_indices, limit_indices, strides=None): the static slice
    operand[start:limit:stride] along every dimension."""
    x = asarray(operand)
    if strides is None:
        strides = [1] * x.ndim
    idx = _py.tuple(_py.slice(s, l, st) for s, l, st in _py.zip(start_indices, limit_indices, strides))
    return x[idx]


def slice_in_dim(operand, start_index, limit_index, stride=1, axis=0):
    """slice_in_dim(operand, start_index, limit_index, stride=1, axis=0)."""
    x = asarray(operand)
    idx = [_py.slice(None)] * x.ndim
    idx[axis] = _py.slice(start_index, limit_index, stride)
    return x[_py.tuple(idx)]


def index_in_dim(operand, index, axis=0, keepdims=True):
    """index_in_dim(operand, index, axis=0, keepdims=True)."""
    x = asarray(operand)
    r = slice_in_dim(x, index, index + 1 if index != -1 else None, 1, axis)
    return r if keepdims else squeeze(r, axis)


def _clamped_starts(x, start_indices, sizes):
    """JAX clamps dynamic start indices so the window fits: 0 <= start <= dim - size."""
    starts = []
    for i, s in _py.enumerate(start_indices):
        starts.append(_jnp.clip(asarray(s), 0, x.shape[i] - sizes[i]))
    return starts


def dynamic_slice(operand, start_indices, slice_sizes):
    """dynamic_slice(operand, start_indices, slice_sizes)

    The window of shape slice_sizes at start_indices (which may be traced values); starts are
    clamped so that the window lies inside the array, as in JAX.

    >>> print(jax.lax.dynamic_slice(jnp.arange(10), (8,), (3,)))
    [7 8 9]
    """
    x = asarray(operand)
    sizes = _py.tuple(slice_sizes)
    if _py.len(start_indices) != x.ndim or _py.len(sizes) != x.ndim:
        # help: give one start index and one size per dimension of the operand
        raise TypeError(f"dynamic_slice: the operand has {x.ndim} dimensions, but {_py.len(start_indices)} start indices and {_py.len(sizes)} slice sizes were given.")
    for i in _py.range(x.ndim):
        if sizes[i] < 0 or sizes[i] > x.shape[i]:
            raise TypeError(f"slice slice_sizes must be less than or equal to operand shape, got slice_sizes {sizes} for operand shape {x.shape}.")
    starts = _clamped_starts(x, start_indices, sizes)
    r = x
    for i in _py.range(x.ndim):
        r = take(r, starts[i] + arange(sizes[i]), axis=i)
    return r


def dynamic_slice_in_dim(operand, start_index, slice_size, axis=0):
    """dynamic_slice_in_dim(operand, start_index, slice_size, axis=0)."""
    x = asarray(operand)
    starts = [0] * x.ndim
    sizes = _py.list(x.shape)
    starts[axis] = start_index
    sizes[axis] = slice_size
    return dynamic_slice(x, starts, sizes)


def dynamic_index_in_dim(operand, index, axis=0, keepdims=True):
    """dynamic_index_in_dim(operand, index, axis=0, keepdims=True)."""
    r = dynamic_slice_in_dim(operand, index, 1, axis)
    return r if keepdims else squeeze(r, axis)


def dynamic_update_slice(operand, update, start_indices):
    """dynamic_update_slice(operand, update, start_indices)

    operand with the window at start_indices (clamped to fit, as in JAX) replaced by update.

    >>> print(jax.lax.dynamic_update_slice(jnp.zeros(5), jnp.ones(2), (1,)))
    [0. 1. 1. 0. 0.]
    """
    x = asarray(operand)
    u = asarray(update).astype(x.dtype)
    if u.ndim != x.ndim or _py.len(start_indices) != x.ndim:
        # help: the update needs the operand's number of dimensions, and one start index per dimension
        raise TypeError(f"dynamic_update_slice: operand of shape {x.shape}, update of shape {u.shape} and {_py.len(start_indices)} start indices do not match.")
    starts = _clamped_starts(x, start_indices, u.shape)
    idx = []
    for i in _py.range(x.ndim):
        shape = [1] * x.ndim
        shape[i] = u.shape[i]
        idx.append(_jnp.reshape(starts[i] + arange(u.shape[i]), _py.tuple(shape)))
    return x.at[_py.tuple(idx)].set(u)


def dynamic_update_slice_in_dim(operand, update, start_index, axis):
    """dynamic_update_slice_in_dim(operand, update, start_index, axis)."""
    x = asarray(operand)
    starts = [0] * x.ndim
    starts[axis] = start_index
    return dynamic_update_slice(x, update, starts)


def dynamic_update_index_in_dim(operand, update, index, axis):
    """dynamic_update_index_in_dim(operand, update, index, axis)."""
    u = asarray(update)
    if u.ndim == asarray(operand).ndim - 1:
        u = expand_dims(u, axis)
    return dynamic_update_slice_in_dim(operand, u, index, axis)


def concatenate(operands, dimension):
    """concatenate(operands, dimension): join arrays of one dtype along `dimension`."""
    return _jnp.concatenate(operands, axis=dimension)


def pad(operand, padding_value, padding_config):
    """pad(operand, padding_value, padding_config)

    padding_config holds (low, high, interior) per dimension: `interior` values go between
    elements, and low/high may be negative (which crops).

    >>> print(jax.lax.pad(jnp.array([1, 2, 3]), 0, [(1, 2, 1)]))
    [0 1 0 2 0 3 0 0]
    """
    x = asarray(operand)
    cfg = [_py.tuple(c) for c in padding_config]
    if _py.len(cfg) != x.ndim:
        # help: give one (low, high, interior) triple per dimension
        raise ValueError(f"length of padding_config must equal the number of axes of operand, got padding_config {cfg} for operand shape {x.shape}")
    for axis, (lo, hi, interior) in _py.enumerate(cfg):
        if interior < 0:
            raise ValueError(f"padding_config interior must be nonnegative, got padding_config {cfg}")
        n = x.shape[axis]
        if interior > 0 and n > 1:
            size = n + (n - 1) * interior
            shape = _py.list(x.shape)
            shape[axis] = size
            filled = _jnp.full(_py.tuple(shape), padding_value, dtype=x.dtype)
            idx = [_py.slice(None)] * x.ndim
            idx[axis] = _py.slice(0, size, interior + 1)
            x = filled.at[_py.tuple(idx)].set(x)
        widths = [(0, 0)] * x.ndim
        widths[axis] = (_py.max(lo, 0), _py.max(hi, 0))
        x = _jnp.pad(x, widths, constant_values=padding_value)
        if lo < 0 or hi < 0:
            idx = [_py.slice(None)] * x.ndim
            idx[axis] = _py.slice(-lo if lo < 0 else 0, x.shape[axis] + hi if hi < 0 else x.shape[axis])
            x = x[_py.tuple(idx)]
    return x


def rev(operand, dimensions):
    """rev(operand, dimensions): reverse the order of elements along each of `dimensions`."""
    x = asarray(operand)
    idx = [_py.slice(None, None, -1) if i in dimensions else _py.slice(None) for i in _py.range(x.ndim)]
    return x[_py.tuple(idx)]


def dot(lhs, rhs, precision=None, preferred_element_type=None):
    """dot(lhs, rhs): vector·vector, matrix·vector or matrix·matrix product."""
    r = _jnp.dot(lhs, rhs)
    return r if preferred_element_type is None else r.astype(preferred_element_type)


def dot_general(lhs, rhs, dimension_numbers, precision=None, preferred_element_type=None):
    """dot_general(lhs, rhs, dimension_numbers)

    dimension_numbers = ((lhs_contracting, rhs_contracting), (lhs_batch, rhs_batch)); the
    result's dimensions are the batch ones, then lhs's free ones, then rhs's free ones.

    >>> print(jax.lax.dot_general(jnp.ones((2, 3)), jnp.ones((3, 4)), (((1,), (0,)), ((), ()))).shape)
    (2, 4)
    """
    (lc, rc), (lb, rb) = dimension_numbers
    a = asarray(lhs)
    b = asarray(rhs)
    letters = "abcdefghijklmnopqrstuvwxyz"
    la = [None] * a.ndim
    lb_ = [None] * b.ndim
    k = 0
    batch = []
    for i, j in _py.zip(lb, rb):
        la[i] = letters[k]
        lb_[j] = letters[k]
        batch.append(letters[k])
        k += 1
    for i, j in _py.zip(lc, rc):
        la[i] = letters[k]
        lb_[j] = letters[k]
        k += 1
    free_a = []
    for i in _py.range(a.ndim):
        if la[i] is None:
            la[i] = letters[k]
            free_a.append(letters[k])
            k += 1
    free_b = []
    for i in _py.range(b.ndim):
        if lb_[i] is None:
            lb_[i] = letters[k]
            free_b.append(letters[k])
            k += 1
    spec = "".join(la) + "," + "".join(lb_) + "->" + "".join(batch + free_a + free_b)
    r = einsum(spec, a, b)
    return r if preferred_element_type is None else r.astype(preferred_element_type)


def batch_matmul(lhs, rhs, precision=None):
    """batch_matmul(lhs, rhs): matmul over leading batch dimensions."""
    return matmul(lhs, rhs)


def transpose(operand, permutation):
    """transpose(operand, permutation)."""
    return _jnp.transpose(operand, _py.tuple(permutation))


def squeeze(array, dimensions):
    """squeeze(array, dimensions): remove the given dimensions of size 1."""
    return _jnp.squeeze(array, axis=_py.tuple(dimensions) if _py.isinstance(dimensions, (_py.list, _py.tuple)) else dimensions)


def expand_dims(array, dimensions):
    """expand_dims(array, dimensions): insert dimensions of size 1."""
    x = asarray(array)
    for d in _py.sorted(dimensions if _py.isinstance(dimensions, (_py.list, _py.tuple)) else [dimensions]):
        x = _jnp.expand_dims(x, d)
    return x


def sort(operand, dimension=-1, is_stable=True, num_keys=1):
    """sort(operand, dimension=-1): sorted along `dimension` (a tuple of arrays is sorted by
    the first `num_keys`, the others permuted alike)."""
    if _py.isinstance(operand, (_py.list, _py.tuple)):
        keys = asarray(operand[0])
        order = _jnp.argsort(keys, axis=dimension)
        return _py.tuple(_jnp.take_along_axis(asarray(o), order, axis=dimension) for o in operand)
    return _jnp.sort(operand, axis=dimension)


def top_k(operand, k):
    """top_k(operand, k): the k largest values along the last axis, and their indices."""
    x = asarray(operand)
    order = _jnp.argsort(-x, axis=-1)[..., :k] if x.dtype.kind == "f" else _jnp.argsort(-x.astype(float32), axis=-1)[..., :k]
    return _jnp.take_along_axis(x, order, axis=-1), order.astype(int32)


def argmax(operand, axis, index_dtype):
    """argmax(operand, axis, index_dtype)."""
    return _jnp.argmax(operand, axis=axis).astype(index_dtype)


def argmin(operand, axis, index_dtype):
    """argmin(operand, axis, index_dtype)."""
    return _jnp.argmin(operand, axis=axis).astype(index_dtype)


def _reducer_kind(computation):
    """The reduction a lax computation stands for ('sum', 'max', 'min', 'prod'), or None."""
    if computation is add or computation is _jnp.add:
        return "sum"
    if computation is max or computation is _jnp.maximum:
        return "max"
    if computation is min or computation is _jnp.minimum:
        return "min"
    if computation is mul or computation is _jnp.multiply:
        return "prod"
    return None


def reduce(operands, init_values, computation, dimensions):
    """reduce(operands, init_values, computation, dimensions)

    Reduce `operands` over `dimensions` with the binary `computation` (lax.add, lax.max, lax.min,
    lax.mul, or any function of two arrays), starting from init_values.

    >>> print(jax.lax.reduce(jnp.arange(6.0).reshape(2, 3), 0.0, jax.lax.add, (1,)))
    [ 3. 12.]
    """
    x = asarray(operands)
    dims = _py.tuple(dimensions)
    kind = _reducer_kind(computation)
    init = asarray(init_values).astype(x.dtype)
    if kind == "sum":
        return (_jnp.sum(x, axis=dims) + init).astype(x.dtype)
    if kind == "prod":
        return (_jnp.prod(x, axis=dims) * init).astype(x.dtype)
    if kind == "max":
        return _jnp.maximum(_jnp.max(x, axis=dims), init) if x.size > 0 else _jnp.full([d for i, d in _py.enumerate(x.shape) if i not in dims], init)
    if kind == "min":
        return _jnp.minimum(_jnp.min(x, axis=dims), init) if x.size > 0 else _jnp.full([d for i, d in _py.enumerate(x.shape) if i not in dims], init)
    # Any other computation: a fold over the reduced dimensions, one at a time.
    for d in _py.sorted(dims, reverse=True):
        m = moveaxis(x, d, 0)
        acc = _jnp.full(m.shape[1:], init, dtype=x.dtype)
        for i in _py.range(m.shape[0]):
            acc = computation(acc, m[i])
        x = acc
    return x


def _window_padding(padding, shape, window, strides, dilation=None):
    """Explicit (low, high) padding pairs from 'VALID', 'SAME', 'SAME_LOWER' or pairs."""
    if dilation is None:
        dilation = [1] * _py.len(shape)
    if _py.isinstance(padding, _py.str):
        p = padding.upper()
        if p == "VALID":
            return [(0, 0)] * _py.len(shape)
        if p in ("SAME", "SAME_LOWER"):
            pads = []
            for n, w, s, d in _py.zip(shape, window, strides, dilation):
                ew = (w - 1) * d + 1
                out = -(-n // s)
                total = _py.max((out - 1) * s + ew - n, 0)
                lo = total // 2 if p == "SAME" else total - total // 2
                pads.append((lo, total - lo))
            return pads
        # help: padding is 'VALID', 'SAME', or a sequence of (low, high) pairs
        raise ValueError(f"Unknown padding type: {padding}.")
    return [_py.tuple(q) for q in padding]


def _strided_window(x, offsets, out_shape, strides):
    """x[o0 : o0 + (n0-1)*s0 + 1 : s0, ...]: the elements each window takes at one offset."""
    idx = _py.tuple(_py.slice(o, o + (n - 1) * s + 1, s) for o, n, s in _py.zip(offsets, out_shape, strides))
    return x[idx]


def _offsets(window, dilation):
    """Every offset of a window of dims `window` (dilated): the product of ranges."""
    out = [()]
    for w, d in _py.zip(window, dilation):
        out = [o + (i * d,) for o in out for i in _py.range(w)]
    return out


def reduce_window(operand, init_value, computation, window_dimensions, window_strides, padding, base_dilation=None, window_dilation=None):
    """reduce_window(operand, init_value, computation, window_dimensions, window_strides, padding)

    Reduce every window of the array (pooling): computation is lax.add, lax.max, lax.min or
    lax.mul (or a function of two arrays); padding 'VALID', 'SAME' or (low, high) pairs, filled
    with init_value.

    >>> print(jax.lax.reduce_window(jnp.arange(8.0).reshape(2, 4), -jnp.inf, jax.lax.max, (1, 2), (1, 2), 'VALID'))
    [[1. 3.]
     [5. 7.]]
    """
    x = asarray(operand)
    init = asarray(init_value).astype(x.dtype)
    window = _py.tuple(window_dimensions)
    strides = _py.tuple(window_strides) if window_strides is not None else (1,) * x.ndim
    wdil = _py.tuple(window_dilation) if window_dilation is not None else (1,) * x.ndim
    if base_dilation is not None and _py.any(d != 1 for d in base_dilation):
        x = pad(x, init, [(0, 0, d - 1) for d in base_dilation])
    if _py.len(window) != x.ndim or _py.len(strides) != x.ndim:
        # help: give one window size and one stride per dimension (1 for dimensions not pooled)
        raise TypeError(f"reduce_window: the operand has {x.ndim} dimensions, but the window has {_py.len(window)} and the strides {_py.len(strides)}.")
    pads = _window_padding(padding, x.shape, window, strides, wdil)
    x = pad(x, init, [(lo, hi, 0) for lo, hi in pads])
    out_shape = [(n - ((w - 1) * d + 1)) // s + 1 for n, w, s, d in _py.zip(x.shape, window, strides, wdil)]
    kind = _reducer_kind(computation)
    acc = None
    for off in _offsets(window, wdil):
        part = _strided_window(x, off, out_shape, strides)
        if acc is None:
            acc = computation(init, part) if kind is None else part
        elif kind == "sum":
            acc = acc + part
        elif kind == "prod":
            acc = acc * part
        elif kind == "max":
            acc = _jnp.maximum(acc, part)
        elif kind == "min":
            acc = _jnp.minimum(acc, part)
        else:
            acc = computation(acc, part)
    if kind == "sum":
        acc = acc + init
    elif kind == "prod":
        acc = acc * init
    elif kind == "max":
        acc = _jnp.maximum(acc, init)
    elif kind == "min":
        acc = _jnp.minimum(acc, init)
    return acc.astype(x.dtype)


def _conv_specs(dimension_numbers, nd):
    """(lhs, rhs, out) layout strings from dimension_numbers (None: NCH.../OIH...)."""
    spatial = "HWDXYZ"[:nd] if nd <= 3 else None
    if dimension_numbers is None:
        return "NC" + spatial, "OI" + spatial, "NC" + spatial
    if _py.isinstance(dimension_numbers, (_py.list, _py.tuple)) and _py.len(dimension_numbers) == 3 and _py.all(_py.isinstance(s, _py.str) for s in dimension_numbers):
        return _py.tuple(dimension_numbers)
    # help: pass dimension_numbers as three layout strings, e.g. ('NHWC', 'HWIO', 'NHWC')
    raise NotImplementedError("conv_general_dilated: dimension_numbers must be None or three layout strings such as ('NHWC', 'HWIO', 'NHWC') in Slope")


def _to_layout(x, src, dst):
    """Transpose an array from layout string src to dst (same letters)."""
    return _jnp.transpose(x, _py.tuple(src.index(c) for c in dst))


def conv_general_dilated(lhs, rhs, window_strides, padding, lhs_dilation=None, rhs_dilation=None, dimension_numbers=None,
                         feature_group_count=1, batch_group_count=1, precision=None, preferred_element_type=None):
    """conv_general_dilated(lhs, rhs, window_strides, padding, lhs_dilation=None, rhs_dilation=None, dimension_numbers=None, feature_group_count=1)

    N-d convolution (cross-correlation, as in JAX): lhs is (batch, in_channels, *spatial) and
    rhs (out_channels, in_channels // groups, *window) unless dimension_numbers gives other
    layouts ('NHWC', 'HWIO', 'NHWC'); padding 'VALID', 'SAME' or (low, high) pairs;
    lhs_dilation gives a transposed convolution, rhs_dilation an atrous one.

    >>> print(jax.lax.conv_general_dilated(jnp.ones((1, 1, 4, 4)), jnp.ones((1, 1, 3, 3)), (1, 1), 'VALID'))
    [[[[9. 9.]
       [9. 9.]]]]
    """
    x = asarray(lhs)
    w = asarray(rhs)
    nd = x.ndim - 2
    ls, rs, os_ = _conv_specs(dimension_numbers, nd)
    canon_l = "NC" + "".join(c for c in ls if c not in "NC")
    canon_r = "OI" + "".join(c for c in rs if c not in "OI")
    x = _to_layout(x, ls, canon_l)
    w = _to_layout(w, rs, canon_r)
    if batch_group_count != 1:
        # help: Slope supports feature_group_count (grouped convolutions) but not batch_group_count
        raise NotImplementedError("conv_general_dilated: batch_group_count other than 1 is not supported in Slope")
    strides = _py.tuple(window_strides)
    rdil = _py.tuple(rhs_dilation) if rhs_dilation is not None else (1,) * nd
    if lhs_dilation is not None and _py.any(d != 1 for d in lhs_dilation):
        x = pad(x, 0, [(0, 0, 0), (0, 0, 0)] + [(0, 0, d - 1) for d in lhs_dilation])
    window = w.shape[2:]
    if _py.isinstance(padding, _py.str):
        pads = _window_padding(padding, x.shape[2:], window, strides if lhs_dilation is None else (1,) * nd, rdil)
    else:
        pads = [_py.tuple(p) for p in padding]
    x = pad(x, 0, [(0, 0, 0), (0, 0, 0)] + [(lo, hi, 0) for lo, hi in pads])
    n, c = x.shape[0], x.shape[1]
    o = w.shape[0]
    g = feature_group_count
    if c != w.shape[1] * g:
        # help: rhs's input-feature dimension times feature_group_count must equal lhs's channels
        raise TypeError(f"conv_general_dilated lhs feature dimension size divided by feature_group_count must equal the rhs input feature dimension size, but {c} // {g} != {w.shape[1]}.")
    out_sp = [(sz - ((k - 1) * d + 1)) // s + 1 for sz, k, s, d in _py.zip(x.shape[2:], window, strides, rdil)]
    outs = []
    cg = c // g
    og = o // g
    for gi in _py.range(g):
        xg = x[:, gi * cg:(gi + 1) * cg]
        wg = w[gi * og:(gi + 1) * og]
        # im2col: the window's elements at every offset, stacked as (N, C, K, *out), then one
        # contraction with the kernel reshaped to (O, C, K) (offsets in row-major order).
        parts = [_strided_window(xg, (0, 0) + off, [n, cg] + out_sp, (1, 1) + strides) for off in _offsets(window, rdil)]
        cols = stack(parts, axis=2)
        k = _py.len(parts)
        wk = _jnp.reshape(wg, (wg.shape[0], cg, k))
        outs.append(einsum("nck...,ock->no...", cols, wk))
    out = outs[0] if g == 1 else _jnp.concatenate(outs, axis=1)
    out = _to_layout(out, "NC" + "".join(c for c in ls if c not in "NC"), os_) if os_ != canon_l else out
    return out if preferred_element_type is None else out.astype(preferred_element_type)


def conv(lhs, rhs, window_strides, padding, precision=None, preferred_element_type=None):
    """conv(lhs, rhs, window_strides, padding): conv_general_dilated with NCHW/OIHW layouts."""
    return conv_general_dilated(lhs, rhs, window_strides, padding, precision=precision, preferred_element_type=preferred_element_type)


def conv_with_general_padding(lhs, rhs, window_strides, padding, lhs_dilation, rhs_dilation, precision=None, preferred_element_type=None):
    """conv_with_general_padding(lhs, rhs, window_strides, padding, lhs_dilation, rhs_dilation)."""
    return conv_general_dilated(lhs, rhs, window_strides, padding, lhs_dilation, rhs_dilation, precision=precision, preferred_element_type=preferred_element_type)


def cumsum(operand, axis=0, reverse=False):
    """cumsum(operand, axis=0, reverse=False)."""
    x = asarray(operand)
    if reverse:
        return rev(_jnp.cumsum(rev(x, (axis,)), axis=axis), (axis,))
    return _jnp.cumsum(x, axis=axis)


def cumprod(operand, axis=0, reverse=False):
    """cumprod(operand, axis=0, reverse=False)."""
    x = asarray(operand)
    if reverse:
        return rev(_jnp.cumprod(rev(x, (axis,)), axis=axis), (axis,))
    return _jnp.cumprod(x, axis=axis)


def _cum_extreme(x, axis, reverse, f):
    x = asarray(x)
    if reverse:
        return rev(_cum_extreme(rev(x, (axis,)), axis, False, f), (axis,))
    m = moveaxis(x, axis, 0)
    rows = []
    acc = None
    for i in _py.range(m.shape[0]):
        acc = m[i] if acc is None else f(acc, m[i])
        rows.append(acc)
    return moveaxis(stack(rows), 0, axis)


def cummax(operand, axis=0, reverse=False):
    """cummax(operand, axis=0, reverse=False): the running maximum."""
    return _cum_extreme(operand, axis, reverse, _jnp.maximum)


def cummin(operand, axis=0, reverse=False):
    """cummin(operand, axis=0, reverse=False): the running minimum."""
    return _cum_extreme(operand, axis, reverse, _jnp.minimum)


def map(f, xs, *, batch_size=None):
    """map(f, xs, *, batch_size=None): f applied to each slice of xs along its leading axis,
    the results stacked (xs may be a pytree of arrays with one leading length). With
    batch_size, f runs vmapped over batches of that many slices, as JAX's.

    >>> print(jax.lax.map(lambda x: x * 2, jnp.arange(3)))
    [0 2 4]
    """
    import jax
    if batch_size is not None:
        leaves, tree = jax.tree_util.tree_flatten(xs)
        n = leaves[0].shape[0]
        b = int(batch_size)
        if b < 1:
            raise ValueError(f"batch_size must be a positive integer, got {batch_size}")
        nb, rem = n // b, n % b
        parts = []
        if nb > 0:
            main = jax.tree_util.tree_unflatten(tree, [x[:nb * b].reshape((nb, b) + x.shape[1:]) for x in leaves])
            _, ys = jax.lax.scan(lambda c, x: (c, jax.vmap(f)(x)), 0, main)
            parts.append(jax.tree_util.tree_map(lambda y: y.reshape((nb * b,) + y.shape[2:]), ys))
        if rem > 0:
            tail = jax.tree_util.tree_unflatten(tree, [x[nb * b:] for x in leaves])
            parts.append(jax.vmap(f)(tail))
        if len(parts) == 1:
            return parts[0]
        return jax.tree_util.tree_map(lambda a, c: _jnp.concatenate([a, c]), parts[0], parts[1])
    _, ys = jax.lax.scan(lambda c, x: (c, f(x)), 0, xs)
    return ys


def _interleave(a, b, axis):
    # a[0], b[0], a[1], b[1], ... along axis (a holds as many elements as b, or one more).
    na, nb = a.shape[axis], b.shape[axis]
    head = slice_in_dim(a, 0, nb, axis=axis)
    pair = _jnp.stack([head, b], axis=axis + 1)
    shape = list(a.shape)
    shape[axis] = 2 * nb
    out = pair.reshape(shape)
    if na > nb:
        out = _jnp.concatenate([out, slice_in_dim(a, nb, na, axis=axis)], axis=axis)
    return out


def associative_scan(fn, elems, reverse=False, axis=0):
    """associative_scan(fn, elems, reverse=False, axis=0): the inclusive prefix combination of
    elems (a pytree of arrays) along axis under the associative fn, by JAX's parallel-prefix
    recursion (so floating-point results match JAX's).

    >>> print(jax.lax.associative_scan(jnp.add, jnp.arange(0, 4)))
    [0 1 3 6]
    """
    import jax
    elems_flat, tree = jax.tree_util.tree_flatten(elems)
    if not elems_flat:
        return elems
    nd = elems_flat[0].ndim
    ax = axis + nd if axis < 0 else axis
    if reverse:
        elems_flat = [rev(e, [ax]) for e in elems_flat]
    n0 = elems_flat[0].shape[ax]
    for e in elems_flat:
        if e.shape[ax] != n0:
            raise ValueError(f"Array inputs to associative_scan must have the same first dimension. (saw: {[e.shape for e in elems_flat]})")

    def combine(a_flat, b_flat):
        c = fn(jax.tree_util.tree_unflatten(tree, a_flat), jax.tree_util.tree_unflatten(tree, b_flat))
        c_flat, _ = jax.tree_util.tree_flatten(c)
        return c_flat

    def scan_(es):
        n = es[0].shape[ax]
        if n < 2:
            return es
        reduced = combine([slice_in_dim(e, 0, n - 1, stride=2, axis=ax) for e in es], [slice_in_dim(e, 1, n, stride=2, axis=ax) for e in es])
        odd = scan_(reduced)
        if n % 2 == 0:
            even = combine([slice_in_dim(e, 0, e.shape[ax] - 1, axis=ax) for e in odd], [slice_in_dim(e, 2, n, stride=2, axis=ax) for e in es])
        else:
            even = combine(odd, [slice_in_dim(e, 2, n, stride=2, axis=ax) for e in es])
        even = [_jnp.concatenate([slice_in_dim(e, 0, 1, axis=ax), r], axis=ax) for e, r in zip(es, even)]
        return [_interleave(e, o, ax) for e, o in zip(even, odd)]

    out = scan_(elems_flat)
    if reverse:
        out = [rev(e, [ax]) for e in out]
    return jax.tree_util.tree_unflatten(tree, out)

"""jax.nn.initializers: functions that build initializers `init(key, shape, dtype=float32)`, with
JAX's algorithms over Slope's jax.random, so the same key gives the same values as JAX.

This file runs in the scope of `jax.numpy` (every jnp function is a plain name here, `_py` is
Python's builtins). `truncated_normal` draws as JAX's `jax.random.truncated_normal` does (a
uniform between erf(lower/sqrt2) and erf(upper/sqrt2), mapped through erfinv, then clipped just
inside the bounds); `orthogonal` is JAX's `jax.random.orthogonal` (the QR factorisation of a
normal matrix, signs fixed by r's diagonal)."""

import jax.random as _jr

_normal = _jr.normal
_uniform = _jr.uniform
_zeros = zeros
_ones = ones
_sign = sign


def _dtype(dtype):
    """JAX's default float (float64 under jax_enable_x64) for None."""
    if dtype is None:
        return float64 if _jax_flag("jax_enable_x64") else float32
    return dtype


def _shape_of(shape):
    if _py.isinstance(shape, (_py.list, _py.tuple)):
        return _py.tuple([_py.int(d) for d in shape])
    return (_py.int(shape),)


def _prod(xs):
    n = 1
    for v in xs:
        n = n * v
    return n


def truncated_normal(stddev=1e-2, dtype=None, lower=-2.0, upper=2.0):
    """An initializer of normal values truncated to (lower, upper) before scaling by stddev.

    >>> init = jax.nn.initializers.truncated_normal(0.1)
    >>> print(init(jax.random.key(0), (2,)).shape)
    (2,)
    """

    def init(key, shape, dtype=dtype):
        return _jr.truncated_normal(key, lower, upper, _shape_of(shape), _dtype(dtype)) * asarray(stddev, dtype=_dtype(dtype))

    return init


def zeros(key, shape, dtype=None):
    """An initializer returning zeros.

    >>> print(jax.nn.initializers.zeros(jax.random.key(0), (2,)))
    [0. 0.]
    """
    return _zeros(_shape_of(shape), dtype=_dtype(dtype))


def ones(key, shape, dtype=None):
    """An initializer returning ones.

    >>> print(jax.nn.initializers.ones(jax.random.key(0), (2,)))
    [1. 1.]
    """
    return _ones(_shape_of(shape), dtype=_dtype(dtype))


def constant(value, dtype=None):
    """Builds an initializer returning arrays full of `value`.

    >>> print(jax.nn.initializers.constant(-7)(jax.random.key(0), (2,)))
    [-7. -7.]
    """

    def init(key, shape, dtype=dtype):
        return full(_shape_of(shape), value, dtype=_dtype(dtype))

    return init


def uniform(scale=1e-2, dtype=None):
    """Builds an initializer of uniform values in [0, scale).

    >>> print(jax.nn.initializers.uniform(1.0)(jax.random.key(0), (3,)).shape)
    (3,)
    """

    def init(key, shape, dtype=dtype):
        d = _dtype(dtype)
        return _uniform(key, _shape_of(shape), d) * asarray(scale, dtype=d)

    return init


def normal(stddev=1e-2, dtype=None):
    """Builds an initializer of normal values with mean 0 and standard deviation `stddev`.

    >>> print(jax.nn.initializers.normal(1.0)(jax.random.key(0), (3,)).shape)
    (3,)
    """

    def init(key, shape, dtype=dtype):
        d = _dtype(dtype)
        return _normal(key, _shape_of(shape), d) * asarray(stddev, dtype=d)

    return init


def _axes_size(shape, axis):
    if _py.isinstance(axis, _py.int):
        return shape[axis]
    return _prod([shape[i] for i in axis])


def _compute_fans(shape, in_axis=-2, out_axis=-1, batch_axis=()):
    if _py.isinstance(in_axis, _py.int) and in_axis == -2 and _py.len(shape) <= 1:
        raise ValueError(f"Can't compute input and output sizes of a {_py.len(shape)}-dimensional weights tensor with default in_axis. Must be at least 2D or specify in_axis explicitly.")
    in_size = _axes_size(shape, in_axis)
    out_size = _axes_size(shape, out_axis)
    batch_size = _axes_size(shape, batch_axis)
    receptive_field_size = _prod(shape) / in_size / out_size / batch_size
    return in_size * receptive_field_size, out_size * receptive_field_size


def variance_scaling(scale, mode, distribution, in_axis=-2, out_axis=-1, batch_axis=(), dtype=None):
    """Builds an initializer whose values have variance scale / n, n being the fan-in
    (mode="fan_in"), fan-out ("fan_out"), their mean ("fan_avg") or geometric mean
    ("fan_geo_avg"); distribution "truncated_normal" (truncated at 2 standard deviations),
    "normal" or "uniform".

    >>> init = jax.nn.initializers.variance_scaling(2.0, "fan_in", "normal")
    >>> print(init(jax.random.key(0), (3, 4)).shape)
    (3, 4)
    """

    def init(key, shape, dtype=dtype):
        shape = _shape_of(shape)
        d = _dtype(dtype)
        fan_in, fan_out = _compute_fans(shape, in_axis, out_axis, batch_axis)
        if mode == "fan_in":
            denominator = fan_in
        elif mode == "fan_out":
            denominator = fan_out
        elif mode == "fan_avg":
            denominator = (fan_in + fan_out) / 2
        elif mode == "fan_geo_avg":
            denominator = (fan_in * fan_out) ** 0.5
        else:
            # help: mode is one of "fan_in", "fan_out", "fan_avg", "fan_geo_avg"
            raise ValueError(f"invalid mode for variance scaling initializer: {mode}")
        variance = asarray(scale / denominator, dtype=d)
        if distribution == "truncated_normal":
            stddev = sqrt(variance) / asarray(0.87962566103423978, dtype=d)
            return _jr.truncated_normal(key, -2, 2, shape, d) * stddev
        elif distribution == "normal":
            return _normal(key, shape, d) * sqrt(variance)
        elif distribution == "uniform":
            return _uniform(key, shape, d, -1) * sqrt(3 * variance)
        # help: distribution is one of "truncated_normal", "normal", "uniform"
        raise ValueError(f"invalid distribution for variance scaling initializer: {distribution}")

    return init


def glorot_uniform(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None):
    """Glorot (Xavier) uniform: variance_scaling(1.0, "fan_avg", "uniform")."""
    return variance_scaling(1.0, "fan_avg", "uniform", in_axis, out_axis, batch_axis, dtype)


def glorot_normal(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None):
    """Glorot (Xavier) normal: variance_scaling(1.0, "fan_avg", "truncated_normal")."""
    return variance_scaling(1.0, "fan_avg", "truncated_normal", in_axis, out_axis, batch_axis, dtype)


xavier_uniform = glorot_uniform
xavier_normal = glorot_normal


def lecun_uniform(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None):
    """LeCun uniform: variance_scaling(1.0, "fan_in", "uniform")."""
    return variance_scaling(1.0, "fan_in", "uniform", in_axis, out_axis, batch_axis, dtype)


def lecun_normal(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None):
    """LeCun normal: variance_scaling(1.0, "fan_in", "truncated_normal")."""
    return variance_scaling(1.0, "fan_in", "truncated_normal", in_axis, out_axis, batch_axis, dtype)


def he_uniform(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None):
    """He (Kaiming) uniform: variance_scaling(2.0, "fan_in", "uniform")."""
    return variance_scaling(2.0, "fan_in", "uniform", in_axis, out_axis, batch_axis, dtype)


def he_normal(in_axis=-2, out_axis=-1, batch_axis=(), dtype=None):
    """He (Kaiming) normal: variance_scaling(2.0, "fan_in", "truncated_normal")."""
    return variance_scaling(2.0, "fan_in", "truncated_normal", in_axis, out_axis, batch_axis, dtype)


kaiming_uniform = he_uniform
kaiming_normal = he_normal


def orthogonal(scale=1.0, column_axis=-1, dtype=None):
    """Builds an initializer of (semi-)orthogonal matrices times `scale` (QR of a normal matrix,
    as JAX draws it).

    >>> q = jax.nn.initializers.orthogonal()(jax.random.key(0), (3, 3))
    >>> print(jnp.allclose(q @ q.T, jnp.eye(3), atol=1e-5))
    True
    """

    def init(key, shape, dtype=dtype):
        shape = _shape_of(shape)
        d = _dtype(dtype)
        if _py.len(shape) < 2:
            raise ValueError("orthogonal initializer requires at least a 2D shape")
        ca = column_axis + _py.len(shape) if column_axis < 0 else column_axis
        n_cols = shape[ca]
        n_rows = _prod(shape) // n_cols
        q = _jr.orthogonal(key, n_rows, (), d, n_cols)
        rest = _py.tuple([shape[i] for i in _py.range(_py.len(shape)) if i != ca])
        q = reshape(q, rest + (n_cols,))
        q = moveaxis(q, -1, ca)
        return asarray(scale, dtype=d) * q

    return init


def delta_orthogonal(scale=1.0, column_axis=-1, dtype=None):
    """Not provided by Slope yet (convolution kernels)."""
    raise NotImplementedError("jax.nn.initializers.delta_orthogonal is not provided by Slope yet")

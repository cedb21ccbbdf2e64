"""jax.nn: activation functions, softmax and friends, one_hot and standardize, written in Slope over
jax.numpy. `jax.nn.initializers` is its own module (std/py/jax_nn_initializers.py).

This file runs in the scope of `jax.numpy` (every jnp function is a plain name here, `_py` is
Python's builtins). Each function computes what JAX's does, operation for operation where that
decides the float32 rounding, and its gradient is JAX's: relu'(0) = 0 (JAX's custom rule), gelu's
exact form differentiates erfc with JAX's rule, and the functions JAX writes with `where` are
written with `where` here too, so the branch not taken contributes no gradient."""

import jax as _jax
from jax.scipy.special import erfc as _erfc, logsumexp, expit as _expit

_where = where
_stop = _jax.lax.stop_gradient
_sum = sum
_max = max
_tanh = tanh
_jmean = mean

tanh = _tanh


def _inexact(x):
    x = asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(float32)
    return x


def identity(x):
    """The identity activation: returns x.

    >>> print(jax.nn.identity(jnp.array([-1.0, 2.0])))
    [-1.  2.]
    """
    return asarray(x)


def relu(x):
    """Rectified linear unit: max(x, 0). Its derivative at 0 is 0, as JAX defines it.

    >>> print(jax.nn.relu(jnp.array([-1.0, 0.0, 2.0])))
    [0. 0. 2.]
    """
    x = asarray(x)
    return _where(x <= 0, zeros_like(x), x)


def relu6(x):
    """ReLU capped at 6: min(max(x, 0), 6); its derivative is 0 at 0 and at 6, as in JAX.

    >>> print(jax.nn.relu6(jnp.array([-1.0, 3.0, 7.0])))
    [0. 3. 6.]
    """
    x = _inexact(x)
    return _where(x <= 0, zeros_like(x), _where(x >= 6, full_like(x, 6.0), x))


def sigmoid(x):
    """The logistic sigmoid, 1 / (1 + exp(-x)).

    >>> print(jax.nn.sigmoid(0.0))
    0.5
    """
    return _expit(x)


def softplus(x):
    """log(1 + exp(x)), computed stably (JAX's logaddexp(x, 0)).

    >>> print(jax.nn.softplus(0.0))
    0.6931472
    """
    x = _inexact(x)
    return _where(x >= 0, x + log1p(exp(-x)), log1p(exp(x)))


def soft_sign(x):
    """x / (|x| + 1).

    >>> print(jax.nn.soft_sign(1.0))
    0.5
    """
    x = asarray(x)
    return x / (abs(x) + 1)


def silu(x):
    """SiLU (swish): x * sigmoid(x).

    >>> print(jax.nn.silu(1.0))
    0.7310586
    """
    x = _inexact(x)
    return x * sigmoid(x)


swish = silu


def mish(x):
    """Mish: x * tanh(softplus(x)).

    >>> print(jax.nn.mish(jnp.array([0.0, 10.0])))
    [ 0. 10.]
    """
    x = _inexact(x)
    return x * _tanh(softplus(x))


def log_sigmoid(x):
    """log(sigmoid(x)) = -softplus(-x), computed stably.

    >>> print(jax.nn.log_sigmoid(0.0))
    -0.6931472
    """
    x = _inexact(x)
    return -softplus(-x)


def elu(x, alpha=1.0):
    """Exponential linear unit: x for x > 0, alpha * (exp(x) - 1) otherwise.

    >>> print(jax.nn.elu(jnp.array([-1.0, 2.0])))
    [-0.63212055  2.        ]
    """
    x = asarray(x)
    return _where(x > 0, x, alpha * expm1(_where(x > 0, 0.0, x)))


def leaky_relu(x, negative_slope=1e-2):
    """Leaky ReLU: x for x >= 0, negative_slope * x otherwise.

    >>> print(jax.nn.leaky_relu(jnp.array([-2.0, 3.0])))
    [-0.02  3.  ]
    """
    x = asarray(x)
    return _where(x >= 0, x, negative_slope * x)


def hard_tanh(x):
    """-1 below -1, 1 above 1, x in between.

    >>> print(jax.nn.hard_tanh(jnp.array([-2.0, 0.5, 2.0])))
    [-1.   0.5  1. ]
    """
    x = asarray(x)
    return _where(x > 1, 1, _where(x < -1, -1, x))


def hard_sigmoid(x):
    """relu6(x + 3) / 6.

    >>> print(jax.nn.hard_sigmoid(0.0))
    0.5
    """
    return relu6(asarray(x) + 3.0) / 6.0


def hard_silu(x):
    """x * hard_sigmoid(x) (hard swish).

    >>> print(jax.nn.hard_silu(1.0))
    0.6666667
    """
    x = asarray(x)
    return x * hard_sigmoid(x)


hard_swish = hard_silu


def celu(x, alpha=1.0):
    """Continuously differentiable ELU: max(x, 0) + alpha * expm1(min(x, 0) / alpha).

    >>> print(jax.nn.celu(jnp.array([-1.0, 2.0])))
    [-0.63212055  2.        ]
    """
    x = asarray(x)
    return maximum(x, 0.0) + alpha * expm1(minimum(x, 0.0) / alpha)


def selu(x):
    """Scaled ELU: 1.0507009873554805 * elu(x, 1.6732632423543772).

    >>> print(jax.nn.selu(1.0))
    1.050701
    """
    return 1.0507009873554804934193349852946 * elu(x, 1.6732632423543772848170429916717)


def gelu(x, approximate=True):
    """Gaussian error linear unit. approximate=True (the default, as in JAX) uses the tanh form
    x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x**3))); approximate=False the exact
    x/2 * erfc(-x / sqrt(2)).

    >>> print(jax.nn.gelu(1.0), jax.nn.gelu(1.0, approximate=False))
    0.841192 0.8413447
    """
    x = _inexact(x)
    if approximate:
        c = asarray(0.7978845608028654, dtype=x.dtype)
        cdf = 0.5 * (1.0 + _tanh(c * (x + 0.044715 * (x**3))))
        return x * cdf
    return 0.5 * x * _erfc(-x * asarray(0.7071067811865476, dtype=x.dtype))


def glu(x, axis=-1):
    """Gated linear unit: the first half of x along axis times sigmoid of the second half.

    >>> print(jax.nn.glu(jnp.array([1.0, 2.0, 0.0, 0.0])))
    [0.5 1. ]
    """
    x = asarray(x)
    n = x.shape[axis]
    if n % 2 != 0:
        raise ValueError(f"axis size must be divisible by 2, got {n}")
    x1, x2 = split(x, 2, axis)
    return x1 * sigmoid(x2)


def squareplus(x, b=4):
    """(x + sqrt(x**2 + b)) / 2.

    >>> print(jax.nn.squareplus(0.0))
    1.0
    """
    x = _inexact(x)
    return (x + sqrt(square(x) + b)) / 2


def sparse_plus(x):
    """0 for x <= -1, (x + 1)**2 / 4 in between, x for x >= 1.

    >>> print(jax.nn.sparse_plus(0.0))
    0.25
    """
    x = _inexact(x)
    return _where(x <= -1.0, 0.0, _where(x >= 1.0, x, (x + 1.0) ** 2 / 4))


def sparse_sigmoid(x):
    """The derivative of sparse_plus: 0.5 * clip(x + 1, 0, 2).

    >>> print(jax.nn.sparse_sigmoid(0.0))
    0.5
    """
    return 0.5 * clip(_inexact(x) + 1.0, 0.0, 2.0)


def _norm_axis(axis, nd):
    if axis is None:
        return _py.tuple(_py.range(nd))
    if _py.isinstance(axis, (_py.list, _py.tuple)):
        return _py.tuple([a + nd if a < 0 else a for a in axis])
    return axis


def _masked_max(x, axis, mask):
    if mask is not None:
        x = _where(mask, x, -inf)
    return _max(x, axis=axis, keepdims=True)


def _masked_sum(x, axis, mask, keepdims=True):
    if mask is not None:
        x = _where(mask, x, 0)
    return _sum(x, axis=axis, keepdims=keepdims)


def softmax(x, axis=-1, where=None):
    """exp(x) / sum(exp(x)) along axis (an int, a tuple of ints, or None for all axes), computed
    after subtracting the maximum. Elements masked out by `where` get 0.

    >>> print(jax.nn.softmax(jnp.array([1.0, 2.0, 3.0])))
    [0.09003057 0.24472848 0.66524094]
    """
    mask = where
    x = _inexact(x)
    axis = _norm_axis(axis, x.ndim)
    if mask is not None:
        mask = asarray(mask)
    x_max = _stop(_masked_max(x, axis, mask))
    x_safe = x if mask is None else _where(mask, x, -inf)
    unnormalized = exp(x_safe - x_max)
    result = unnormalized / _masked_sum(unnormalized, axis, mask)
    if mask is not None:
        result = _where(mask, result, 0)
    return result


def log_softmax(x, axis=-1, where=None):
    """x - logsumexp(x) along axis, computed after subtracting the maximum. Elements masked out by
    `where` get -inf.

    >>> print(jax.nn.log_softmax(jnp.array([1.0, 2.0, 3.0])))
    [-2.407606   -1.4076059  -0.40760595]
    """
    mask = where
    x = _inexact(x)
    axis = _norm_axis(axis, x.ndim)
    if mask is not None:
        mask = asarray(mask)
    x_max = _masked_max(x, axis, mask)
    x_safe = x if mask is None else _where(mask, x, -inf)
    shifted = x_safe - _stop(x_max)
    shifted_logsumexp = log(_masked_sum(exp(shifted), axis, mask))
    result = shifted - shifted_logsumexp
    if mask is not None:
        return _where(mask, result, -inf)
    return result


def logmeanexp(x, axis=None, where=None, keepdims=False):
    """logsumexp(x) - log(n), n the number of elements reduced.

    >>> print(jax.nn.logmeanexp(jnp.array([0.0, 0.0])))
    0.0
    """
    x = _inexact(x)
    lse = logsumexp(x, axis=axis, where=where, keepdims=keepdims)
    ones_ = ones_like(x)
    count = _masked_sum(ones_, _norm_axis(axis, x.ndim), None if where is None else asarray(where), keepdims)
    return lse - log(count)


def standardize(x, axis=-1, mean=None, variance=None, epsilon=1e-5, where=None, algorithm="fast"):
    """(x - mean) / sqrt(variance + epsilon) along axis; the mean and variance are x's own unless
    given (JAX's "fast" variance mean(x**2) - mean**2 clipped at 0, or "stable"
    mean((x - mean)**2)).

    >>> print(jnp.round(jax.nn.standardize(jnp.array([1.0, 2.0, 3.0])), 4))
    [-1.2247  0.      1.2247]
    """
    mask = where
    x = _inexact(x)
    ax = _norm_axis(axis, x.ndim)
    if mask is not None:
        mask = asarray(mask)

    def _mean(v):
        if mask is None:
            return _jmean(v, axis=ax, keepdims=True)
        return _masked_sum(v, ax, mask) / _masked_sum(ones_like(v), ax, mask)

    if mean is None:
        mean = _mean(x)
    if variance is None:
        if algorithm == "stable":
            variance = _mean(square(subtract(x, mean)))
        elif algorithm == "fast":
            variance = _mean(square(x)) - square(mean)
            variance = maximum(variance, 0)
        else:
            raise ValueError(f"Unknown algorithm '{algorithm}'. Expected 'fast' or 'stable'.")
    return subtract(x, mean) * (1.0 / sqrt(variance + epsilon))


def one_hot(x, num_classes, dtype=None, axis=-1):
    """One-hot encoding: an array one axis longer, with 1 where the index along `axis` equals x
    (indices outside [0, num_classes) give all zeros). dtype defaults to float32.

    >>> print(jax.nn.one_hot(jnp.array([0, 2]), 3))
    [[1. 0. 0.]
     [0. 0. 1.]]
    """
    x = asarray(x)
    if not _py.isinstance(num_classes, _py.int):
        num_classes = _py.int(num_classes)
    dtype = float32 if dtype is None else dtype
    nd = x.ndim + 1
    out_axis = axis + nd if axis < 0 else axis
    if out_axis < 0 or out_axis >= nd:
        raise ValueError(f"axis {axis} is out of bounds for array of dimension {nd}")
    lhs = expand_dims(x, out_axis)
    shape = [1] * x.ndim
    shape.insert(out_axis, num_classes)
    rhs = arange(num_classes, dtype=x.dtype).reshape(shape)
    return (lhs == rhs).astype(dtype)


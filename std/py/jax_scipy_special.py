"""jax.scipy.special: the error function family, the logistic function and its inverse, log-gamma,
x*log(y) forms, the normal CDF and its inverse, and logsumexp, written in Slope over jax.numpy.

This file runs in the scope of `jax.numpy` (every jnp function is a plain name here, `_py` is
Python's builtins). The float32 approximations are the ones XLA uses for JAX's `lax.erf`,
`lax.erfc`, `lax.erf_inv` and `lax.lgamma` (Cephes' single-precision polynomials and the Lanczos
series), so values agree with JAX's to float32 rounding; `erf`, `erfc` and `erfinv` carry JAX's
derivative rules (custom_jvp), so their gradients are JAX's too."""

import jax as _jax

_where = where
_sum = sum
_max = max
_stop = _jax.lax.stop_gradient

_SQRT_PI_2 = 1.1283791670955126  # 2 / sqrt(pi)
_SQRT_HALF = 0.7071067811865476
_LOG_SQRT_2PI = 0.9189385332046727
_LOG_PI = 1.1447298858494002

# Cephes' erff/erfcf coefficients (highest power first), as XLA's chlo erf/erfc expansions use.
_ERF_T = [7.853861353153693e-5, -8.010193625184903e-4, 5.188327685732524e-3, -2.685381193529856e-2, 1.128358514861418e-1, -3.761262582423300e-1, 1.128379165726710e0]
_ERFC_P = [2.326819970068386e-2, -1.387039388740657e-1, 3.687424674597105e-1, -5.824733027278666e-1, 6.210004621745983e-1, -4.944515323274145e-1, 3.404879937665872e-1, -2.741127028184656e-1, 5.638259427386472e-1]
_ERFC_R = [-1.047766399936249e1, 1.297719955372516e1, -7.495518717768503e0, 2.921019019210786e0, -1.015265279202700e0, 4.218463358204948e-1, -2.820767439740514e-1, 5.641895067754075e-1]
_MAXLOG = 88.72283905206835


def _inexact(x):
    """`x` as a floating array (ints and bools become float32, as JAX promotes them)."""
    x = asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(float32)
    return x


def _poly(y, coeffs):
    p = coeffs[0]
    for c in coeffs[1:]:
        p = p * y + c
    return p


def _erfc_tail(x):
    """erfc(x) for |x| >= 1 (Cephes' erfcf: exp(-x^2)/|x| times a polynomial in 1/x^2)."""
    ax = abs(x)
    z = -x * x
    q = 1.0 / ax
    y = q * q
    p = _where(ax < 2.0, _poly(y, _ERFC_P), _poly(y, _ERFC_R))
    r = exp(z) * q * p
    r = _where(z < -_MAXLOG, zeros_like(r), r)
    return _where(x < 0, 2.0 - r, r)


def _erf_impl(x):
    small = x * _poly(x * x, _ERF_T)
    big = 1.0 - _erfc_tail(x)
    return clip(_where(abs(x) < 1.0, small, big), -1.0, 1.0)


def _erfc_impl(x):
    return _where(abs(x) < 1.0, 1.0 - x * _poly(x * x, _ERF_T), _erfc_tail(x))


@_jax.custom_jvp
def _erf(x):
    return _erf_impl(x)


@_erf.defjvp
def _erf_jvp(primals, tangents):
    (x,) = primals
    (t,) = tangents
    return _erf_impl(x), t * (_SQRT_PI_2 * exp(-x * x))


@_jax.custom_jvp
def _erfc(x):
    return _erfc_impl(x)


@_erfc.defjvp
def _erfc_jvp(primals, tangents):
    (x,) = primals
    (t,) = tangents
    return _erfc_impl(x), t * (-_SQRT_PI_2 * exp(-x * x))


def erf(x):
    """The error function, erf(x) = 2/sqrt(pi) * integral of exp(-t**2) from 0 to x.

    >>> from jax.scipy.special import erf
    >>> print(jnp.round(erf(0.5), 4))
    0.5205
    """
    return _erf(_inexact(x))


def erfc(x):
    """The complementary error function, erfc(x) = 1 - erf(x), accurate in the tails.

    >>> from jax.scipy.special import erfc
    >>> print(erfc(2.0))
    0.004677735
    """
    return _erfc(_inexact(x))


def _erf_inv_impl(x):
    import jax.random as _jr

    return _jr._erf_inv(x)


@_jax.custom_jvp
def _erfinv(x):
    return _erf_inv_impl(x)


@_erfinv.defjvp
def _erfinv_jvp(primals, tangents):
    (x,) = primals
    (t,) = tangents
    ans = _erf_inv_impl(x)
    return ans, t * (0.886226925452758 * exp(ans * ans))


def erfinv(x):
    """The inverse of the error function on (-1, 1) (±inf at ±1, nan outside).

    >>> from jax.scipy.special import erfinv
    >>> print(erfinv(0.5))
    0.47693628
    """
    return _erfinv(_inexact(x))


def expit(x):
    """The logistic sigmoid, 1 / (1 + exp(-x)) (jax.nn.sigmoid).

    >>> from jax.scipy.special import expit
    >>> print(expit(0.0))
    0.5
    """
    x = _inexact(x)
    e = exp(-abs(x))
    s = 1.0 / (1.0 + e)
    return _where(x >= 0, s, e * s)


def logit(x):
    """The inverse of expit: log(x / (1 - x)).

    >>> from jax.scipy.special import logit
    >>> print(logit(0.25))
    -1.0986123
    """
    x = _inexact(x)
    return log(x / (1.0 - x))


# XLA's Lanczos approximation of lgamma (g = 7, 8 terms).
_LANCZOS_G = 7.0
_LANCZOS_C0 = 0.99999999999980993227684700473478
_LANCZOS = [676.520368121885098567009190444019, -1259.13921672240287047156078755283, 771.3234287776530788486528258894, -176.61502916214059906584551354, 12.507343278686904814458936853, -0.13857109526572011689554707, 9.984369578019570859563e-6, 1.50563273514931155834e-7]


def gammaln(x):
    """The log of the absolute value of the gamma function.

    >>> from jax.scipy.special import gammaln
    >>> print(gammaln(5.0))
    3.1780548
    """
    x = _inexact(x)
    reflect = x < 0.5
    z = _where(reflect, -x, x - 1.0)
    s = _LANCZOS_C0
    for i in _py.range(8):
        s = s + _LANCZOS[i] / (z + (i + 1.0))
    t = z + (_LANCZOS_G + 0.5)
    log_t = 2.0149030205422647 + log1p(z / (_LANCZOS_G + 0.5))
    log_y = _LOG_SQRT_2PI + (z + 0.5 - t / log_t) * log_t + log(s)
    ax = abs(x)
    frac = ax - floor(ax)
    frac = _where(frac > 0.5, 1.0 - frac, frac)
    denom = log(sin(pi * frac))
    refl = _where(isfinite(denom), _LOG_PI - denom - log_y, -denom)
    out = _where(reflect, refl, log_y)
    return _where(isinf(x), full_like(x, inf), out)


def xlogy(x, y):
    """x * log(y), defined as 0 where x == 0 (even where y == 0).

    >>> from jax.scipy.special import xlogy
    >>> print(xlogy(0.0, 0.0), xlogy(2.0, 3.0))
    0.0 2.1972246
    """
    x = _inexact(x)
    y = _inexact(y)
    safe_y = _where(x == 0, ones_like(y), y)
    return _where(x == 0, zeros_like(x * safe_y), x * log(safe_y))


def xlog1py(x, y):
    """x * log1p(y), defined as 0 where x == 0.

    >>> from jax.scipy.special import xlog1py
    >>> print(xlog1py(0.0, -1.0), xlog1py(2.0, 1.0))
    0.0 1.3862944
    """
    x = _inexact(x)
    y = _inexact(y)
    safe_y = _where(x == 0, zeros_like(y), y)
    return _where(x == 0, zeros_like(x * safe_y), x * log1p(safe_y))


def ndtr(x):
    """The standard normal CDF, 0.5 * erfc(-x / sqrt(2)) computed as JAX does (erf near 0, erfc in
    the tails).

    >>> from jax.scipy.special import ndtr
    >>> print(ndtr(0.0))
    0.5
    """
    x = _inexact(x)
    x = x * _SQRT_HALF
    z = abs(x)
    y = _where(z < _SQRT_HALF, 1.0 + erf(x), _where(x > 0, 2.0 - erfc(z), erfc(z)))
    return 0.5 * y


# Cephes' ndtri rational approximations (highest power first), as JAX's ndtri uses them.
_NDTRI_P0 = [-5.99633501014107895267e1, 9.80010754185999661536e1, -5.66762857469070293439e1, 1.39312609387279679503e1, -1.23916583867381258016e0]
_NDTRI_Q0 = [1.0, 1.95448858338141759834e0, 4.67627912898881538453e0, 8.63602421390890590575e1, -2.25462687854119370527e2, 2.00260212380060660359e2, -8.20372256168333339912e1, 1.59056225126211695515e1, -1.18331621121330003142e0]
_NDTRI_P1 = [4.05544892305962419923e0, 3.15251094599893866154e1, 5.71628192246421288162e1, 4.40805073893200834700e1, 1.46849561928858024014e1, 2.18663306850790267539e0, -1.40256079171354495875e-1, -3.50424626827848203418e-2, -8.57456785154685413611e-4]
_NDTRI_Q1 = [1.0, 1.57799883256466749731e1, 4.53907635128879210584e1, 4.13172038254672030440e1, 1.50425385692907503408e1, 2.50464946208309415979e0, -1.42182922854787788574e-1, -3.80806407691578277194e-2, -9.33259480895457427372e-4]
_NDTRI_P2 = [3.23774891776946035970e0, 6.91522889068984211695e0, 3.93881025292474443415e0, 1.33303460815807542389e0, 2.01485389549179081538e-1, 1.23716634817820021358e-2, 3.01581553508235416007e-4, 2.65806974686737550832e-6, 6.23974539184983293730e-9]
_NDTRI_Q2 = [1.0, 6.02427039364742014255e0, 3.67983563856160859403e0, 1.37702099489081330271e0, 2.16236993594496635890e-1, 1.34204006088543189037e-2, 3.28014464682127739104e-4, 2.89247864745380683936e-6, 6.79019408009981274425e-9]


def _coeffs(c, like):
    return [asarray(v, dtype=like.dtype) for v in c]


def _polyval(c, x):
    y = zeros_like(x)
    for v in c:
        y = y * x + v
    return y


def ndtri(p):
    """The inverse of the standard normal CDF (Cephes' algorithm, as JAX computes it: a rational
    function near the middle, expansions in 1/sqrt(-2 log p) in the tails).

    >>> from jax.scipy.special import ndtri
    >>> print(ndtri(jnp.array([0.5, 0.0, 1.0])))
    [  0. -inf  inf]
    """
    p = _inexact(p)
    mcp = _where(p > 0.8646647167633873, 1.0 - p, p)
    mcp = _where(mcp == 0.0, full_like(mcp, 0.5), mcp)
    w = mcp - 0.5
    ww = square(w)
    big = w + w * ww * (_polyval(_coeffs(_NDTRI_P0, p), ww) / _polyval(_coeffs(_NDTRI_Q0, p), ww))
    big = big * -asarray(2.5066282746310002, dtype=p.dtype)
    z = sqrt(-2.0 * log(mcp))
    first = z - log(z) / z
    iz = 1 / z
    small = first - _polyval(_coeffs(_NDTRI_P2, p), iz) / _polyval(_coeffs(_NDTRI_Q2, p), iz) / z
    other = first - _polyval(_coeffs(_NDTRI_P1, p), iz) / _polyval(_coeffs(_NDTRI_Q1, p), iz) / z
    x = _where(mcp > 0.1353352832366127, big, _where(z >= 8.0, small, other))
    x = _where(p > 0.8646647167633873, x, -x)
    return _where(p == 0.0, full_like(x, -inf), _where(p == 1.0, full_like(x, inf), x))


def _axes(nd, axis):
    if axis is None:
        return _py.tuple(_py.range(nd))
    if _py.isinstance(axis, (_py.list, _py.tuple)):
        return _py.tuple(sorted([a + nd if a < 0 else a for a in axis]))
    return (axis + nd if axis < 0 else axis,)


def logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False, where=None):
    """log(sum(b * exp(a))) over axis, computed stably (the maximum is subtracted first); with
    return_sign=True, the pair (log|sum|, sign of the sum). `where` masks the elements summed.

    >>> from jax.scipy.special import logsumexp
    >>> print(logsumexp(jnp.array([1.0, 2.0, 3.0])))
    3.407606
    """
    mask = where
    a = _inexact(a)
    if mask is not None:
        mask = asarray(mask)
        a = _where(mask, a, 0)
    if b is not None:
        b = _inexact(b)
        a, b = broadcast_arrays(a, b)
        a = _where(b != 0, a, -inf)
    dims = _axes(a.ndim, axis)
    masked = a if mask is None else _where(mask, a, -inf)
    amax = _max(masked, axis=dims, keepdims=True) if _py.len(dims) > 0 else masked
    amax = _stop(_where(isfinite(amax), amax, zeros_like(amax)))
    exp_a = exp(a - amax)
    if b is not None:
        exp_a = exp_a * b
    if mask is not None:
        exp_a = _where(mask, exp_a, 0)
    sumexp = _sum(exp_a, axis=dims, keepdims=keepdims) if _py.len(dims) > 0 else exp_a
    if not keepdims and _py.len(dims) > 0:
        amax = squeeze(amax, axis=dims)
    sgn = sign(sumexp)
    out = log(abs(sumexp)) + amax
    if return_sign:
        return (out, sgn)
    if b is not None:
        out = _where(sgn < 0, full_like(out, nan), out)
    return out


def softmax(x, axis=-1):
    """The softmax of x along axis (jax.nn.softmax)."""
    import jax.nn as _nn

    return _nn.softmax(x, axis=axis)


def log_softmax(x, axis=-1):
    """The log of the softmax of x along axis (jax.nn.log_softmax)."""
    import jax.nn as _nn

    return _nn.log_softmax(x, axis=axis)

"""jax.scipy.stats.norm: the normal distribution's pdf, cdf, their logs, survival function and
quantiles, as JAX computes them (over jax.scipy.special's ndtr and ndtri).

This file runs in the scope of `jax.numpy` (every jnp function is a plain name here, `_py` is
Python's builtins)."""

from jax.scipy.special import ndtr as _ndtr, ndtri as _ndtri

_LOG_2PI = 1.8378770664093453


def _promote(*args):
    out = [asarray(a) for a in args]
    d = float32
    for a in out:
        if a.dtype.kind == "f" and a.dtype.itemsize == 8:
            d = a.dtype
    return [a.astype(d) if a.dtype != d else a for a in out]


def logpdf(x, loc=0, scale=1):
    """The log of the normal probability density at x.

    >>> from jax.scipy.stats import norm
    >>> print(norm.logpdf(0.0))
    -0.9189385
    """
    x, loc, scale = _promote(x, loc, scale)
    scale_sqrd = square(scale)
    log_normalizer = log(6.283185307179586 * scale_sqrd)
    quadratic = square(x - loc) / scale_sqrd
    return (log_normalizer + quadratic) / -2.0


def pdf(x, loc=0, scale=1):
    """The normal probability density at x: exp(logpdf(x)).

    >>> from jax.scipy.stats import norm
    >>> print(norm.pdf(0.0))
    0.3989423
    """
    return exp(logpdf(x, loc, scale))


def cdf(x, loc=0, scale=1):
    """The normal cumulative distribution function at x.

    >>> from jax.scipy.stats import norm
    >>> print(norm.cdf(0.0))
    0.5
    """
    x, loc, scale = _promote(x, loc, scale)
    return _ndtr((x - loc) / scale)


def logcdf(x, loc=0, scale=1):
    """log(cdf(x)) (computed as the log of ndtr; less accurate than JAX's log_ndtr far in the
    left tail)."""
    return log(cdf(x, loc, scale))


def sf(x, loc=0, scale=1):
    """The survival function 1 - cdf(x), computed as cdf(-x) for the standardised x."""
    x, loc, scale = _promote(x, loc, scale)
    return _ndtr((loc - x) / scale)


def logsf(x, loc=0, scale=1):
    """log(sf(x))."""
    return log(sf(x, loc, scale))


def ppf(q, loc=0, scale=1):
    """The quantile function (inverse of cdf).

    >>> from jax.scipy.stats import norm
    >>> print(norm.ppf(0.5))
    0.0
    """
    q, loc, scale = _promote(q, loc, scale)
    return _ndtri(q) * scale + loc


def isf(q, loc=0, scale=1):
    """The inverse survival function: ppf(1 - q)."""
    return ppf(1 - asarray(q), loc, scale)

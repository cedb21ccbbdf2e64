# numpy.random in Slope: numpy's stateful style (seed, rand, randn, normal, uniform, randint,
# choice, shuffle, permutation) over a hidden session key, drawn with jax.random's threefry
# generator. The numbers do not match numpy's own generator (they are JAX's, cast to float64).
import jax.random as _jr

_state = {"key": _jr.PRNGKey(0)}


def _next():
    k, sub = _jr.split(_state["key"])
    _state["key"] = k
    return sub


def _shape_of(size):
    if size is None:
        return ()
    if _py.isinstance(size, int):
        return (size,)
    return _py.tuple(size)


def seed(seed=None):
    """seed(seed=None): reset the hidden generator (seed None means 0)."""
    _state["key"] = _jr.PRNGKey(0 if seed is None else seed)


def rand(*shape):
    """rand(d0, d1, ...): uniform samples in [0, 1), float64."""
    return asarray(_jr.uniform(_next(), shape), dtype=float64)


def randn(*shape):
    """randn(d0, d1, ...): standard normal samples, float64."""
    return asarray(_jr.normal(_next(), shape), dtype=float64)


def random(size=None):
    """random(size=None): uniform samples in [0, 1), float64."""
    return asarray(_jr.uniform(_next(), _shape_of(size)), dtype=float64)


def uniform(low=0.0, high=1.0, size=None):
    """uniform(low=0.0, high=1.0, size=None): uniform samples in [low, high), float64."""
    u = asarray(_jr.uniform(_next(), _shape_of(size)), dtype=float64)
    return low + (high - low) * u


def normal(loc=0.0, scale=1.0, size=None):
    """normal(loc=0.0, scale=1.0, size=None): normal samples, float64."""
    z = asarray(_jr.normal(_next(), _shape_of(size)), dtype=float64)
    return loc + scale * z


def standard_normal(size=None):
    """standard_normal(size=None): standard normal samples, float64."""
    return normal(0.0, 1.0, size)


def randint(low, high=None, size=None):
    """randint(low, high=None, size=None): integers in [low, high) (or [0, low)), int64."""
    if high is None:
        low, high = 0, low
    return asarray(_jr.randint(_next(), _shape_of(size), low, high), dtype=int64)


def permutation(x):
    """permutation(x): a shuffled copy (or a permutation of arange(x) for an int)."""
    return asarray(_jr.permutation(_next(), x))


def choice(a, size=None, replace=True, p=None):
    """choice(a, size=None, replace=True, p=None): random samples from a (or arange(a))."""
    return asarray(_jr.choice(_next(), a, _shape_of(size), replace, p))

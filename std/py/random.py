"""Python's `random` module, bit for bit with CPython 3.11's: the same Mersenne Twister (the
native `_random`), seeded the same way, and the distributions written as CPython's random.py
writes them, so every function returns the same values for the same seed.

The generator's state is a list (see `_random`): its last item holds the Gaussian that `gauss`
keeps for its next call. The module's functions share one generator, as Python's do."""

import _random
from math import log as _log, exp as _exp, pi as _pi, e as _e, ceil as _ceil
from math import sqrt as _sqrt, acos as _acos, cos as _cos, sin as _sin
from math import tau as TWOPI, floor as _floor, isfinite as _isfinite

NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)
LOG4 = _log(4.0)
SG_MAGICCONST = 1.0 + _log(4.5)
BPF = 53
RECIP_BPF = 2.0 ** -BPF
VERSION = 3

# Where the kept Gaussian lives in a state list (after the 624 words and the index).
_GAUSS = 625

_inst = _random.state()


# ---- The generator-level functions: each takes the state list `st` first. ----

def _seed(st, a, version):
    _random.seed(st, a, version)
    st[_GAUSS] = None


def _getstate(st):
    return (VERSION, _random.getstate(st), st[_GAUSS])


def _setstate(st, state):
    version = state[0]
    if version == 3:
        version, internalstate, gauss_next = state
        _random.setstate(st, internalstate)
        st[_GAUSS] = gauss_next
    elif version == 2:
        version, internalstate, gauss_next = state
        # Version 2 saved the words as signed ints.
        _random.setstate(st, tuple([x % (2 ** 32) for x in internalstate]))
        st[_GAUSS] = gauss_next
    else:
        raise ValueError("state with version %s passed to "
                         "Random.setstate() of version %s" %
                         (version, VERSION))


def _index(x, what):
    # operator.index, with 3.11's accommodation of integral floats.
    if isinstance(x, bool):
        return 1 if x else 0
    if isinstance(x, int):
        return x
    if isinstance(x, float):
        i = int(x)
        if i != x:
            raise ValueError("non-integer " + what + " for randrange()")
        return i
    if hasattr(x, 'dtype') and x.size == 1 and x.dtype.kind in 'iub':
        return int(x)
    raise TypeError(f"'{type(x).__name__}' object cannot be interpreted as an integer")


def _randrange(st, start, stop, step):
    istart = _index(start, "arg 1")
    if stop is None:
        if step != 1:
            raise TypeError('Missing a non-None stop argument')
        if istart > 0:
            return _random.randbelow(st, istart)
        raise ValueError("empty range for randrange()")
    istop = _index(stop, "stop")
    width = istop - istart
    istep = _index(step, "step")
    if istep == 1:
        if width > 0:
            return istart + _random.randbelow(st, width)
        raise ValueError("empty range for randrange() (%d, %d, %d)" % (istart, istop, width))
    if istep > 0:
        n = (width + istep - 1) // istep
    elif istep < 0:
        n = (width + istep + 1) // istep
    else:
        raise ValueError("zero step for randrange()")
    if n <= 0:
        raise ValueError("empty range for randrange()")
    return istart + istep * _random.randbelow(st, n)


def _choice(st, seq):
    if type(seq).__name__ == 'range':
        seq = list(seq)
    if not len(seq):
        raise IndexError('Cannot choose from an empty sequence')
    return seq[_random.randbelow(st, len(seq))]


def _shuffle(st, x):
    for i in reversed(range(1, len(x))):
        j = _random.randbelow(st, i + 1)
        x[i], x[j] = x[j], x[i]


def _accumulate(xs):
    out = []
    first = True
    total = 0
    for x in xs:
        if first:
            total = x
            first = False
        else:
            total = total + x
        out.append(total)
    return out


def _bisect(a, x, lo, hi):
    # bisect.bisect_right.
    while lo < hi:
        mid = (lo + hi) // 2
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _sample(st, population, k, counts):
    if isinstance(population, dict):
        raise TypeError("Population must be a sequence.  "
                        "For dicts or sets, use sorted(d).")
    if type(population).__name__ == 'range':
        # Index a range through a list: Slope materializes a range for every len() and [i].
        population = list(population)
    n = len(population)
    if counts is not None:
        cum_counts = _accumulate(counts)
        if len(cum_counts) != n:
            raise ValueError('The number of counts does not match the population')
        total = cum_counts.pop()
        if not isinstance(total, int):
            raise TypeError('Counts must be integers')
        if total <= 0:
            raise ValueError('Total of counts must be greater than zero')
        selections = _sample(st, range(total), k, None)
        return [population[_bisect(cum_counts, s, 0, len(cum_counts))] for s in selections]
    if not 0 <= k <= n:
        raise ValueError("Sample larger than population or is negative")
    result = [None] * k
    setsize = 21
    if k > 5:
        setsize += 4 ** _ceil(_log(k * 3, 4))
    if n <= setsize:
        pool = list(population)
        for i in range(k):
            j = _random.randbelow(st, n - i)
            result[i] = pool[j]
            pool[j] = pool[n - i - 1]
    else:
        selected = {}
        for i in range(k):
            j = _random.randbelow(st, n)
            while j in selected:
                j = _random.randbelow(st, n)
            selected[j] = True
            result[i] = population[j]
    return result


def _choices(st, population, weights, cum_weights, k):
    n = len(population)
    if cum_weights is None:
        if weights is None:
            n += 0.0
            return [population[_floor(_random.random(st) * n)] for i in range(k)]
        if isinstance(weights, int) and not isinstance(weights, bool):
            raise TypeError(f'The number of choices must be a keyword argument: k={weights}')
        cum_weights = _accumulate(weights)
    elif weights is not None:
        raise TypeError('Cannot specify both weights and cumulative weights')
    if len(cum_weights) != n:
        raise ValueError('The number of weights does not match the population')
    total = cum_weights[-1] + 0.0
    if total <= 0.0:
        raise ValueError('Total of weights must be greater than zero')
    if not _isfinite(total):
        raise ValueError('Total of weights must be finite')
    hi = n - 1
    return [population[_bisect(cum_weights, _random.random(st) * total, 0, hi)]
            for i in range(k)]


def _triangular(st, low, high, mode):
    u = _random.random(st)
    try:
        c = 0.5 if mode is None else (mode - low) / (high - low)
    except ZeroDivisionError:
        return low
    if u > c:
        u = 1.0 - u
        c = 1.0 - c
        low, high = high, low
    return low + (high - low) * _sqrt(u * c)


def _normalvariate(st, mu, sigma):
    # Kinderman and Monahan's ratio of uniforms.
    while True:
        u1 = _random.random(st)
        u2 = 1.0 - _random.random(st)
        z = NV_MAGICCONST * (u1 - 0.5) / u2
        zz = z * z / 4.0
        if zz <= -_log(u2):
            break
    return mu + z * sigma


def _gauss(st, mu, sigma):
    # Box-Muller: each pair of uniforms gives two normals; the second is kept for next time.
    z = st[_GAUSS]
    st[_GAUSS] = None
    if z is None:
        x2pi = _random.random(st) * TWOPI
        g2rad = _sqrt(-2.0 * _log(1.0 - _random.random(st)))
        z = _cos(x2pi) * g2rad
        st[_GAUSS] = _sin(x2pi) * g2rad
    return mu + z * sigma


def _vonmisesvariate(st, mu, kappa):
    if kappa <= 1e-6:
        return TWOPI * _random.random(st)
    s = 0.5 / kappa
    r = s + _sqrt(1.0 + s * s)
    while True:
        u1 = _random.random(st)
        z = _cos(_pi * u1)
        d = z / (r + z)
        u2 = _random.random(st)
        if u2 < 1.0 - d * d or u2 <= (1.0 - d) * _exp(d):
            break
    q = 1.0 / r
    f = (q + z) / (1.0 + q * z)
    u3 = _random.random(st)
    if u3 > 0.5:
        theta = (mu + _acos(f)) % TWOPI
    else:
        theta = (mu - _acos(f)) % TWOPI
    return theta


def _gammavariate(st, alpha, beta):
    if alpha <= 0.0 or beta <= 0.0:
        raise ValueError('gammavariate: alpha and beta must be > 0.0')
    if alpha > 1.0:
        # Cheng's rejection method (Applied Statistics 26, 1977).
        ainv = _sqrt(2.0 * alpha - 1.0)
        bbb = alpha - LOG4
        ccc = alpha + ainv
        while True:
            u1 = _random.random(st)
            if not 1e-7 < u1 < 0.9999999:
                continue
            u2 = 1.0 - _random.random(st)
            v = _log(u1 / (1.0 - u1)) / ainv
            x = alpha * _exp(v)
            z = u1 * u1 * u2
            r = bbb + ccc * v - x
            if r + SG_MAGICCONST - 4.5 * z >= 0.0 or r >= _log(z):
                return x * beta
    elif alpha == 1.0:
        return -_log(1.0 - _random.random(st)) * beta
    else:
        # Algorithm GS of Kennedy and Gentle, for 0 < alpha < 1.
        while True:
            u = _random.random(st)
            b = (_e + alpha) / _e
            p = b * u
            if p <= 1.0:
                x = p ** (1.0 / alpha)
            else:
                x = -_log((b - p) / alpha)
            u1 = _random.random(st)
            if p > 1.0:
                if u1 <= x ** (alpha - 1.0):
                    break
            elif u1 <= _exp(-x):
                break
        return x * beta


def _betavariate(st, alpha, beta):
    y = _gammavariate(st, alpha, 1.0)
    if y:
        return y / (y + _gammavariate(st, beta, 1.0))
    return 0.0


# ---- The module's functions, over its one generator. ----

def seed(a=None, version=2):
    """seed(a=None, version=2): reseed the generator from a (None: the OS's entropy; an int: all its bits; a float or a str: as CPython)."""
    _seed(_inst, a, version)


def getstate():
    """getstate(): the generator's state, for setstate."""
    return _getstate(_inst)


def setstate(state):
    """setstate(state): restore a state getstate returned."""
    _setstate(_inst, state)


def random():
    """random(): the next float in [0.0, 1.0)."""
    return _random.random(_inst)


def getrandbits(k):
    """getrandbits(k): an int with k random bits (k <= 63: Slope's ints are 64-bit)."""
    return _random.getrandbits(_inst, k)


def randrange(start, stop=None, step=1):
    """randrange(start, stop=None, step=1): a random int from range(start, stop, step)."""
    return _randrange(_inst, start, stop, step)


def randint(a, b):
    """randint(a, b): a random int in [a, b], both ends included."""
    return _randrange(_inst, a, b + 1, 1)


def choice(seq):
    """choice(seq): a random item of the non-empty sequence seq."""
    return _choice(_inst, seq)


def shuffle(x):
    """shuffle(x): shuffle the list x in place."""
    _shuffle(_inst, x)


def sample(population, k, *, counts=None):
    """sample(population, k, *, counts=None): k distinct items of population (each position at most once), in selection order."""
    return _sample(_inst, population, k, counts)


def choices(population, weights=None, *, cum_weights=None, k=1):
    """choices(population, weights=None, *, cum_weights=None, k=1): k items of population chosen with replacement, with optional relative or cumulative weights."""
    return _choices(_inst, population, weights, cum_weights, k)


def uniform(a, b):
    """uniform(a, b): a random float between a and b."""
    return a + (b - a) * _random.random(_inst)


def triangular(low=0.0, high=1.0, mode=None):
    """triangular(low=0.0, high=1.0, mode=None): a float from the triangular distribution on [low, high] with the given mode (the midpoint by default)."""
    return _triangular(_inst, low, high, mode)


def normalvariate(mu=0.0, sigma=1.0):
    """normalvariate(mu=0.0, sigma=1.0): a float from the normal distribution (Kinderman and Monahan's method)."""
    return _normalvariate(_inst, mu, sigma)


def gauss(mu=0.0, sigma=1.0):
    """gauss(mu=0.0, sigma=1.0): a float from the normal distribution (Box-Muller; every other call uses the value kept from the previous one)."""
    return _gauss(_inst, mu, sigma)


def lognormvariate(mu, sigma):
    """lognormvariate(mu, sigma): a float whose logarithm is normal with mean mu and standard deviation sigma."""
    return _exp(_normalvariate(_inst, mu, sigma))


def expovariate(lambd):
    """expovariate(lambd): a float from the exponential distribution with rate lambd (mean 1/lambd)."""
    return -_log(1.0 - _random.random(_inst)) / lambd


def vonmisesvariate(mu, kappa):
    """vonmisesvariate(mu, kappa): an angle from the von Mises distribution with mean angle mu and concentration kappa."""
    return _vonmisesvariate(_inst, mu, kappa)


def gammavariate(alpha, beta):
    """gammavariate(alpha, beta): a float from the gamma distribution with shape alpha > 0 and scale beta > 0."""
    return _gammavariate(_inst, alpha, beta)


def betavariate(alpha, beta):
    """betavariate(alpha, beta): a float in [0, 1] from the beta distribution with alpha > 0 and beta > 0."""
    return _betavariate(_inst, alpha, beta)


def paretovariate(alpha):
    """paretovariate(alpha): a float from the Pareto distribution with shape alpha."""
    u = 1.0 - _random.random(_inst)
    return u ** (-1.0 / alpha)


def weibullvariate(alpha, beta):
    """weibullvariate(alpha, beta): a float from the Weibull distribution with scale alpha and shape beta."""
    u = 1.0 - _random.random(_inst)
    return alpha * (-_log(u)) ** (1.0 / beta)

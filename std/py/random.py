"""Python's `random` module, bit for bit with CPython 3.11's: the same Mersenne Twister (the
native `_random`), seeded the same way, and `Random`'s methods written as CPython's random.py
writes them, so every function returns the same values for the same seed. The module's
functions call the methods of one shared `Random` (CPython's are those methods); `Random(seed)`
makes a generator of its own, and a subclass that overrides `random()` (or `getrandbits()`)
drives all the distributions, as CPython's `__init_subclass__` arranges."""

import _random
from math import log as _log, exp as _exp, pi as _pi, e as _e, ceil as _ceil
from math import sqrt as _sqrt, acos as _acos, cos as _cos, sin as _sin
from math import tau as TWOPI, floor as _floor, isfinite as _isfinite

NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)
LOG4 = _log(4.0)
SG_MAGICCONST = 1.0 + _log(4.5)
BPF = 53
RECIP_BPF = 2.0 ** -BPF


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


def _accumulate(xs):
    # itertools.accumulate: running sums, starting from the first item itself.
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


def _as_sequence(seq):
    # Slope materializes a range for every len() and [i]: index a list instead.
    if type(seq).__name__ == 'range':
        return list(seq)
    return seq


class Random:
    """Random(x=None): a random number generator of its own, seeded from x as seed(x) does."""

    VERSION = 3

    def __init__(self, x=None):
        """Random(x=None): a new generator seeded from x."""
        self._state = _random.state()
        self.seed(x)
        self.gauss_next = None

    def seed(self, a=None, version=2):
        """seed(a=None, version=2): reseed the generator from a (None: the OS's entropy; an int: all its bits; a float or a str: as CPython)."""
        _random.seed(self._state, a, version)
        self.gauss_next = None

    def getstate(self):
        """getstate(): the generator's state, for setstate."""
        return self.VERSION, _random.getstate(self._state), self.gauss_next

    def setstate(self, state):
        """setstate(state): restore a state getstate returned."""
        version = state[0]
        if version == 3:
            version, internalstate, self.gauss_next = state
            _random.setstate(self._state, internalstate)
        elif version == 2:
            version, internalstate, self.gauss_next = state
            # Version 2 saved the words as signed ints.
            _random.setstate(self._state, tuple([x % (2 ** 32) for x in internalstate]))
        else:
            raise ValueError("state with version %s passed to "
                             "Random.setstate() of version %s" %
                             (version, self.VERSION))

    def random(self):
        """random(): the next float in [0.0, 1.0)."""
        return _random.random(self._state)

    def getrandbits(self, k):
        """getrandbits(k): an int with k random bits (k <= 63: Slope's ints are 64-bit)."""
        return _random.getrandbits(self._state, k)

    # ---- Uniform ints below n: by getrandbits, or by random() for subclasses without it. ----

    def __init_subclass__(cls, **kwargs):
        """Make a subclass draw its ints through the core methods it overrides."""
        for c in cls.__mro__:
            if '_randbelow' in c.__dict__:
                break
            if 'getrandbits' in c.__dict__:
                cls._randbelow = cls._randbelow_with_getrandbits
                break
            if 'random' in c.__dict__:
                cls._randbelow = cls._randbelow_without_getrandbits
                break

    def _randbelow(self, n):
        # _randbelow_with_getrandbits over the native generator, in one call.
        return _random.randbelow(self._state, n)

    def _randbelow_with_getrandbits(self, n):
        getrandbits = self.getrandbits
        k = 0
        while n >> k:
            k += 1
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return r

    def _randbelow_without_getrandbits(self, n, maxsize=1 << BPF):
        random = self.random
        if n >= maxsize:
            return _floor(random() * n)
        rem = maxsize % n
        limit = (maxsize - rem) / maxsize
        r = random()
        while r >= limit:
            r = random()
        return _floor(r * maxsize) % n

    # ---- Integers and sequences. ----

    def randrange(self, start, stop=None, step=1):
        """randrange(start, stop=None, step=1): a random int from range(start, stop, step)."""
        istart = _index(start, "arg 1")
        if stop is None:
            if step != 1:
                raise TypeError('Missing a non-None stop argument')
            if istart > 0:
                return self._randbelow(istart)
            raise ValueError("empty range for randrange()")
        istop = _index(stop, "stop")
        width = istop - istart
        istep = _index(step, "step")
        if istep == 1:
            if width > 0:
                return istart + self._randbelow(width)
            raise ValueError("empty range for randrange() (%d, %d, %d)" % (istart, istop, width))
        if istep > 0:
            n = (width + istep - 1) // istep
        elif istep < 0:
            n = (width + istep + 1) // istep
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError("empty range for randrange()")
        return istart + istep * self._randbelow(n)

    def randint(self, a, b):
        """randint(a, b): a random int in [a, b], both ends included."""
        return self.randrange(a, b + 1)

    def choice(self, seq):
        """choice(seq): a random item of the non-empty sequence seq."""
        seq = _as_sequence(seq)
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        """shuffle(x): shuffle the list x in place."""
        randbelow = self._randbelow
        for i in reversed(range(1, len(x))):
            j = randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        """sample(population, k, *, counts=None): k items of population, each position at most once, in selection order."""
        if isinstance(population, (dict, set)):
            raise TypeError("Population must be a sequence.  "
                            "For dicts or sets, use sorted(d).")
        population = _as_sequence(population)
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
            selections = self.sample(range(total), k=k)
            return [population[_bisect(cum_counts, s, 0, len(cum_counts))] for s in selections]
        randbelow = self._randbelow
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        result = [None] * k
        setsize = 21
        if k > 5:
            setsize += 4 ** _ceil(_log(k * 3, 4))
        if n <= setsize:
            pool = list(population)
            for i in range(k):
                j = randbelow(n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            selected = set()
            for i in range(k):
                j = randbelow(n)
                while j in selected:
                    j = randbelow(n)
                selected.add(j)
                result[i] = population[j]
        return result

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        """choices(population, weights=None, *, cum_weights=None, k=1): k items of population chosen with replacement, with optional relative or cumulative weights."""
        random = self.random
        n = len(population)
        if cum_weights is None:
            if weights is None:
                n += 0.0
                return [population[_floor(random() * n)] for i in range(k)]
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
        return [population[_bisect(cum_weights, random() * total, 0, hi)]
                for i in range(k)]

    # ---- Real-valued distributions. ----

    def uniform(self, a, b):
        """uniform(a, b): a random float between a and b."""
        return a + (b - a) * self.random()

    def triangular(self, low=0.0, high=1.0, mode=None):
        """triangular(low=0.0, high=1.0, mode=None): a float from the triangular distribution on [low, high] with the given mode (the midpoint by default)."""
        u = self.random()
        try:
            c = 0.5 if mode is None else (mode - low) / (high - low)
        except ZeroDivisionError:
            return low
        if u > c:
            u = 1.0 - u
            c = 1.0 - c
            low, high = high, low
        return low + (high - low) * _sqrt(u * c)

    def normalvariate(self, mu=0.0, sigma=1.0):
        """normalvariate(mu=0.0, sigma=1.0): a float from the normal distribution (Kinderman and Monahan's method)."""
        random = self.random
        while True:
            u1 = random()
            u2 = 1.0 - random()
            z = NV_MAGICCONST * (u1 - 0.5) / u2
            zz = z * z / 4.0
            if zz <= -_log(u2):
                break
        return mu + z * sigma

    def gauss(self, mu=0.0, sigma=1.0):
        """gauss(mu=0.0, sigma=1.0): a float from the normal distribution (Box-Muller; every other call returns the value kept from the one before)."""
        random = self.random
        z = self.gauss_next
        self.gauss_next = None
        if z is None:
            x2pi = random() * TWOPI
            g2rad = _sqrt(-2.0 * _log(1.0 - random()))
            z = _cos(x2pi) * g2rad
            self.gauss_next = _sin(x2pi) * g2rad
        return mu + z * sigma

    def lognormvariate(self, mu, sigma):
        """lognormvariate(mu, sigma): a float whose logarithm is normal with mean mu and standard deviation sigma."""
        return _exp(self.normalvariate(mu, sigma))

    def expovariate(self, lambd):
        """expovariate(lambd): a float from the exponential distribution with rate lambd (mean 1/lambd)."""
        return -_log(1.0 - self.random()) / lambd

    def vonmisesvariate(self, mu, kappa):
        """vonmisesvariate(mu, kappa): an angle from the von Mises distribution with mean angle mu and concentration kappa."""
        random = self.random
        if kappa <= 1e-6:
            return TWOPI * random()
        s = 0.5 / kappa
        r = s + _sqrt(1.0 + s * s)
        while True:
            u1 = random()
            z = _cos(_pi * u1)
            d = z / (r + z)
            u2 = random()
            if u2 < 1.0 - d * d or u2 <= (1.0 - d) * _exp(d):
                break
        q = 1.0 / r
        f = (q + z) / (1.0 + q * z)
        u3 = random()
        if u3 > 0.5:
            theta = (mu + _acos(f)) % TWOPI
        else:
            theta = (mu - _acos(f)) % TWOPI
        return theta

    def gammavariate(self, alpha, beta):
        """gammavariate(alpha, beta): a float from the gamma distribution with shape alpha > 0 and scale beta > 0."""
        if alpha <= 0.0 or beta <= 0.0:
            raise ValueError('gammavariate: alpha and beta must be > 0.0')
        random = self.random
        if alpha > 1.0:
            # Cheng's rejection method (Applied Statistics 26, 1977).
            ainv = _sqrt(2.0 * alpha - 1.0)
            bbb = alpha - LOG4
            ccc = alpha + ainv
            while True:
                u1 = random()
                if not 1e-7 < u1 < 0.9999999:
                    continue
                u2 = 1.0 - random()
                v = _log(u1 / (1.0 - u1)) / ainv
                x = alpha * _exp(v)
                z = u1 * u1 * u2
                r = bbb + ccc * v - x
                if r + SG_MAGICCONST - 4.5 * z >= 0.0 or r >= _log(z):
                    return x * beta
        elif alpha == 1.0:
            return -_log(1.0 - random()) * beta
        else:
            # Algorithm GS of Kennedy and Gentle, for 0 < alpha < 1.
            while True:
                u = random()
                b = (_e + alpha) / _e
                p = b * u
                if p <= 1.0:
                    x = p ** (1.0 / alpha)
                else:
                    x = -_log((b - p) / alpha)
                u1 = random()
                if p > 1.0:
                    if u1 <= x ** (alpha - 1.0):
                        break
                elif u1 <= _exp(-x):
                    break
            return x * beta

    def betavariate(self, alpha, beta):
        """betavariate(alpha, beta): a float in [0, 1] from the beta distribution with alpha > 0 and beta > 0."""
        y = self.gammavariate(alpha, 1.0)
        if y:
            return y / (y + self.gammavariate(beta, 1.0))
        return 0.0

    def paretovariate(self, alpha):
        """paretovariate(alpha): a float from the Pareto distribution with shape alpha."""
        u = 1.0 - self.random()
        return u ** (-1.0 / alpha)

    def weibullvariate(self, alpha, beta):
        """weibullvariate(alpha, beta): a float from the Weibull distribution with scale alpha and shape beta."""
        u = 1.0 - self.random()
        return alpha * (-_log(u)) ** (1.0 / beta)


# The module's functions: the methods of one generator, seeded from the OS's entropy. (CPython
# binds them as `seed = _inst.seed`; functions that call the method keep the caller's line in
# Slope's tracebacks.)
_inst = Random()


def seed(a=None, version=2):
    """seed(a=None, version=2): reseed the generator from a (None: the OS's entropy; an int: all its bits; a float or a str: as CPython)."""
    return _inst.seed(a, version)


def random():
    """random(): the next float in [0.0, 1.0)."""
    return _inst.random()


def uniform(a, b):
    """uniform(a, b): a random float between a and b."""
    return _inst.uniform(a, b)


def triangular(low=0.0, high=1.0, mode=None):
    """triangular(low=0.0, high=1.0, mode=None): a float from the triangular distribution on [low, high] with the given mode (the midpoint by default)."""
    return _inst.triangular(low, high, mode)


def randint(a, b):
    """randint(a, b): a random int in [a, b], both ends included."""
    return _inst.randint(a, b)


def choice(seq):
    """choice(seq): a random item of the non-empty sequence seq."""
    return _inst.choice(seq)


def randrange(start, stop=None, step=1):
    """randrange(start, stop=None, step=1): a random int from range(start, stop, step)."""
    return _inst.randrange(start, stop, step)


def sample(population, k, *, counts=None):
    """sample(population, k, *, counts=None): k items of population, each position at most once, in selection order."""
    return _inst.sample(population, k, counts=counts)


def shuffle(x):
    """shuffle(x): shuffle the list x in place."""
    return _inst.shuffle(x)


def choices(population, weights=None, *, cum_weights=None, k=1):
    """choices(population, weights=None, *, cum_weights=None, k=1): k items of population chosen with replacement, with optional relative or cumulative weights."""
    return _inst.choices(population, weights, cum_weights=cum_weights, k=k)


def normalvariate(mu=0.0, sigma=1.0):
    """normalvariate(mu=0.0, sigma=1.0): a float from the normal distribution (Kinderman and Monahan's method)."""
    return _inst.normalvariate(mu, sigma)


def lognormvariate(mu, sigma):
    """lognormvariate(mu, sigma): a float whose logarithm is normal with mean mu and standard deviation sigma."""
    return _inst.lognormvariate(mu, sigma)


def expovariate(lambd):
    """expovariate(lambd): a float from the exponential distribution with rate lambd (mean 1/lambd)."""
    return _inst.expovariate(lambd)


def vonmisesvariate(mu, kappa):
    """vonmisesvariate(mu, kappa): an angle from the von Mises distribution with mean angle mu and concentration kappa."""
    return _inst.vonmisesvariate(mu, kappa)


def gammavariate(alpha, beta):
    """gammavariate(alpha, beta): a float from the gamma distribution with shape alpha > 0 and scale beta > 0."""
    return _inst.gammavariate(alpha, beta)


def gauss(mu=0.0, sigma=1.0):
    """gauss(mu=0.0, sigma=1.0): a float from the normal distribution (Box-Muller; every other call returns the value kept from the one before)."""
    return _inst.gauss(mu, sigma)


def betavariate(alpha, beta):
    """betavariate(alpha, beta): a float in [0, 1] from the beta distribution with alpha > 0 and beta > 0."""
    return _inst.betavariate(alpha, beta)


def paretovariate(alpha):
    """paretovariate(alpha): a float from the Pareto distribution with shape alpha."""
    return _inst.paretovariate(alpha)


def weibullvariate(alpha, beta):
    """weibullvariate(alpha, beta): a float from the Weibull distribution with scale alpha and shape beta."""
    return _inst.weibullvariate(alpha, beta)


def getstate():
    """getstate(): the generator's state, for setstate."""
    return _inst.getstate()


def setstate(state):
    """setstate(state): restore a state getstate returned."""
    return _inst.setstate(state)


def getrandbits(k):
    """getrandbits(k): an int with k random bits (k <= 63: Slope's ints are 64-bit)."""
    return _inst.getrandbits(k)

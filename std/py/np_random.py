# numpy.random in Slope: numpy's own generators, bit for bit. The bit generators and samplers
# are native (`_nprandom`, std/src/pylib/nprandom.rs, ported from numpy/random/src); this file
# is numpy's Python API over them, following numpy's mtrand.pyx (the legacy `RandomState` over
# MT19937, whose methods are also the module's functions) and _generator.pyx (`Generator` over
# PCG64 seeded through `SeedSequence`, what `default_rng` makes): the same argument checks, the
# same error messages and the same draws in the same order, so a seeded numpy program prints the
# same numbers here.
#
# This module runs in numpy's scope: `sum`, `max`, `min`, `abs`, `round`, `all`, `any` are
# numpy's, Python's are `_py.*`. Departures: there is no uint32/uint64 dtype, so state words and
# `SeedSequence.generate_state` are int64 arrays; ints are 64-bit, so seeds and SeedSequence
# entropy are below 2**63.
import _nprandom as _nr

# numpy's LEGACY_POISSON_LAM_MAX and POISSON_LAM_MAX (iinfo(int64).max - sqrt(that) * 10).
_POISSON_LAM_MAX = 9.223372006484771e18


def _is_arraylike(x):
    """True for the values numpy treats as arrays of parameters (lists, tuples, arrays with
    at least one dimension); Python numbers and 0-d arrays are scalars."""
    if _py.isinstance(x, (_py.list, _py.tuple, _py.range)):
        return True
    return _py.hasattr(x, "ndim") and x.ndim > 0


def _is_intlike(x):
    """True for a Python int or an integer numpy scalar (what operator.index accepts)."""
    if _py.isinstance(x, _py.bool):
        return True
    if _py.isinstance(x, _py.int):
        return True
    return _py.hasattr(x, "dtype") and x.ndim == 0 and x.dtype.kind in "iub"


def _shape_tuple(size):
    """A size (None, an int or a sequence of ints) as a shape tuple (None stays None)."""
    if size is None:
        return None
    if _is_intlike(size):
        return (_py.int(size),)
    return _py.tuple(_py.int(d) for d in size)


def _nsamples(size):
    """numpy's np.prod(size): 1 for None."""
    if size is None:
        return 1
    n = 1
    for d in _shape_tuple(size):
        n = n * d
    return n


def _param_shape(size, *arrays):
    """The output shape of a sampler with array parameters: size, or the parameters' broadcast."""
    if size is not None:
        return _shape_tuple(size)
    return broadcast_shapes(*[a.shape for a in arrays])


def _floats(x):
    """A parameter as a float64 array."""
    return asarray(x, dtype=float64)


def _check_non_negative(x, name):
    """numpy's CONS_NON_NEGATIVE check of a sampler parameter."""
    if _is_arraylike(x):
        bad = _py.bool(any(_floats(x) < 0))
    else:
        bad = _py.float(x) < 0
    if bad:
        # help: this parameter must be >= 0
        raise ValueError(f"{name} < 0")


def _check_poisson(lam):
    """numpy's (LEGACY_)CONS_POISSON check of lam."""
    a = _floats(lam)
    if _py.bool(any((a < 0) | isnan(a))):
        # help: the Poisson mean lam must be >= 0
        raise ValueError("lam < 0 or lam is NaN")
    if _py.bool(any(a > _POISSON_LAM_MAX)):
        # help: lam must fit the int64 results: keep it below about 9.2e18
        raise ValueError("lam value too large")


def _int64_dtype(dtype, what):
    """Whether an integer dtype argument is int64 (True) or int32 (False); TypeError otherwise."""
    if dtype is _py.int or dtype is int64:
        return True
    if dtype is int32:
        return False
    name = _py.str(dtype)
    if name in ("int64", "int", "l", "i8", "long", "int_", "intp", "<class 'int'>"):
        return True
    if name in ("int32", "i4", "i"):
        return False
    # help: Slope's np.random draws int64 or int32 integers; cast the result with .astype(...)
    raise TypeError(f"Unsupported dtype {dtype!r} for {what}")


def _bounds_error(closed, low):
    """numpy's format_bounds_error."""
    if low == 0:
        return "high < 0" if closed else "high <= 0"
    return "low > high" if closed else "low >= high"


# The 8- and 16-bit integer dtypes and bool: (bits, min, max) of numpy's buffered samplers.
_SMALL_INTS = {"int8": (8, -128, 127), "uint8": (8, 0, 255), "int16": (16, -32768, 32767), "uint16": (16, 0, 65535), "bool": (1, 0, 1)}


def _small_int_dtype(dtype):
    """The name of an 8- or 16-bit integer dtype or bool (None for any other dtype)."""
    if dtype is _py.bool:
        return "bool"
    if dtype is _py.int:
        return None
    try:
        name = _py.str(dtype) if _py.isinstance(dtype, _py.str) else dtype.__name__
    except AttributeError:
        return None
    name = {"ubyte": "uint8", "byte": "int8", "short": "int16", "ushort": "uint16", "u1": "uint8", "i1": "int8", "u2": "uint16", "i2": "int16", "?": "bool", "bool_": "bool"}.get(name, name)
    return name if name in _SMALL_INTS else None


def _scalar_bounds(low, high, closed, dmin, dmax, tname):
    """Scalar bounds as the closed range [lo, hi] of a draw, checked against the dtype's range
    [dmin, dmax] with numpy's messages."""
    lo = _py.int(low)
    hi = _py.int(high)
    if not closed:
        hi = hi - 1
    if lo < dmin:
        # help: the bounds must fit the dtype
        raise ValueError(f"low is out of bounds for {tname}")
    if hi > dmax:
        # help: the bounds must fit the dtype
        raise ValueError(f"high is out of bounds for {tname}")
    if lo > hi:
        # help: numpy draws from [low, high): low must be below high (randint(n) draws from [0, n))
        raise ValueError(_bounds_error(closed, lo))
    return lo, hi


def _small_ints(st, low, high, size, name, closed, masked):
    """numpy's _rand_uint8 / _rand_int16 / _rand_bool …: draws from [low, high) (or [low, high])
    made from shared 32-bit words, by masked rejection (RandomState) or Lemire's method."""
    bits, dmin, dmax = _SMALL_INTS[name]
    if _is_arraylike(low) or _is_arraylike(high):
        # help: draw with scalar bounds, or use int32/int64 for bounds given as arrays
        raise NotImplementedError(f"Slope's np.random draws {name} with scalar low and high only")
    lo, hi = _scalar_bounds(low, high, closed, dmin, dmax, name)
    if size is not None and _nsamples(size) == 0:
        return zeros(_shape_tuple(size), dtype=name)
    res = _nr.integers_small(st, size, lo, hi, masked, bits)
    if size is None:
        return asarray(res).astype(name)[()]
    return res.astype(name)


def _bounded_ints(st, low, high, size, dtype, closed, masked, what):
    """numpy's _rand_int64 / _rand_int32: ints in [low, high) (or [low, high] when closed),
    by masked rejection (RandomState) or Lemire's method (Generator)."""
    small = _small_int_dtype(dtype)
    if small is not None:
        return _small_ints(st, low, high, size, small, closed, masked)
    wide = _int64_dtype(dtype, what)
    if size is not None and _nsamples(size) == 0:
        return zeros(_shape_tuple(size), dtype=int64 if wide else int32)
    lo_bound, hi_bound = (-9223372036854775808, 9223372036854775807) if wide else (-2147483648, 2147483647)
    tname = "int64" if wide else "int32"
    if _is_arraylike(low) or _is_arraylike(high):
        la = asarray(low)
        ha = asarray(high)
        if la.dtype.kind == "f":
            la = la.astype(int64)
        if ha.dtype.kind == "f":
            ha = ha.astype(int64)
        shape = _param_shape(size, la, ha)
        lo = broadcast_to(la, shape).ravel().tolist()
        hi = broadcast_to(ha, shape).ravel().tolist()
        for i in _py.range(_py.len(lo)):
            h = hi[i] if closed else hi[i] - 1
            if lo[i] < lo_bound:
                raise ValueError(f"low is out of bounds for {tname}")
            if h > hi_bound:
                raise ValueError(f"high is out of bounds for {tname}")
            if lo[i] > h:
                # help: numpy draws from [low, high): low must be below high
                raise ValueError(_bounds_error(closed, 0 if _py.bool(all(la == 0)) else 1))
        out = [_nr.integers(st, None, lo[i], (hi[i] if closed else hi[i] - 1), masked) for i in _py.range(_py.len(lo))]
        res = asarray(out, dtype=int64).reshape(shape)
        return res if wide else res.astype(int32)
    lo, hi = _scalar_bounds(low, high, closed, lo_bound, hi_bound, tname)
    res = _nr.integers(st, size, lo, hi, masked)
    if size is None:
        if dtype is _py.int:
            return res
        return int64(res) if wide else int32(res)
    return res if wide else res.astype(int32)


def _binomial(st, n, p, size, legacy):
    """RandomState.binomial and Generator.binomial: numpy's checks, then per-element draws for
    array parameters."""
    pa = _floats(p)
    if _py.bool(any((pa < 0) | (pa > 1) | isnan(pa))):
        # help: p is a probability, from 0 to 1
        raise ValueError("p < 0, p > 1 or p is NaN")
    na = asarray(n)
    if _py.bool(any(na < 0)):
        # help: the number of trials must be >= 0
        raise ValueError("n < 0")
    if _is_arraylike(n) or _is_arraylike(p):
        shape = _param_shape(size, na, pa)
        ns = broadcast_to(na.astype(int64), shape).ravel().tolist()
        ps = broadcast_to(pa, shape).ravel().tolist()
        out = [_nr.binomial(st, None, ns[i], ps[i], legacy) for i in _py.range(_py.len(ns))]
        return asarray(out, dtype=int64).reshape(shape)
    return _nr.binomial(st, size, _py.int(n), _py.float(p), legacy)


def _p_array(p, pop_size, legacy):
    """numpy's checks of choice's p; p as a float64 array."""
    pa = _floats(p)
    if pa.ndim != 1:
        # help: p holds one probability per element of a
        raise ValueError("'p' must be 1-dimensional" if legacy else "p must be 1-dimensional")
    if pa.size != pop_size:
        # help: p holds one probability per element of a
        raise ValueError("'a' and 'p' must have same size" if legacy else "a and p must have same size")
    s = _py.float(sum(pa))
    if s != s:
        # help: probabilities must be numbers
        raise ValueError("probabilities contain NaN" if legacy else "Probabilities contain NaN")
    if _py.bool(any(pa < 0)):
        # help: probabilities must be >= 0
        raise ValueError("probabilities are not non-negative" if legacy else "Probabilities are not non-negative")
    if _py.abs(s - 1.0) > 1.4901161193847656e-08:
        # help: divide p by its sum: p / p.sum()
        raise ValueError("probabilities do not sum to 1" if legacy else "Probabilities do not sum to 1. See Notes section of docstring for more information.")
    return pa


def _choice(self, a, size, replace, p, legacy, shuffle=True):
    """RandomState.choice and Generator.choice (axis 0)."""
    if _is_intlike(a):
        pop_size = _py.int(a)
        arr = None
        if pop_size <= 0 and _nsamples(size) != 0:
            if legacy:
                # help: choice(n) draws from range(n): n must be positive
                raise ValueError("a must be greater than 0 unless no samples are taken")
            # help: choice(n) draws from range(n): n must be positive
            raise ValueError("a must be a positive integer unless no samples are taken")
    elif not _is_arraylike(a):
        if legacy:
            # help: pass an int n (to draw from range(n)) or a 1-d sequence
            raise ValueError("a must be 1-dimensional or an integer")
        # help: pass an int n (to draw from range(n)) or a sequence
        raise ValueError(f"a must be a sequence or an integer, not {_py.type(a)}")
    else:
        try:
            arr = asarray(a)
        except TypeError:
            # A sequence Slope's arrays cannot hold (strings, objects): choose among its items.
            arr = _Items(a)
        if legacy and arr.ndim != 1:
            # help: pass a 1-d sequence (flatten it with .ravel())
            raise ValueError("a must be 1-dimensional")
        pop_size = arr.shape[0]
        if pop_size == 0 and _nsamples(size) != 0:
            if legacy:
                # help: there is nothing to choose from
                raise ValueError("'a' cannot be empty unless no samples are taken")
            # help: there is nothing to choose from
            raise ValueError("a cannot be empty unless no samples are taken")
    pa = None if p is None else _p_array(p, pop_size, legacy)
    is_scalar = size is None
    shape = None if is_scalar else _shape_tuple(size)
    n = _nsamples(size)
    st = self._st
    if replace:
        if pa is not None:
            idx = _nr.choice_p(st, shape, pa)
        elif legacy:
            idx = _nr.integers(st, shape, 0, pop_size - 1, True)
        else:
            idx = _nr.integers(st, shape, 0, pop_size - 1, False)
    else:
        if n > pop_size:
            if legacy:
                # help: draw at most as many samples as there are elements, or use replace=True
                raise ValueError("Cannot take a larger sample than population when 'replace=False'")
            # help: draw at most as many samples as there are elements, or use replace=True
            raise ValueError("Cannot take a larger sample than population when replace is False")
        if n < 0:
            # help: every entry of size must be >= 0
            raise ValueError("Negative dimensions are not allowed" if legacy else "negative dimensions are not allowed")
        if pa is not None:
            if _py.int(count_nonzero(pa > 0)) < n:
                # help: with replace=False every sample needs an element of nonzero probability
                raise ValueError("Fewer non-zero entries in p than size")
            idx = _nr.choice_p_unique(st, n, pa)
        elif legacy:
            idx = _nr.shuffle_index(st, pop_size)[:n]
        else:
            idx = _nr.sample_unique(st, pop_size, n, shuffle)
        if is_scalar:
            idx = _py.int(idx[0])
        else:
            idx = idx.reshape(shape)
    if arr is None:
        return idx
    return arr[idx]


class _Items:
    """A sequence of items Slope's arrays cannot hold (strings, objects), indexed as numpy
    indexes an object array: by one index (an item) or by an array of indices (a list)."""

    def __init__(self, items):
        self.items = _py.list(items)
        self.ndim = 1
        self.shape = (_py.len(self.items),)

    def __getitem__(self, idx):
        if _is_intlike(idx):
            return self.items[_py.int(idx)]
        flat = idx.ravel().tolist()
        return [self.items[i] for i in flat]


def _shuffle(st, x):
    """Shuffle x in place along its first axis, as numpy's shuffle does."""
    if _py.isinstance(x, _py.list):
        n = _py.len(x)
        idx = _nr.shuffle_index(st, n).tolist()
        old = _py.list(x)
        for k in _py.range(n):
            x[k] = old[idx[k]]
        return None
    if not _py.hasattr(x, "ndim"):
        # help: shuffle works on a numpy array or a list; use permutation(x) to get a shuffled copy
        raise TypeError(f"'{_py.type(x).__name__}' object does not support item assignment")
    if x.ndim == 0:
        # help: shuffle needs at least one dimension
        raise TypeError("len() of unsized object")
    n = x.shape[0]
    if x.size == 0:
        return None
    y = x[_nr.shuffle_index(st, n)]
    x[...] = y
    return None


def _permutation(st, x):
    """numpy's permutation: a shuffled arange(x) for an int, else a shuffled copy of x."""
    if _is_intlike(x):
        return _nr.shuffle_index(st, _py.max(_py.int(x), 0))
    arr = asarray(x)
    if arr.ndim < 1:
        # help: pass an int n (for a permutation of range(n)) or an array
        raise IndexError("x must be an integer or at least 1-dimensional")
    return arr[_nr.shuffle_index(st, arr.shape[0])]


def _legacy_seed(seed):
    """RandomState's seed: None, an int in [0, 2**32), or a non-empty 1-d sequence of such ints
    (for init_by_array)."""
    if seed is None:
        return None
    if _is_intlike(seed):
        s = _py.int(seed)
        if s < 0 or s > 4294967295:
            # help: seed with an int from 0 to 2**32 - 1
            raise ValueError("Seed must be between 0 and 2**32 - 1")
        return s
    if _py.isinstance(seed, _py.float) or (_py.hasattr(seed, "dtype") and seed.dtype.kind == "f"):
        # help: seed with an int from 0 to 2**32 - 1
        raise TypeError("Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe'")
    arr = asarray(seed)
    if arr.size == 0:
        # help: seed with an int, or a non-empty list of ints
        raise ValueError("Seed must be non-empty")
    if arr.dtype.kind == "f":
        # help: seed with ints
        raise TypeError("Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'")
    if arr.ndim != 1:
        # help: seed with an int, or a flat list of ints
        raise ValueError("Seed array must be 1-d")
    words = arr.astype(int64).tolist()
    for w in words:
        if w < 0 or w > 4294967295:
            # help: every seed word must be from 0 to 2**32 - 1
            raise ValueError("Seed must be between 0 and 2**32 - 1")
    return words


class RandomState:
    """RandomState(seed=None): numpy's legacy generator, MT19937 seeded as numpy seeds it.

    RandomState(seed=None)

    seed is None (fresh entropy), an int in [0, 2**32) or a 1-d sequence of such ints; every
    method draws exactly numpy's numbers for the same seed. The functions of numpy.random are
    the methods of one hidden RandomState.
    """

    def __init__(self, seed=None):
        """RandomState(seed=None): a legacy MT19937 generator seeded from seed."""
        if _py.isinstance(seed, MT19937):
            # numpy's RandomState(bit_generator): draws from (and advances) that generator.
            self._st = seed._st
        elif _py.isinstance(seed, PCG64):
            # help: use RandomState(seed) or RandomState(np.random.MT19937(seed)), or default_rng(seed) for PCG64
            raise TypeError("Slope's RandomState runs on MT19937 only")
        else:
            self._st = _nr.mt_state(_legacy_seed(seed))

    def __str__(self):
        return "RandomState(MT19937)"

    def __repr__(self):
        return f"{self} at 0x{_py.id(self):X}"

    def seed(self, seed=None):
        """Reseed the generator (and drop the cached Gaussian).

        seed(seed=None)

        seed is None (fresh entropy), an int in [0, 2**32) or a 1-d sequence of such ints.
        """
        _nr.mt_reseed(self._st, _legacy_seed(seed))

    def get_state(self, legacy=True):
        """The generator's state: ('MT19937', keys, pos, has_gauss, cached_gaussian).

        get_state(legacy=True)

        keys is an int64 array of the 624 words (numpy's is uint32); legacy=False gives numpy's
        dict form.
        """
        st = self._st
        keys = asarray(st[:624], dtype=int64)
        pos = st[624]
        has_gauss = st[625]
        gauss = st[626]
        if legacy:
            return ("MT19937", keys, pos, has_gauss, gauss)
        return {"bit_generator": "MT19937", "state": {"key": keys, "pos": pos}, "has_gauss": has_gauss, "gauss": gauss}

    def set_state(self, state):
        """Restore a state that get_state returned (tuple or dict form).

        set_state(state)
        """
        if _py.isinstance(state, _py.dict):
            if "bit_generator" not in state or "state" not in state:
                # help: pass what get_state(legacy=False) returned
                raise ValueError("state dictionary is not valid.")
            keys = state["state"]["key"]
            pos = state["state"]["pos"]
            has_gauss = state.get("has_gauss", 0)
            gauss = state.get("gauss", 0.0)
        else:
            if not _py.isinstance(state, (_py.tuple, _py.list)):
                # help: pass what get_state() returned
                raise TypeError("state must be a dict or a tuple.")
            if state[0] != "MT19937":
                # help: pass what get_state() returned
                raise ValueError("set_state can only be used with legacy MT19937 state instances.")
            keys = state[1]
            pos = state[2]
            has_gauss = state[3] if _py.len(state) > 3 else 0
            gauss = state[4] if _py.len(state) > 3 else 0.0
        words = asarray(keys).astype(int64).tolist()
        if _py.len(words) != 624:
            # help: the state holds 624 32-bit words
            raise ValueError("state must be 624 elements")
        for i in _py.range(624):
            self._st[i] = words[i] & 4294967295
        self._st[624] = _py.int(pos)
        self._st[625] = _py.int(has_gauss)
        self._st[626] = _py.float(gauss)

    def random_sample(self, size=None):
        """Random floats in the half-open interval [0.0, 1.0).

        random_sample(size=None)

        A float for size=None, else a float64 array of shape size (53 random bits each).
        """
        return _nr.random(self._st, size)

    def random(self, size=None):
        """Random floats in the half-open interval [0.0, 1.0) (random_sample).

        random(size=None)
        """
        return _nr.random(self._st, size)

    def rand(self, *args):
        """Random values in a given shape, uniform over [0, 1).

        rand(d0, d1, ..., dn)

        rand() is one float; rand(3, 2) a 3x2 float64 array.
        """
        if _py.len(args) == 0:
            return _nr.random(self._st, None)
        return _nr.random(self._st, args)

    def randn(self, *args):
        """Samples from the standard normal distribution, in a given shape.

        randn(d0, d1, ..., dn)

        numpy's legacy Gaussian (the polar method, each second value kept for the next draw).
        """
        if _py.len(args) == 0:
            return _nr.gauss(self._st, None)
        return _nr.gauss(self._st, args)

    def standard_normal(self, size=None):
        """Samples from the standard normal distribution (mean 0, standard deviation 1).

        standard_normal(size=None)
        """
        return _nr.gauss(self._st, size)

    def normal(self, loc=0.0, scale=1.0, size=None):
        """Samples from a normal (Gaussian) distribution: loc + scale * standard normal.

        normal(loc=0.0, scale=1.0, size=None)

        loc and scale may be arrays (broadcast against each other and size).
        """
        _check_non_negative(scale, "scale")
        if _is_arraylike(loc) or _is_arraylike(scale):
            la = _floats(loc)
            sa = _floats(scale)
            z = _nr.gauss(self._st, _param_shape(size, la, sa))
            return la + sa * z
        return _nr.gauss(self._st, size, _py.float(loc), _py.float(scale))

    def uniform(self, low=0.0, high=1.0, size=None):
        """Samples from a uniform distribution over [low, high).

        uniform(low=0.0, high=1.0, size=None)

        Each sample is low + (high - low) * U; low and high may be arrays.
        """
        if _is_arraylike(low) or _is_arraylike(high):
            la = _floats(low)
            rng = _floats(high) - la
            if not _py.bool(all(isfinite(rng))):
                # help: high - low must be a finite float
                raise OverflowError("Range exceeds valid bounds")
            u = _nr.random(self._st, _param_shape(size, la, rng))
            return la + rng * u
        lo = _py.float(low)
        rng = _py.float(high) - lo
        if rng != rng or rng in (float("inf"), float("-inf")):
            # help: high - low must be a finite float
            raise OverflowError("Range exceeds valid bounds")
        return _nr.uniform(self._st, size, lo, rng)

    def randint(self, low, high=None, size=None, dtype=_py.int):
        """Random integers from low (inclusive) to high (exclusive).

        randint(low, high=None, size=None, dtype=int)

        randint(n) draws from [0, n). numpy's masked rejection sampling; dtype int64 (the
        default) or int32.
        """
        if high is None:
            high = low
            low = 0
        return _bounded_ints(self._st, low, high, size, dtype, False, True, "randint")

    def random_integers(self, low, high=None, size=None):
        """Random integers from low to high, both inclusive (deprecated in numpy).

        random_integers(low, high=None, size=None)
        """
        if high is None:
            high = low
            low = 1
        return _bounded_ints(self._st, low, _py.int(high) + 1, size, int64, False, True, "randint")

    def choice(self, a, size=None, replace=True, p=None):
        """A random sample from a 1-d array (or from arange(a) for an int a).

        choice(a, size=None, replace=True, p=None)

        p gives each element's probability; replace=False draws distinct elements.
        """
        return _choice(self, a, size, replace, p, True)

    def shuffle(self, x):
        """Shuffle an array (along its first axis) or a list, in place.

        shuffle(x)

        Every name bound to the array sees the new order, as in numpy.
        """
        return _shuffle(self._st, x)

    def permutation(self, x):
        """A random permutation of arange(x) for an int x, else a shuffled copy of x.

        permutation(x)
        """
        return _permutation(self._st, x)

    def exponential(self, scale=1.0, size=None):
        """Samples from an exponential distribution with the given scale (1/rate).

        exponential(scale=1.0, size=None)

        numpy's legacy sampler: scale * -log(1 - U).
        """
        _check_non_negative(scale, "scale")
        if _is_arraylike(scale):
            sa = _floats(scale)
            return sa * _nr.exp_legacy(self._st, _param_shape(size, sa))
        return _nr.exp_legacy(self._st, size, _py.float(scale))

    def standard_exponential(self, size=None):
        """Samples from the standard exponential distribution (scale 1).

        standard_exponential(size=None)
        """
        return _nr.exp_legacy(self._st, size)

    def poisson(self, lam=1.0, size=None):
        """Samples from a Poisson distribution with mean lam.

        poisson(lam=1.0, size=None)
        """
        _check_poisson(lam)
        if _is_arraylike(lam):
            la = _floats(lam)
            shape = _param_shape(size, la)
            lams = broadcast_to(la, shape).ravel().tolist()
            return asarray([_nr.poisson(self._st, None, v) for v in lams], dtype=int64).reshape(shape)
        return _nr.poisson(self._st, size, _py.float(lam))

    def binomial(self, n, p, size=None):
        """Samples from a binomial distribution: successes in n trials of probability p.

        binomial(n, p, size=None)

        numpy's legacy sampler (inversion for n * p <= 30, else BTPE); int64 results.
        """
        return _binomial(self._st, n, p, size, True)


class SeedSequence:
    """SeedSequence(entropy=None, *, spawn_key=(), pool_size=4): numpy's seed hashing.

    SeedSequence(entropy=None, *, spawn_key=(), pool_size=4)

    Mixes an int (or a sequence of ints) into a pool of 32-bit words from which bit generators
    draw their initial state; generate_state(n) equals numpy's.
    """

    def __init__(self, entropy=None, *, spawn_key=(), pool_size=4, n_children_spawned=0):
        """SeedSequence(entropy=None, *, spawn_key=(), pool_size=4)."""
        if pool_size < 4:
            # help: use the default pool_size=4 or more
            raise ValueError("The size of the entropy pool should be at least 4")
        if entropy is None:
            entropy = _nr.integers(_nr.mt_state(None), None, 0, 9223372036854775807, False)
        elif not (_is_intlike(entropy) or _py.isinstance(entropy, (_py.list, _py.tuple, _py.range)) or _py.hasattr(entropy, "ndim")):
            # help: seed with an int or a sequence of ints
            raise TypeError(f"SeedSequence expects int or sequence of ints for entropy not {entropy}")
        self.entropy = entropy
        self.spawn_key = _py.tuple(spawn_key)
        self.pool_size = pool_size
        self.n_children_spawned = n_children_spawned
        run = _seed_words(entropy)
        spawn = _seed_words(self.spawn_key)
        if _py.len(spawn) > 0 and _py.len(run) < pool_size:
            run = run + [0] * (pool_size - _py.len(run))
        self._pool = _nr.seed_pool(run + spawn, pool_size)

    def __repr__(self):
        lines = ["SeedSequence(", f"    entropy={self.entropy!r},"]
        if self.spawn_key:
            lines.append(f"    spawn_key={self.spawn_key!r},")
        if self.pool_size != 4:
            lines.append(f"    pool_size={self.pool_size!r},")
        if self.n_children_spawned != 0:
            lines.append(f"    n_children_spawned={self.n_children_spawned!r},")
        lines.append(")")
        return "\n".join(lines)

    @property
    def pool(self):
        """The entropy pool, as an int64 array of 32-bit words."""
        return asarray(self._pool, dtype=int64)

    def generate_state(self, n_words, dtype=None):
        """n_words words of state from the pool, as numpy's generate_state makes them.

        generate_state(n_words, dtype=np.uint32)

        Slope has no unsigned dtypes: the words come as int64 (for dtype='uint64', the int64
        with the same 64 bits).
        """
        name = "uint32" if dtype is None else (dtype if _py.isinstance(dtype, _py.str) else _py.getattr(dtype, "__name__", _py.str(dtype)))
        if name in ("uint64", "u8", "<u8"):
            w = _nr.seed_generate(self._pool, 2 * n_words)
            out = []
            for i in _py.range(n_words):
                hi = w[2 * i + 1]
                if hi >= 2147483648:
                    hi = hi - 4294967296
                out.append(hi * 4294967296 + w[2 * i])
            return asarray(out, dtype=int64)
        if name not in ("uint32", "u4", "<u4"):
            # help: ask for dtype np.uint32 (the default) or np.uint64
            raise ValueError("only support uint32 or uint64")
        return asarray(_nr.seed_generate(self._pool, n_words), dtype=int64)

    def spawn(self, n_children):
        """n_children independent child SeedSequences (spawn keys extended by 0, 1, ...).

        spawn(n_children)
        """
        if n_children < 0:
            # help: ask for zero or more children
            raise ValueError("n_children must be non-negative")
        out = []
        for i in _py.range(self.n_children_spawned, self.n_children_spawned + n_children):
            out.append(SeedSequence(self.entropy, spawn_key=self.spawn_key + (i,), pool_size=self.pool_size))
        self.n_children_spawned = self.n_children_spawned + n_children
        return out


def _seed_words(x):
    """numpy's _coerce_to_uint32_array: an int (little-endian 32-bit words) or a sequence of
    ints, as a list of words."""
    if _py.isinstance(x, _py.str):
        x = _py.int(x, 16) if x.startswith("0x") else _py.int(x)
    if _is_intlike(x):
        n = _py.int(x)
        if n < 0:
            # help: seeds are non-negative ints
            raise ValueError("expected non-negative integer")
        if n == 0:
            return [0]
        out = []
        while n > 0:
            out.append(n & 4294967295)
            n = n >> 32
        return out
    if _py.isinstance(x, _py.float) or (_py.hasattr(x, "dtype") and x.ndim == 0):
        # help: seed with an int
        raise TypeError("seed must be integer")
    items = x.tolist() if _py.hasattr(x, "tolist") else _py.list(x)
    out = []
    for v in items:
        if _py.isinstance(v, (_py.list, _py.tuple)):
            # help: pass a flat sequence of ints
            raise TypeError("SeedSequence does not accept nested sequences.")
        out = out + _seed_words(v)
    return out


class PCG64:
    """PCG64(seed=None): numpy's default bit generator (PCG XSL RR 128/64).

    PCG64(seed=None)

    seed is None, an int, a sequence of ints or a SeedSequence; the state comes from
    SeedSequence(seed).generate_state(4, uint64) as in numpy.
    """

    def __init__(self, seed=None):
        """PCG64(seed=None): a PCG64 bit generator seeded through SeedSequence."""
        ss = seed if _py.isinstance(seed, SeedSequence) else SeedSequence(seed)
        self._seed_seq = ss
        self._st = _nr.pcg_state(_nr.seed_generate(ss._pool, 8))

    def __repr__(self):
        return "PCG64"

    @property
    def seed_seq(self):
        """The SeedSequence this bit generator was seeded from."""
        return self._seed_seq

    def spawn(self, n_children):
        """n_children new PCG64s from the children of this one's SeedSequence.

        spawn(n_children)
        """
        return [PCG64(s) for s in self._seed_seq.spawn(n_children)]


class MT19937:
    """MT19937(seed=None): the Mersenne Twister as a modern bit generator, seeded through
    SeedSequence (RandomState seeds it the legacy way instead).

    MT19937(seed=None)

    Generator(MT19937(seed)) draws numpy's numbers for the same seed.
    """

    def __init__(self, seed=None):
        """MT19937(seed=None): a Mersenne Twister seeded through SeedSequence."""
        ss = seed if _py.isinstance(seed, SeedSequence) else SeedSequence(seed)
        self._seed_seq = ss
        words = _nr.seed_generate(ss._pool, 624)
        st = _nr.mt_state(0)
        # numpy: key[0] = 0x80000000, key[i] = words[i], and pos left at 623 by its loop.
        st[0] = 2147483648
        for i in _py.range(1, 624):
            st[i] = words[i]
        st[624] = 623
        self._st = st

    def __repr__(self):
        return "MT19937"

    @property
    def seed_seq(self):
        """The SeedSequence this bit generator was seeded from."""
        return self._seed_seq

    def spawn(self, n_children):
        """n_children new MT19937s from the children of this one's SeedSequence.

        spawn(n_children)
        """
        return [MT19937(s) for s in self._seed_seq.spawn(n_children)]


class Generator:
    """Generator(bit_generator): numpy's modern generator API over a bit generator (PCG64).

    Generator(bit_generator)

    Made by default_rng(seed); random, integers, normal, uniform, choice, shuffle, permutation,
    exponential and poisson draw exactly numpy's numbers (its ziggurat normal and exponential,
    Lemire's bounded integers).
    """

    def __init__(self, bit_generator):
        """Generator(bit_generator): a Generator drawing from bit_generator."""
        self._bit_generator = bit_generator
        self._st = bit_generator._st

    def __str__(self):
        return f"Generator({_py.type(self._bit_generator).__name__})"

    def __repr__(self):
        return f"{self} at 0x{_py.id(self):X}"

    @property
    def bit_generator(self):
        """The bit generator this Generator draws from."""
        return self._bit_generator

    def spawn(self, n_children):
        """n_children new Generators from the children of the bit generator's SeedSequence.

        spawn(n_children)
        """
        return [Generator(b) for b in self._bit_generator.spawn(n_children)]

    def random(self, size=None, dtype=float64, out=None):
        """Random floats in the half-open interval [0.0, 1.0).

        random(size=None, dtype=np.float64, out=None)
        """
        if dtype is not float64 and _py.str(dtype) not in ("float64", "float", "d", "f8", "<class 'float'>"):
            # help: Slope's Generator.random draws float64; cast with .astype(np.float32)
            raise TypeError(f"Unsupported dtype {dtype!r} for random")
        return _nr.random(self._st, size)

    def integers(self, low, high=None, size=None, dtype=int64, endpoint=False):
        """Random integers from low (inclusive) to high (exclusive, or inclusive with endpoint=True).

        integers(low, high=None, size=None, dtype=np.int64, endpoint=False)

        integers(n) draws from [0, n). Lemire's bounded method, as numpy's Generator.
        """
        if high is None:
            high = low
            low = 0
        return _bounded_ints(self._st, low, high, size, dtype, endpoint, False, "integers")

    def standard_normal(self, size=None, dtype=float64, out=None):
        """Samples from the standard normal distribution (numpy's ziggurat).

        standard_normal(size=None, dtype=np.float64, out=None)
        """
        return _nr.normal(self._st, size)

    def normal(self, loc=0.0, scale=1.0, size=None):
        """Samples from a normal (Gaussian) distribution: loc + scale * standard normal.

        normal(loc=0.0, scale=1.0, size=None)
        """
        _check_non_negative(scale, "scale")
        if _is_arraylike(loc) or _is_arraylike(scale):
            la = _floats(loc)
            sa = _floats(scale)
            z = _nr.normal(self._st, _param_shape(size, la, sa))
            return la + sa * z
        return _nr.normal(self._st, size, _py.float(loc), _py.float(scale))

    def uniform(self, low=0.0, high=1.0, size=None):
        """Samples from a uniform distribution over [low, high).

        uniform(low=0.0, high=1.0, size=None)
        """
        if _is_arraylike(low) or _is_arraylike(high):
            la = _floats(low)
            rng = _floats(high) - la
            if not _py.bool(all(isfinite(rng))):
                # help: high - low must be a finite float
                raise OverflowError("Range exceeds valid bounds")
            if _py.bool(any(rng < 0)):
                # help: high must be >= low
                raise ValueError("high - low < 0")
            u = _nr.random(self._st, _param_shape(size, la, rng))
            return la + rng * u
        lo = _py.float(low)
        rng = _py.float(high) - lo
        if rng != rng or rng in (float("inf"), float("-inf")):
            # help: high - low must be a finite float
            raise OverflowError("high - low range exceeds valid bounds")
        if rng < 0:
            # help: high must be >= low
            raise ValueError("high - low < 0")
        return _nr.uniform(self._st, size, lo, rng)

    def exponential(self, scale=1.0, size=None):
        """Samples from an exponential distribution with the given scale (numpy's ziggurat).

        exponential(scale=1.0, size=None)
        """
        _check_non_negative(scale, "scale")
        if _is_arraylike(scale):
            sa = _floats(scale)
            return sa * _nr.exp(self._st, _param_shape(size, sa))
        return _nr.exp(self._st, size, _py.float(scale))

    def standard_exponential(self, size=None, dtype=float64, method="zig", out=None):
        """Samples from the standard exponential distribution.

        standard_exponential(size=None, dtype=np.float64, method='zig', out=None)

        method='zig' is the ziggurat (the default); 'inv' is -log(1 - U).
        """
        if method == "inv":
            return _nr.exp_legacy(self._st, size)
        return _nr.exp(self._st, size)

    def poisson(self, lam=1.0, size=None):
        """Samples from a Poisson distribution with mean lam.

        poisson(lam=1.0, size=None)
        """
        _check_poisson(lam)
        if _is_arraylike(lam):
            la = _floats(lam)
            shape = _param_shape(size, la)
            lams = broadcast_to(la, shape).ravel().tolist()
            return asarray([_nr.poisson(self._st, None, v) for v in lams], dtype=int64).reshape(shape)
        return _nr.poisson(self._st, size, _py.float(lam))

    def binomial(self, n, p, size=None):
        """Samples from a binomial distribution: successes in n trials of probability p.

        binomial(n, p, size=None)

        numpy's Generator sampler (inversion for n * p <= 30, else BTPE); int64 results.
        """
        return _binomial(self._st, n, p, size, False)

    def choice(self, a, size=None, replace=True, p=None, axis=0, shuffle=True):
        """A random sample from a sequence (or from arange(a) for an int a).

        choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)

        p gives each element's probability; replace=False draws distinct elements (Floyd's
        algorithm, shuffled unless shuffle=False). Only axis=0 is supported.
        """
        if axis != 0:
            # help: choose along the first axis (transpose a first)
            raise NotImplementedError("Generator.choice supports axis=0 only in Slope")
        return _choice(self, a, size, replace, p, False, shuffle)

    def shuffle(self, x, axis=0):
        """Shuffle an array (along its first axis) or a list, in place.

        shuffle(x, axis=0)
        """
        if axis != 0:
            # help: shuffle along the first axis (swap axes first)
            raise NotImplementedError("Generator.shuffle supports axis=0 only in Slope")
        return _shuffle(self._st, x)

    def permutation(self, x, axis=0):
        """A random permutation of arange(x) for an int x, else a shuffled copy of x.

        permutation(x, axis=0)
        """
        if axis != 0:
            # help: permute along the first axis (swap axes first)
            raise NotImplementedError("Generator.permutation supports axis=0 only in Slope")
        return _permutation(self._st, x)


def default_rng(seed=None):
    """A new Generator over PCG64, seeded through SeedSequence as numpy's default_rng.

    default_rng(seed=None)

    seed is None, an int, a sequence of ints, a SeedSequence, a PCG64 or a Generator (returned
    as is).
    """
    if _py.isinstance(seed, Generator):
        return seed
    if _py.isinstance(seed, (PCG64, MT19937)):
        return Generator(seed)
    return Generator(PCG64(seed))


_rand = RandomState()


def seed(seed=None):
    """Reseed the global RandomState, as numpy's np.random.seed.

    seed(seed=None)

    seed is None (fresh entropy), an int in [0, 2**32) or a 1-d sequence of such ints.
    """
    _rand.seed(seed)


def get_state(legacy=True):
    """The global RandomState's state (see RandomState.get_state).

    get_state(legacy=True)
    """
    return _rand.get_state(legacy)


def set_state(state):
    """Restore the global RandomState's state (see RandomState.set_state).

    set_state(state)
    """
    return _rand.set_state(state)


def random_sample(size=None):
    """Random floats in the half-open interval [0.0, 1.0), from the global RandomState.

    random_sample(size=None)
    """
    return _nr.random(_rand._st, size)


def random(size=None):
    """Random floats in the half-open interval [0.0, 1.0), from the global RandomState.

    random(size=None)
    """
    return _nr.random(_rand._st, size)


def sample(size=None):
    """Random floats in [0.0, 1.0) (an old alias of random_sample).

    sample(size=None)
    """
    return _nr.random(_rand._st, size)


def ranf(size=None):
    """Random floats in [0.0, 1.0) (an old alias of random_sample).

    ranf(size=None)
    """
    return _nr.random(_rand._st, size)


def rand(*args):
    """Random values in a given shape, uniform over [0, 1), from the global RandomState.

    rand(d0, d1, ..., dn)
    """
    return _rand.rand(*args)


def randn(*args):
    """Standard normal samples in a given shape, from the global RandomState (legacy Gaussian).

    randn(d0, d1, ..., dn)
    """
    return _rand.randn(*args)


def standard_normal(size=None):
    """Samples from the standard normal distribution, from the global RandomState.

    standard_normal(size=None)
    """
    return _nr.gauss(_rand._st, size)


def normal(loc=0.0, scale=1.0, size=None):
    """Samples from a normal distribution, from the global RandomState.

    normal(loc=0.0, scale=1.0, size=None)
    """
    return _rand.normal(loc, scale, size)


def uniform(low=0.0, high=1.0, size=None):
    """Samples from a uniform distribution over [low, high), from the global RandomState.

    uniform(low=0.0, high=1.0, size=None)
    """
    return _rand.uniform(low, high, size)


def randint(low, high=None, size=None, dtype=_py.int):
    """Random integers from low (inclusive) to high (exclusive), from the global RandomState.

    randint(low, high=None, size=None, dtype=int)
    """
    return _rand.randint(low, high, size, dtype)


def random_integers(low, high=None, size=None):
    """Random integers from low to high, both inclusive (deprecated in numpy).

    random_integers(low, high=None, size=None)
    """
    return _rand.random_integers(low, high, size)


def choice(a, size=None, replace=True, p=None):
    """A random sample from a 1-d array or arange(a), from the global RandomState.

    choice(a, size=None, replace=True, p=None)
    """
    return _choice(_rand, a, size, replace, p, True)


def shuffle(x):
    """Shuffle an array (along its first axis) or a list in place, with the global RandomState.

    shuffle(x)
    """
    return _shuffle(_rand._st, x)


def permutation(x):
    """A random permutation of arange(x), or a shuffled copy of x, from the global RandomState.

    permutation(x)
    """
    return _permutation(_rand._st, x)


def exponential(scale=1.0, size=None):
    """Samples from an exponential distribution, from the global RandomState.

    exponential(scale=1.0, size=None)
    """
    return _rand.exponential(scale, size)


def standard_exponential(size=None):
    """Samples from the standard exponential distribution, from the global RandomState.

    standard_exponential(size=None)
    """
    return _nr.exp_legacy(_rand._st, size)


def poisson(lam=1.0, size=None):
    """Samples from a Poisson distribution with mean lam, from the global RandomState.

    poisson(lam=1.0, size=None)
    """
    return _rand.poisson(lam, size)


def binomial(n, p, size=None):
    """Samples from a binomial distribution, from the global RandomState.

    binomial(n, p, size=None)
    """
    return _rand.binomial(n, p, size)

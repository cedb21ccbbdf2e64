# jax.random written in Slope.
#
# This file runs in the scope of `jax.numpy` (every jnp function is a plain name here, `_py` is
# Python's builtins, `_np` is the numpy module with 64-bit types) plus the native
# `_threefry2x32(k0, k1, x0, x1)`: the threefry-2x32 block cipher (20 rounds) on int32 arrays
# holding uint32 bit patterns, keys 0-d, `x0`/`x1` of one shape; it returns the two enciphered
# words as a tuple of int32 arrays of that shape.
#
# The algorithms are JAX's own (jax/_src/random/{core,prng,threefry2x32}.py, with
# `jax_threefry_partitionable` on, the default since JAX 0.5), so that the same key gives the
# same numbers: integers exactly, floats to float32 rounding.
#
# Keys are "raw" keys: an int32 array of shape (2,) holding the two uint32 words of JAX's key as
# bit patterns (the threefry primitive works on int32). `key(seed)` and `PRNGKey(seed)` both return one; the
# numbers drawn from it are JAX's, but printing the key itself shows signed words where JAX shows
# unsigned ones (or, for `jax.random.key`, a typed key). Arrays of keys have shape (..., 2).
#
# Unsigned 32-bit arithmetic (randint's remainders) is done in int64 through `_np`, whose
# 64-bit types are not canonicalised to 32 bits as `jax.numpy`'s are.

_U32 = 4294967296
_I32_MIN = -2147483648

# float32 constants, exact: nextafter(-1, 0) and the smallest normal float32 (finfo.tiny).
_NEXT_ABOVE_M1 = -(1.0 - 2.0**-24)
_TINY = 2.0**-126
_SQRT2_F32 = 1.4142135623730951


# ---------------------------------------------------------------------------------------------
# Helpers.


def _is_int(v):
    """True for a Python int (not a bool)."""
    return _py.isinstance(v, _py.int) and not _py.isinstance(v, _py.bool)


def _is_seq(v):
    return _py.isinstance(v, (_py.list, _py.tuple))


def _i32(v):
    """A Python int as the int32 value with the same low 32 bits (its uint32 bit pattern)."""
    v = v & 0xFFFFFFFF
    return v - _U32 if v >= 2147483648 else v


def _shape(shape):
    """A shape argument as a tuple of ints."""
    if shape is None:
        return ()
    if _is_seq(shape):
        return _py.tuple([_py.int(d) for d in shape])
    return (_py.int(shape),)


def _size(shape):
    n = 1
    for d in shape:
        n = n * d
    return n


def _u32_as_i64(bits):
    """int32 bit patterns as their unsigned values, in int64 (numpy semantics, no 32-bit
    canonicalisation)."""
    return _np.asarray(bits).astype(_np.int64) & 0xFFFFFFFF


def _key_words(key, name):
    """The two words (0-d int32) of a single raw key."""
    key = asarray(key)
    if _py.tuple(key.shape) != (2,):
        raise TypeError(f"jax.random.{name}: expected a single PRNG key of shape (2,), got shape {_py.tuple(key.shape)}; use jax.vmap for batches of keys")
    if key.dtype != int32:
        key = key.astype(int32)
    return key[0], key[1]


def _threefry(key, x0, x1, name):
    k0, k1 = _key_words(key, name)
    # Keys shaped like the counters (the primitive takes 0-d keys or these): under vmap over a
    # batch of keys, the batched keys then line up with the batched counters.
    shape = _py.tuple(x0.shape)
    return _threefry2x32(broadcast_to(k0, shape), broadcast_to(k1, shape), x0, x1)


def _counters(shape):
    """JAX's `iota_2x32_shape`: the hi and lo words of a uint64 iota over `shape` (hi is 0 for
    every size Slope can hold)."""
    lo = arange(_size(shape), dtype=int32).reshape(shape)
    return zeros(shape, dtype=int32), lo


def _random_bits(key, shape, name="bits"):
    """JAX's `_threefry_random_bits_partitionable` for 32 bits: int32 bit patterns."""
    hi, lo = _counters(shape)
    b0, b1 = _threefry(key, hi, lo, name)
    return bitwise_xor(b0, b1)


def _float_arg(v):
    v = asarray(v)
    if v.dtype != float32:
        v = v.astype(float32)
    return v


def _int_arg(v):
    v = asarray(v)
    if v.dtype != int32:
        v = v.astype(int32)
    return v


# ---------------------------------------------------------------------------------------------
# Keys.


def PRNGKey(seed):
    """A raw PRNG key (shape (2,), the uint32 words as int32 bit patterns) from an integer seed,
    as JAX makes it with 64-bit types off: [0, seed mod 2**32]."""
    if _is_int(seed):
        # JAX with 64-bit types off (its default, and jax.numpy's semantics here) converts the
        # seed to a 32-bit integer first, so the high word is 0 and a larger seed keeps its low
        # 32 bits: PRNGKey(2**33 + 5) is [0, 5] in JAX too.
        return asarray([0, _i32(seed)], dtype=int32)
    s = asarray(seed)
    if s.ndim != 0:
        raise TypeError(f"PRNGKey accepts a scalar seed, but was given an array of shape {_py.tuple(s.shape)} != (). Use jax.vmap for batching")
    if s.dtype.kind == "f" or s.dtype.kind == "b":
        # help: seed with an int: jax.random.PRNGKey(0)
        raise TypeError(f"PRNG key seed must be an integer; got {s.dtype}")
    s = s.astype(int32)
    return stack([zeros_like(s), s])


def key(seed):
    """A PRNG key from an integer seed. JAX returns a typed key here; Slope returns the same
    raw key as `PRNGKey` (the numbers drawn from it are the same)."""
    return PRNGKey(seed)


def key_data(keys):
    """The raw uint32 words of keys (Slope keys are already raw: int32 bit patterns)."""
    return asarray(keys)


def wrap_key_data(key_bits_array):
    """Keys from raw words (the identity in Slope)."""
    return asarray(key_bits_array).astype(int32)


def clone(key):
    return key


def split(key, num=2):
    """`num` new keys (an int gives shape (num, 2); a tuple gives shape (*num, 2))."""
    shape = _shape(num)
    hi, lo = _counters(shape)
    b0, b1 = _threefry(key, hi, lo, "split")
    return stack([b0, b1], axis=_py.len(shape))


def fold_in(key, data):
    """A new key from `key` and a 32-bit integer `data`."""
    if _is_int(data):
        d = asarray([_i32(data)], dtype=int32)
    else:
        d = asarray(data)
        if d.ndim != 0:
            raise TypeError(f"fold_in accepts a scalar, but was given an array of shape {_py.tuple(d.shape)} != (). Use jax.vmap for batching.")
        d = d.astype(int32).reshape((1,))
    b0, b1 = _threefry(key, zeros((1,), dtype=int32), d, "fold_in")
    return concatenate([b0, b1])


# ---------------------------------------------------------------------------------------------
# Samplers.


def bits(key, shape=(), dtype=None):
    """Uniform random 32-bit words, uint32 as JAX's."""
    return _random_bits(key, _shape(shape), "bits").astype(uint32)


def _unit_floats(key, shape, name):
    """float32 in [0, 1): the top 23 bits of each word as the mantissa of a number in [1, 2),
    minus 1 (exactly floor(u / 2**9) * 2**-23)."""
    b = _random_bits(key, shape, name)
    # (b // 512) is the arithmetic shift right by 9; the mask makes it the logical shift.
    m = bitwise_and(floor_divide(b, 512), 8388607)
    return m.astype(float32) * asarray(2.0**-23, dtype=float32)


def _float_dtype(dtype, name):
    """The float dtype a sampler draws: JAX's default float (float64 under jax_enable_x64) for
    None, else `dtype` canonicalised (float64 is float32 without x64)."""
    if dtype is None:
        return float64 if _jax_flag("jax_enable_x64") else float32
    d = asarray(0.0, dtype=dtype).dtype
    if d not in (float32, float64):
        # help: draw float32 (or float64 with jax_enable_x64) and cast with .astype
        raise TypeError(f"jax.random.{name}: Slope draws float32 and float64 samples, not {d}")
    return d


def _random_bits64(key, shape, name):
    """JAX's `_threefry_random_bits_partitionable` for 64 bits, as the two uint32 halves (int64
    values in [0, 2**32)): hi is the first enciphered word, lo the second."""
    hi, lo = _counters(shape)
    b0, b1 = _threefry(key, hi, lo, name)
    return bitwise_and(b0.astype(int64), 4294967295), bitwise_and(b1.astype(int64), 4294967295)


def _unit_floats64(key, shape, name):
    """float64 in [0, 1): the top 52 bits of each 64-bit word as the mantissa of a number in
    [1, 2), minus 1: exactly (hi * 2**20 + lo // 2**12) * 2**-52."""
    hi, lo = _random_bits64(key, shape, name)
    m = hi * 1048576 + floor_divide(lo, 4096)
    return m.astype(float64) * asarray(2.0**-52, dtype=float64)


def uniform(key, shape=(), dtype=None, minval=0.0, maxval=1.0):
    """Uniform samples in [minval, maxval): float32, or float64 under jax_enable_x64 (JAX's
    default float), drawn bit for bit as JAX draws them."""
    shape = _shape(shape)
    dt = _float_dtype(dtype, "uniform")
    if dt == float64:
        minval = asarray(minval).astype(float64)
        maxval = asarray(maxval).astype(float64)
        f = _unit_floats64(key, shape, "uniform")
        return maximum(minval, reshape(f * (maxval - minval) + minval, shape))
    minval = _float_arg(minval)
    maxval = _float_arg(maxval)
    f = _unit_floats(key, shape, "uniform")
    return maximum(minval, reshape(f * (maxval - minval) + minval, shape))


# XLA's double-precision erfinv (Giles's three-branch approximation, as XLA's ErfInv64).
_ERFINV64_A = [-3.6444120640178196996e-21, -1.685059138182016589e-19, 1.2858480715256400167e-18, 1.115787767802518096e-17, -1.333171662854620906e-16, 2.0972767875968561637e-17, 6.6376381343583238325e-15, -4.0545662729752068639e-14, -8.1519341976054721522e-14, 2.6335093153082322977e-12, -1.2975133253453532498e-11, -5.4154120542946279317e-11, 1.051212273321532285e-09, -4.1126339803469836976e-09, -2.9070369957882005086e-08, 4.2347877827932403518e-07, -1.3654692000834678645e-06, -1.3882523362786468719e-05, 0.0001867342080340571352, -0.00074070253416626697512, -0.0060336708714301490533, 0.24015818242558961693, 1.6536545626831027356]
_ERFINV64_B = [2.2137376921775787049e-09, 9.0756561938885390979e-08, -2.7517406297064545428e-07, 1.8239629214389227755e-08, 1.5027403968909827627e-06, -4.013867526981545969e-06, 2.9234449089955446044e-06, 1.2475304481671778723e-05, -4.7318229009055733981e-05, 6.8284851459573175448e-05, 2.4031110387097893999e-05, -0.0003550375203628474796, 0.00095328937973738049703, -0.0016882755560235047313, 0.0024914420961078508066, -0.0037512085075692412107, 0.005370914553590063617, 1.0052589676941592334, 3.0838856104922207635]
_ERFINV64_C = [-2.7109920616438573243e-11, -2.5556418169965252055e-10, 1.5076572693500548083e-09, -3.7894654401267369937e-09, 7.6157012080783393804e-09, -1.4960026627149240478e-08, 2.9147953450901080826e-08, -6.7711997758452339498e-08, 2.2900482228026654717e-07, -9.9298272942317002539e-07, 4.5260625972231537039e-06, -1.9681778105531670567e-05, 7.5995277030017761139e-05, -0.00021503011930044477347, -0.00013871931833623122026, 1.0103004648645343977, 4.8499064014085844221]


def _horner64(cs, w):
    p = asarray(cs[0], dtype=float64) + w * 0.0
    for c in cs[1:]:
        p = c + p * w
    return p


def _erf_inv64(x):
    """lax.erf_inv for float64, as XLA computes it."""
    w = -log1p(-x * x)
    s = sqrt(w)
    r = where(w < 6.25, _horner64(_ERFINV64_A, w - 3.125), where(w < 16.0, _horner64(_ERFINV64_B, s - 3.25), _horner64(_ERFINV64_C, s - 5.0)))
    return where(abs(x) == 1.0, x * inf, r * x)


# XLA's single-precision erfinv (M. Giles, "Approximating the erfinv function").
_ERFINV_LT5 = [2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]
_ERFINV_GE5 = [-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]


def _erf_inv(x):
    """lax.erf_inv for float32, as XLA computes it."""
    w = -log1p(-x * x)
    lt = w < asarray(5.0, dtype=float32)
    w = where(lt, w - asarray(2.5, dtype=float32), sqrt(w) - asarray(3.0, dtype=float32))
    a = asarray(_ERFINV_LT5, dtype=float32)
    b = asarray(_ERFINV_GE5, dtype=float32)
    p = where(lt, a[0], b[0])
    for i in _py.range(1, 9):
        p = where(lt, a[i], b[i]) + p * w
    pinf = asarray(inf, dtype=float32)
    return where(abs(x) == asarray(1.0, dtype=float32), x * pinf, p * x)


def normal(key, shape=(), dtype=None):
    """Standard normal samples (float32, or float64 under jax_enable_x64): sqrt(2) * erfinv(u)
    for u uniform in (-1, 1), as JAX draws them."""
    shape = _shape(shape)
    if _float_dtype(dtype, "normal") == float64:
        u = uniform(key, shape, float64, -(1.0 - 2.0**-53), 1.0)
        return asarray(1.4142135623730951, dtype=float64) * _erf_inv64(u)
    u = uniform(key, shape, float32, _NEXT_ABOVE_M1, 1.0)
    return asarray(_SQRT2_F32, dtype=float32) * _erf_inv(u)


def _int_dtype(dtype, name):
    """The integer dtype randint draws: JAX's default int (int64 under jax_enable_x64) for None,
    else `dtype` canonicalised (64-bit types are 32-bit without x64)."""
    if dtype is None:
        return int64 if _jax_flag("jax_enable_x64") else int32
    d = asarray(0, dtype=dtype).dtype
    if d.kind not in "iu":
        # help: randint draws integers; use jax.random.uniform for floats
        raise TypeError(f"randint only accepts integer dtypes, got {d}")
    return d


def _urem(a, s):
    """XLA's unsigned remainder (uint64 arrays): a % 0 is a."""
    one = _np.asarray(1, dtype=_np.uint64)
    return _np.where(s == 0, a, a % _np.where(s == 0, one, s))


def _randint_bits(key, shape, nbits):
    """JAX's random bits of width 32 or 64, as uint64 values."""
    if nbits == 32:
        return _u32_as_i64(_random_bits(key, shape, "randint")).astype(_np.uint64)
    hi, lo = _random_bits64(key, shape, "randint")
    hi = _np.asarray(hi).astype(_np.uint64)
    lo = _np.asarray(lo).astype(_np.uint64)
    return hi * _np.asarray(4294967296, dtype=_np.uint64) + lo


def _int_as_np(v):
    """A randint bound as a numpy int64 (or uint64) array: floats truncate as astype(int)."""
    if _is_int(v):
        return _np.asarray(v, dtype=_np.uint64 if v > 9223372036854775807 else _np.int64)
    v = _np.asarray(v)
    if v.dtype.kind == "b" or v.dtype.kind == "f":
        v = v.astype(_np.int64)
    return v


def randint(key, shape, minval, maxval, dtype=None):
    """Uniform integer samples in [minval, maxval), JAX's algorithm: two draws of the dtype's
    width (32 bits for 8- and 16-bit dtypes, 64 under jax_enable_x64 for 64-bit ones) combined
    modulo the span (maxval <= minval gives minval); int32 by default, int64 under x64."""
    shape = _shape(shape)
    dt = _int_dtype(dtype, "randint")
    info = iinfo(dt)
    lo_b = _int_as_np(minval)
    hi_b = _int_as_np(maxval)
    samp_min, samp_max = info.min, info.max
    if info.bits < 32:
        # JAX samples 8- and 16-bit integers in int32 and casts (bounds clipped to the dtype).
        lo_b = _np.clip(lo_b.astype(_np.int64), info.min, info.max)
        hi_b = _np.clip(hi_b.astype(_np.int64), info.min, info.max + 1)
        samp_min, samp_max = -2147483648, 2147483647
    nbits = 64 if info.bits == 64 else 32
    unsigned = dt.kind == "u" and info.bits >= 32
    # maxval beyond the sampled dtype's range: the span is one larger (randint(k, s, 0, 256, uint8)).
    out_of_range = hi_b > samp_max
    lo_c = _np.clip(lo_b, samp_min, samp_max)
    hi_c = _np.clip(hi_b, samp_min, samp_max)
    ks = split(key)
    hi_bits = _randint_bits(ks[0], shape, nbits)
    lo_bits = _randint_bits(ks[1], shape, nbits)
    U = _np.uint64
    mask = 4294967295

    def wrap(v):
        return v if nbits == 64 else v & _np.asarray(mask, dtype=U)

    def as_u(v):
        # Two's complement bits of an int64 value (or a uint64 one as it is).
        return v.astype(U) if v.dtype.kind == "u" else _np.asarray(v).astype(_np.int64).astype(U)

    one = _np.asarray(1, dtype=U)
    span = wrap(as_u(hi_c) - as_u(lo_c))
    span = _np.where(hi_c <= lo_c, one, span)
    span = _np.where(out_of_range & (hi_c > lo_c), wrap(span + one), span)
    mult = _urem(_np.asarray(1 << (nbits // 2), dtype=U), span)
    mult = _urem(wrap(mult * mult), span)
    off = wrap(wrap(_urem(hi_bits, span) * mult) + _urem(lo_bits, span))
    off = _urem(off, span)
    res = wrap(as_u(lo_c) + off)
    if nbits == 64:
        out = res if unsigned else res.astype(_np.int64)
        out = asarray(out).astype(dt)
    else:
        r = res.astype(_np.int64)
        if not unsigned:
            r = _np.where(r >= 2147483648, r - 4294967296, r)
        out = asarray(r.astype(_np.uint32 if unsigned else _np.int32)).astype(dt)
    return broadcast_to(out, shape) if _py.tuple(out.shape) != shape else out


def bernoulli(key, p=0.5, shape=None):
    """Bernoulli samples (bool): uniform < p."""
    p = _float_arg(p)
    shape = _py.tuple(p.shape) if shape is None else _shape(shape)
    return uniform(key, shape) < p


def gumbel(key, shape=(), dtype=None, mode=None):
    """Standard Gumbel samples: -log(-log(u)), u uniform in [tiny, 1)."""
    if mode is not None and mode != "low":
        raise NotImplementedError("jax.random.gumbel: only mode='low' (JAX's default) is supported")
    dt = _float_dtype(dtype, "gumbel")
    u = uniform(key, _shape(shape), dt, _TINY if dt == float32 else 2.2250738585072014e-308, 1.0)
    return -log(-log(u))


def categorical(key, logits, axis=-1, shape=None, replace=True, mode=None):
    """Samples from categorical distributions given by unnormalised log-probabilities, by the
    Gumbel-max trick."""
    logits = asarray(logits)
    if logits.dtype.kind != "f":
        logits = logits.astype(float32)
    nd = logits.ndim
    ax = axis + nd if axis < 0 else axis
    batch_shape = _py.tuple([logits.shape[i] for i in _py.range(nd) if i != ax])
    shape = batch_shape if shape is None else _shape(shape)
    nb = _py.len(batch_shape)
    prefix = shape[: _py.len(shape) - nb]
    if not replace:
        g = logits + gumbel(key, _py.tuple(logits.shape), None, mode)
        k = _size(prefix)
        if k > logits.shape[ax]:
            # help: draw at most as many samples as there are categories, or use replace=True
            raise ValueError(f"Number of samples without replacement ({k}) cannot exceed number of categories ({logits.shape[ax]}).")
        g = moveaxis(g, ax, -1)
        idx = argsort(-g, axis=-1)
        idx = _bind("slice", idx, start=[0] * idx.ndim, limit=_py.list(idx.shape[:-1]) + [k], stride=[1] * idx.ndim)
        idx = moveaxis(idx, -1, 0)
        return idx.reshape(shape).astype(int32)
    neg_axis = ax - nd
    logits_shape = _py.list(shape[_py.len(shape) - nb :])
    logits_shape.insert(ax, logits.shape[ax])
    g = gumbel(key, _py.tuple(prefix) + _py.tuple(logits_shape), logits.dtype, mode)
    lg = logits.reshape((1,) * _py.len(prefix) + _py.tuple(logits.shape))
    return argmax(g + lg, axis=neg_axis).astype(int32)


def exponential(key, shape=(), dtype=None):
    """Standard exponential samples: -log1p(-u)."""
    u = uniform(key, _shape(shape), dtype)
    return -log1p(-u)


def _shuffle(key, x, axis):
    """JAX's `_shuffle`: sort by fresh random 32-bit keys, as many rounds as make collisions
    negligible (ceil(3 ln n / ln(2**32 - 1)))."""
    n = _size(_py.tuple(x.shape))
    rounds = 0
    while n > 1 and (_U32 - 1) ** rounds < n**3:
        rounds = rounds + 1
    for _ in _py.range(rounds):
        ks = split(key)
        key = ks[0]
        sk = _random_bits(ks[1], _py.tuple(x.shape), "permutation")
        # uint32 order = int32 order of the words with the sign bit flipped; stable as lax.sort.
        idx = argsort(bitwise_xor(sk, _I32_MIN), axis=axis)
        x = take_along_axis(x, idx, axis=axis)
    return x


def permutation(key, x, axis=0, independent=False):
    """A random permutation of `arange(x)` (x an int) or of `x` along `axis`."""
    if _is_int(x):
        return _shuffle(key, arange(x, dtype=int32), 0)
    x = asarray(x)
    if x.ndim == 0:
        return _shuffle(key, arange(_py.int(x), dtype=int32), 0)
    axis = axis + x.ndim if axis < 0 else axis
    if independent or x.ndim == 1:
        return _shuffle(key, x, axis)
    ind = _shuffle(key, arange(x.shape[axis], dtype=int32), 0)
    return take(x, ind, axis=axis)


def choice(key, a, shape=(), replace=True, p=None, axis=0):
    """Random samples from `a` (an int n means arange(n))."""
    shape = _shape(shape)
    if _is_int(a):
        arr = None
        n = a
    else:
        arr = asarray(a)
        axis = axis + arr.ndim if axis < 0 else axis
        n = arr.shape[axis] if arr.ndim > 0 else _py.int(arr)
        if arr.ndim == 0:
            arr = None
    n_draws = _size(shape)
    if not replace and n_draws > n:
        # help: draw at most as many samples as there are elements, or use replace=True
        raise ValueError(f"Cannot take a larger sample (size {n_draws}) than population (size {n}) when 'replace=False'")
    if p is None:
        if replace:
            ind = randint(key, shape, 0, n)
            result = ind if arr is None else take(arr, ind, axis=axis)
        else:
            perm = permutation(key, n if arr is None else arr, axis)
            result = _bind("slice", perm, start=[0] * perm.ndim, limit=[n_draws if i == (0 if arr is None else axis) else perm.shape[i] for i in _py.range(perm.ndim)], stride=[1] * perm.ndim)
    else:
        p = _float_arg(p)
        if replace:
            c = cumsum(p)
            r = c[-1] * (1 - uniform(key, shape))
            ind = searchsorted(c, r).astype(int32)
        else:
            g = gumbel(key, (n,)) + log(p)
            ind = _bind("slice", argsort(-g), start=[0], limit=[n_draws], stride=[1]).astype(int32)
        result = ind if arr is None else take(arr, ind, axis=axis)
    if arr is None:
        return result.reshape(shape)
    return result.reshape(_py.tuple(arr.shape[0:axis]) + shape + _py.tuple(arr.shape[axis + 1 :]))


def _f32_step(v, up):
    """The float32 next to the float32 value v towards +inf (up) or -inf (lax.nextafter)."""
    if v == 0.0:
        t = 2.0**-149
        return t if up else -t
    m = _py.abs(v)
    e = 0
    while m >= 2.0:
        m = m / 2.0
        e = e + 1
    while m < 1.0:
        m = m * 2.0
        e = e - 1
    ulp = 2.0 ** (_py.max(e, -126) - 23)
    # Towards zero from a power of two, the step is the smaller binade's ulp.
    if ((up and v < 0) or ((not up) and v > 0)) and m == 1.0 and e > -126:
        ulp = ulp / 2.0
    return v + ulp if up else v - ulp


def _f64_step(v, up):
    """The float64 next to v towards +inf (up) or -inf (lax.nextafter)."""
    return _np.nextafter(_np.asarray(v, dtype=_np.float64), _np.inf if up else -_np.inf)


def truncated_normal(key, lower, upper, shape=None, dtype=None):
    """Standard normal samples truncated to (lower, upper) (float32, or float64 under
    jax_enable_x64), JAX's algorithm: a uniform between erf(lower/sqrt2) and erf(upper/sqrt2),
    through sqrt2 * erfinv, clipped just inside the bounds (the same numbers as JAX for the same
    key)."""
    from jax.scipy.special import erf as _erf

    dt = _float_dtype(dtype, "truncated_normal")
    if dt == float64:
        lo = asarray(lower).astype(float64)
        hi = asarray(upper).astype(float64)
        shape = _py.tuple(broadcast_shapes(lo.shape, hi.shape)) if shape is None else _shape(shape)
        sqrt2 = asarray(1.4142135623730951, dtype=float64)
        u = uniform(key, shape, float64, _erf(lo / sqrt2), _erf(hi / sqrt2))
        out = sqrt2 * _erf_inv64(u)
        lo_in = asarray(_f64_step(lo, True)).astype(float64)
        hi_in = asarray(_f64_step(hi, False)).astype(float64)
        return clip(out, lo_in, hi_in)
    lo = _float_arg(lower)
    hi = _float_arg(upper)
    shape = _py.tuple(broadcast_shapes(lo.shape, hi.shape)) if shape is None else _shape(shape)
    sqrt2 = asarray(_SQRT2_F32, dtype=float32)
    a = _erf(lo / sqrt2)
    b = _erf(hi / sqrt2)
    u = uniform(key, shape, float32, a, b)
    out = sqrt2 * _erf_inv(u)
    if lo.ndim == 0 and hi.ndim == 0:
        lo_in = asarray(_f32_step(_py.float(lo), True), dtype=float32)
        hi_in = asarray(_f32_step(_py.float(hi), False), dtype=float32)
    else:
        # nextafter on arrays: one float32 ulp inwards (bounds of one sign and nonzero).
        lo_in = where(lo < 0, lo * asarray(1.0 - 2.0**-24, dtype=float32), lo * asarray(1.0 + 2.0**-23, dtype=float32))
        hi_in = where(hi > 0, hi * asarray(1.0 - 2.0**-24, dtype=float32), hi * asarray(1.0 + 2.0**-23, dtype=float32))
    return clip(out, lo_in, hi_in)


def _householder_qr(a):
    """Q (m x k) and R (k x n), k = min(m, n), of a real matrix by Householder reflections
    (LAPACK's geqrf/orgqr conventions: R's diagonal may be negative)."""
    m, n = a.shape
    k = _py.min(m, n)
    r = a
    vs = []
    taus = []
    rows = arange(m)
    for j in _py.range(k):
        col = r[:, j]
        alpha = col[j]
        xnorm = sqrt(sum(where(rows > j, col * col, 0.0)))
        norm = sqrt(alpha * alpha + xnorm * xnorm)
        beta = where(alpha < 0, norm, -norm)
        zero = xnorm == 0
        tau = where(zero, 0.0, (beta - alpha) / where(zero, 1.0, beta))
        scal = 1.0 / where(zero, 1.0, alpha - beta)
        v = where(rows == j, 1.0, where(rows > j, col * scal, 0.0))
        r = r - tau * outer(v, v @ r)
        vs.append(v)
        taus.append(tau)
    q = eye(m, k, dtype=a.dtype)
    for j in _py.range(k - 1, -1, -1):
        q = q - taus[j] * outer(vs[j], vs[j] @ q)
    return q, triu(r[:k, :])


def orthogonal(key, n, shape=(), dtype=None, m=None):
    """A random (n, m) matrix with orthonormal columns (or rows, when n < m), uniform over the
    orthogonal group for n == m; m defaults to n. JAX's algorithm: Q of the QR factorisation of
    a normal matrix, each column multiplied by the sign of R's diagonal."""
    m = n if m is None else m
    shape = _shape(shape)
    rows, cols = _py.max(n, m), _py.min(n, m)
    z = normal(key, shape + (rows, cols), dtype)
    flat = z.reshape((-1, rows, cols))
    outs = []
    for i in _py.range(flat.shape[0]):
        q, r = _householder_qr(flat[i])
        x = q * expand_dims(sign(diagonal(r)), -2)
        outs.append(x.T if n < m else x)
    out = stack(outs)
    return out.reshape(shape + _py.tuple(out.shape[1:]))

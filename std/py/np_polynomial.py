# numpy.polynomial: the power series `Polynomial` class and numpy.polynomial.polynomial's
# functions. Coefficients run from the lowest power up (numpy's newer convention; np.polyval
# and np.polyfit keep the older highest-first one).
import numpy as _np

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _series(c):
    c = _np.atleast_1d(_np.asarray(c))
    if c.ndim != 1:
        # help: pass the coefficients as a 1-d sequence, lowest power first
        raise ValueError("Coefficient array is not 1-d")
    if c.size == 0:
        raise ValueError("Coefficient array is empty")
    return c.astype(_np.float64) if c.dtype != _np.float64 else c


def _trim(c):
    # Drop trailing zero coefficients, keeping at least one.
    n = c.size
    while n > 1 and c[n - 1] == 0:
        n -= 1
    return c[:n]


def polyval(x, c, tensor=True):
    """Evaluate the power series with coefficients c (lowest power first) at x.

    polyval(x, c, tensor=True)
    """
    c = _np.asarray(c)
    if c.dtype.kind in "biu":
        c = c.astype(_np.float64)
    x = _np.asarray(x) if isinstance(x, (list, tuple)) else x
    y = c[-1] + x * 0
    for k in range(c.shape[0] - 2, -1, -1):
        y = y * x + c[k]
    return y


def polyadd(c1, c2):
    """Add two power series (lowest power first).

    polyadd(c1, c2)
    """
    a, b = _series(c1), _series(c2)
    if a.size < b.size:
        a, b = b, a
    return _trim(_np.concatenate([a[:b.size] + b, a[b.size:]]))


def polysub(c1, c2):
    """Subtract the power series c2 from c1 (lowest power first).

    polysub(c1, c2)
    """
    return polyadd(c1, -_series(c2))


def polymul(c1, c2):
    """Multiply two power series (lowest power first).

    polymul(c1, c2)
    """
    return _trim(_np.convolve(_series(c1), _series(c2)))


def polypow(c, pow, maxpower=None):
    """Raise a power series to a non-negative integer power.

    polypow(c, pow, maxpower=None)
    """
    c = _series(c)
    if int(pow) != pow or pow < 0:
        # help: the power of a polynomial is a whole number, 0 or more
        raise ValueError("Power must be a non-negative integer.")
    out = _np.array([1.0])
    for _ in range(int(pow)):
        out = _np.convolve(out, c)
    return out


def polydiv(c1, c2):
    """Divide one power series by another: (quotient, remainder).

    polydiv(c1, c2)
    """
    a, b = _series(c1), _trim(_series(c2))
    if b.size == 1 and b[0] == 0:
        raise ZeroDivisionError("division by zero polynomial")
    if a.size < b.size:
        return _np.array([0.0]), _trim(a)
    rem = [float(v) for v in a]
    lead = float(b[-1])
    q = [0.0] * (a.size - b.size + 1)
    for i in range(len(q) - 1, -1, -1):
        f = rem[i + b.size - 1] / lead
        q[i] = f
        for j in range(b.size):
            rem[i + j] -= f * float(b[j])
    r = _np.array(rem[:b.size - 1] if b.size > 1 else [0.0])
    return _np.array(q), _trim(r)


def polyder(c, m=1, scl=1, axis=0):
    """Differentiate a power series m times, each derivative multiplied by scl.

    polyder(c, m=1, scl=1, axis=0)
    """
    c = _series(c)
    if int(m) != m or m < 0:
        raise ValueError("The order of derivation must be non-negative")
    for _ in range(int(m)):
        if c.size <= 1:
            return c[:1] * 0
        c = c[1:] * _np.arange(1, c.size) * scl
    return c


def polyint(c, m=1, k=[], lbnd=0, scl=1, axis=0):
    """Integrate a power series m times; k holds the integration constants.

    polyint(c, m=1, k=[], lbnd=0, scl=1, axis=0)
    """
    c = _series(c)
    if int(m) != m or m < 0:
        raise ValueError("The order of integration must be non-negative")
    k = list(_np.atleast_1d(k)) if not isinstance(k, list) else list(k)
    if len(k) > m:
        raise ValueError("Too many integration constants")
    k = k + [0] * (int(m) - len(k))
    for i in range(int(m)):
        c = _np.concatenate([_np.array([0.0]), c * scl / _np.arange(1, c.size + 1)])
        c = _np.concatenate([_np.array([c[0] + k[i] - polyval(lbnd, c)]), c[1:]])
    return c


def polyroots(c):
    """The roots of a power series (eigenvalues of its companion matrix), sorted.

    polyroots(c)
    """
    c = _trim(_series(c))
    n = c.size - 1
    if n < 1:
        return _np.array([], dtype=_np.float64)
    if n == 1:
        return _np.array([-c[0] / c[1]])
    mat = _np.zeros((n, n))
    mat[1:, :-1] = _np.eye(n - 1)
    mat[:, -1] = -c[:-1] / c[-1]
    return _np.sort(_np.linalg.eigvals(mat))


def polyfit(x, y, deg, rcond=None, full=False, w=None):
    """Least squares fit of a power series of degree deg (coefficients lowest power first).

    polyfit(x, y, deg, rcond=None, full=False, w=None)
    """
    res = _np.polyfit(x, y, deg, rcond=rcond, full=full, w=w)
    if full:
        return res[0][::-1], list(res[1:])
    return res[::-1]


def polyvander(x, deg):
    """The Vandermonde matrix of powers 0..deg of x.

    polyvander(x, deg)
    """
    return _np.vander(_np.asarray(x, dtype=_np.float64), int(deg) + 1, increasing=True)


def _mapparms(old, new):
    # off, scl with new = off + scl * old, for the linear map of the interval old onto new.
    scl = (new[1] - new[0]) / (old[1] - old[0])
    off = (old[1] * new[0] - old[0] * new[1]) / (old[1] - old[0])
    return off, scl


def _fmt(v, parens=False):
    # numpy.polynomial's format_float: the shortest digits that read back, at most 8 after the
    # point (numpy's print precision), scientific below 1e-4 and from 1e16.
    v = float(v)
    if v != v:
        return "nan"
    if v in (float("inf"), float("-inf")):
        return "inf" if v > 0 else "-inf"
    s = repr(v)
    if "e" in s:
        m, e = s.split("e")
        if "." not in m:
            m += ".0"
        elif len(m.split(".")[1]) > 8:
            m = f"{v:.8e}".split("e")[0].rstrip("0")
            if m.endswith("."):
                m += "0"
        sign = e[0] if e[0] in "+-" else "+"
        digits = e.lstrip("+-")
        s = f"{m}e{sign}{digits.zfill(2)}"
        return f"({s})" if parens else s
    frac = s.split(".")[1] if "." in s else ""
    if len(frac) > 8:
        s = f"{v:.8f}".rstrip("0")
        if s.endswith("."):
            s += "0"
    return s


class Polynomial:
    """A power series: Polynomial(coef, domain=None, window=None, symbol='x').

    coef runs from the lowest power up; x is mapped from domain to window before evaluating
    (both [-1, 1] unless given, so the map is the identity).
    """

    def __init__(self, coef, domain=None, window=None, symbol="x"):
        if isinstance(coef, Polynomial):
            coef = coef.coef
        self.coef = _series(coef)
        self.domain = _np.array([-1.0, 1.0]) if domain is None else _np.asarray(domain, dtype=_np.float64)
        self.window = _np.array([-1.0, 1.0]) if window is None else _np.asarray(window, dtype=_np.float64)
        self.symbol = symbol

    def _new(self, coef):
        return Polynomial(coef, self.domain, self.window, self.symbol)

    def _other(self, other):
        if isinstance(other, Polynomial):
            if not (_np.array_equal(other.domain, self.domain) and _np.array_equal(other.window, self.window)):
                # help: convert both to the same domain and window first (p.convert())
                raise TypeError("Domains differ")
            return other.coef
        return _np.atleast_1d(_np.asarray(other, dtype=_np.float64))

    def _mapped(self, x):
        off, scl = _mapparms(self.domain, self.window)
        return off + scl * x

    def __call__(self, arg):
        if isinstance(arg, Polynomial):
            off, scl = _mapparms(self.domain, self.window)
            x = arg * scl + off
            out = Polynomial([self.coef[-1]], arg.domain, arg.window, arg.symbol)
            for k in range(self.coef.size - 2, -1, -1):
                out = out * x + self.coef[k]
            return out
        return polyval(self._mapped(arg), self.coef)

    def degree(self):
        """The degree of the series: len(coef) - 1."""
        return self.coef.size - 1

    def __len__(self):
        return self.coef.size

    def deriv(self, m=1):
        """The m-th derivative, as a Polynomial."""
        off, scl = _mapparms(self.domain, self.window)
        return self._new(polyder(self.coef, m, scl))

    def integ(self, m=1, k=[], lbnd=None):
        """The m-th integral (constants k, value 0 at lbnd), as a Polynomial."""
        off, scl = _mapparms(self.domain, self.window)
        lbnd = 0 if lbnd is None else off + scl * lbnd
        return self._new(polyint(self.coef, m, k, lbnd, 1.0 / scl))

    def roots(self):
        """The roots, in the domain's coordinates."""
        r = polyroots(self.coef)
        off, scl = _mapparms(self.window, self.domain)
        return off + scl * r

    def convert(self, domain=None, kind=None, window=None):
        """The same polynomial over another domain and window (by default [-1, 1] both)."""
        ident = Polynomial([0.0, 1.0], domain, window, self.symbol)
        off, scl = _mapparms(ident.window, ident.domain)
        return self(Polynomial([off, scl], domain, window, self.symbol))

    def trim(self, tol=0):
        """Drop trailing coefficients at most tol in absolute value."""
        c = self.coef
        n = c.size
        while n > 1 and abs(c[n - 1]) <= tol:
            n -= 1
        return self._new(c[:n])

    def cutdeg(self, deg):
        """The series truncated to degree deg."""
        return self._new(self.coef[:int(deg) + 1])

    def copy(self):
        return self._new(self.coef.copy())

    def has_samecoef(self, other):
        return self.coef.shape == other.coef.shape and bool(_np.all(self.coef == other.coef))

    def linspace(self, n=100, domain=None):
        """n points spread over the domain and the values there: (x, y)."""
        d = self.domain if domain is None else domain
        x = _np.linspace(d[0], d[1], n)
        return x, self(x)

    @classmethod
    def fit(cls, x, y, deg, domain=None, rcond=None, full=False, w=None, window=None, symbol="x"):
        """The least squares fit of degree deg to (x, y), over domain (x's range by default)."""
        x = _np.asarray(x, dtype=_np.float64)
        if domain is None or (isinstance(domain, list) and len(domain) == 0):
            domain = _np.array([x.min(), x.max()]) if domain is None else _np.array([-1.0, 1.0])
        window = _np.array([-1.0, 1.0]) if window is None else window
        off, scl = _mapparms(_np.asarray(domain, dtype=_np.float64), _np.asarray(window, dtype=_np.float64))
        res = polyfit(off + scl * x, y, deg, rcond=rcond, full=full, w=w)
        if full:
            return cls(res[0], domain, window, symbol), res[1]
        return cls(res, domain, window, symbol)

    @classmethod
    def fromroots(cls, roots, domain=[], window=None, symbol="x"):
        """The monic polynomial with the given roots."""
        c = _np.array([1.0])
        for r in _np.atleast_1d(_np.asarray(roots, dtype=_np.float64)):
            c = _np.convolve(c, _np.array([-float(r), 1.0]))
        return cls(c, None, window, symbol)

    @classmethod
    def identity(cls, domain=None, window=None, symbol="x"):
        return cls([0.0, 1.0], domain, window, symbol).convert(domain, None, window) if domain is not None else cls([0.0, 1.0], domain, window, symbol)

    @classmethod
    def basis(cls, deg, domain=None, window=None, symbol="x"):
        return cls([0.0] * int(deg) + [1.0], domain, window, symbol)

    def __add__(self, other):
        return self._new(polyadd(self.coef, self._other(other)))

    def __radd__(self, other):
        return self._new(polyadd(self._other(other), self.coef))

    def __sub__(self, other):
        return self._new(polysub(self.coef, self._other(other)))

    def __rsub__(self, other):
        return self._new(polysub(self._other(other), self.coef))

    def __mul__(self, other):
        return self._new(polymul(self.coef, self._other(other)))

    def __rmul__(self, other):
        return self._new(polymul(self._other(other), self.coef))

    def __truediv__(self, other):
        if isinstance(other, Polynomial):
            # help: use // and % (or divmod) to divide one polynomial by another
            raise TypeError("unsupported types for true division: 'Polynomial', 'Polynomial'")
        return self._new(self.coef / other)

    def __floordiv__(self, other):
        return self._new(polydiv(self.coef, self._other(other))[0])

    def __mod__(self, other):
        return self._new(polydiv(self.coef, self._other(other))[1])

    def __divmod__(self, other):
        q, r = polydiv(self.coef, self._other(other))
        return self._new(q), self._new(r)

    def __pow__(self, n):
        return self._new(polypow(self.coef, n))

    def __neg__(self):
        return self._new(-self.coef)

    def __pos__(self):
        return self

    def __eq__(self, other):
        return isinstance(other, Polynomial) and _np.array_equal(self.domain, other.domain) and _np.array_equal(self.window, other.window) and self.has_samecoef(other)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __iter__(self):
        return iter(self.coef)

    def __getitem__(self, i):
        return self.coef[i]

    def __repr__(self):
        c = repr(self.coef)[6:-1]
        d = repr(self.domain)[6:-1]
        w = repr(self.window)[6:-1]
        return f"Polynomial({c}, domain={d}, window={w}, symbol='{self.symbol}')"

    def __str__(self):
        # numpy's unicode form, wrapped before a term that would reach the print linewidth.
        linewidth = max(_np.get_printoptions().get("linewidth", 75), 1)
        off, scl = _mapparms(self.domain, self.window)
        x = self.symbol
        if off == 0 and scl == 1:
            sym = x
        elif scl == 1:
            sym = f"({_fmt(off)} + {x})"
        elif off == 0:
            sym = f"({_fmt(scl)}{x})"
        else:
            sym = f"({_fmt(off)} + {_fmt(scl)}{x})"
        out = _fmt(self.coef[0])
        rest = self.coef[1:]
        for i, v in enumerate(rest):
            out += " "
            v = float(v)
            term = ("+ " + _fmt(v, True)) if v >= 0 else ("- " + _fmt(-v, True))
            power = str(i + 1)
            term += f"·{sym}" if power == "1" else f"·{sym}{power.translate(_SUPERSCRIPTS)}"
            width = len(out.split("\n")[-1]) + len(term)
            if i < len(rest) - 1:
                width += 2
            if width >= linewidth:
                term = term.replace(" ", "\n", 1)
            out += term
        return out

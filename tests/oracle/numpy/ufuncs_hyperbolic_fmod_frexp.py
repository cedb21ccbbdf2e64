# The ufuncs numpy's own docstrings use that Slope lacked: arcsinh/arccosh/arctanh (and their
# asinh/acosh/atanh names), fmod, modf, frexp, ldexp, gcd/lcm (with .reduce), float_power,
# spacing, positive, conj, vecdot/matvec/vecmat, positional `out` (np.sin(x, out)) and
# ufunc methods of ufuncs written in Slope (np.hypot.reduce, np.logaddexp.outer).
# rtol: 2e-7
# (the float32 rows may differ from numpy's in the last bit: 1 ulp is 6e-8 to 1.2e-7)
import numpy as np

x = np.array([-1e10, -3.5, -1.0, -1e-8, -0.0, 0.0, 1e-300, 0.25, 1.0, np.e, 10.0, 1e9, np.inf, -np.inf, np.nan])
print(np.arcsinh(x))
print(np.arccosh(np.array([1.0, 1.0 + 1e-12, 1.5, np.e, 10.0, 1e9, 1e300, np.inf, np.nan])))
print(np.arctanh(np.array([-1.0, -0.999999, -0.5, -1e-9, -0.0, 0.0, 0.3, 0.5, 0.99, 1.0, np.nan])))
print(np.asinh(2.0), np.acosh(2.0), np.atanh(0.25), np.arcsinh(3))
xf = np.array([-20.0, -2.0, -0.5, 0.0, 0.1, 3.0, 500.0], dtype=np.float32)
print(np.arcsinh(xf), np.arcsinh(xf).dtype)
print(np.arctanh(np.array([-0.9, 0.0, 0.4], dtype=np.float32)))
print(np.arccosh(np.array([1.0, 2.0, 7.5], dtype=np.float32)))

print(np.fmod([-3, -2, -1, 1, 2, 3], 2), np.remainder([-3, -2, -1, 1, 2, 3], 2))
print(np.fmod([5, 3], [2, 2.0]), np.fmod(np.arange(-3, 3).reshape(3, 2), [2, -2]))
print(np.fmod(np.array([-5.5, 5.5, -0.0, 7.0, 1e20]), np.array([2.0, -2.0, 3.0, 3.5, 3.0])))
print(np.fmod(np.inf, 2.0), np.fmod(3.0, np.inf))

f, i = np.modf(np.array([0.0, 3.5, -0.5, -3.0, 2.25, np.inf, -np.inf]))
print(f, i)
print(np.modf(-0.5), np.modf(7))

m, e = np.frexp(np.array([0.0, 1.0, 3.0, 0.75, -8.0, 1e-310, 5e-324, 1.7976931348623157e308, 0.1, 1e100, np.inf, -np.inf]))
print(m, e, e.dtype)
print(np.ldexp(m, e))
mf, ef = np.frexp(np.array([3.0, 1e-40, 6.5e4, 0.3], dtype=np.float32))
print(mf, mf.dtype, ef)
print(np.ldexp(5, np.arange(4)), np.ldexp(np.float32(1.5), 3).dtype, np.ldexp(1.0, np.array([1023, -1074, 1024])))

print(np.gcd(12, 20), np.gcd(np.arange(6), 20), np.gcd(-12, 18), np.gcd(0, 0))
print(np.gcd.reduce([15, 25, 35]), np.lcm.reduce([3, 12, 20]), np.lcm.reduce([40, 12, 20]))
print(np.lcm(12, 20), np.lcm(np.arange(6), 20), np.lcm(-4, 6))
print(np.gcd(np.array([2**40, 3**20], dtype=np.int64), np.array([2**35 * 3, 3**15 * 7])))

print(np.float_power(np.arange(6), 3), np.float_power([2, 3], [-1, 2]), np.float_power(np.float32(2), 0.5).dtype)
print(np.spacing(1) == np.finfo(np.float64).eps, np.spacing(np.array([1.0, -1.0, 0.0, 1e300, 2.0**-1070])))
print(np.spacing(np.float32(1)) == np.finfo(np.float32).eps)
print(np.positive(np.array([-1, 2])), np.positive(np.array([-1.5])).dtype)
print(np.conj is np.conjugate, np.conjugate(np.array([1.0, -2.0])))

v = np.array([[0.0, 5.0, 0.0], [0.0, 0.0, 10.0], [0.0, 6.0, 8.0]])
n = np.array([0.0, 0.6, 0.8])
print(np.vecdot(v, n), np.vecdot(v, v, axis=0))
a = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 3.0]])
print(np.matvec(a[:2], np.array([[1.0, 2.0], [3.0, 4.0]])), np.vecmat(np.array([1.0, 2.0, 3.0]), a))

# Positional out, as numpy's ufunc docstrings use it.
xs = np.array([0.5, 1.0, 2.0])
out1 = np.empty(3)
out2 = np.cos(xs, out1)
print(out2 is out1, out1)
o = np.zeros(3)
print(np.add(xs, 1.0, o) is o, o)
r = np.degrees(xs, np.empty(3))
print(r)
y = np.zeros(3, dtype=bool)
print(np.isfinite(np.array([1.0, np.inf, np.nan]), y), y)
print(np.bitwise_not is np.invert, np.bitwise_not(np.array([0, 5], dtype=np.uint8)))

# Methods of ufuncs written in Slope.
print(np.hypot.reduce([3.0, 4.0, 12.0]), np.logaddexp.reduce(np.log([1.0, 2.0, 3.0])), np.fmax.outer([1.0, 5.0], [2.0, 3.0]))
print(np.hypot(3.0, 4.0, out=np.zeros(()), where=np.array(True)), np.arcsinh.nin, np.gcd.nin, np.fmod.nout)
try:
    np.sin(xs, o, o)
except TypeError as e:
    print("TypeError", e)
try:
    np.gcd(1.5, 2)
except TypeError:
    print("TypeError")

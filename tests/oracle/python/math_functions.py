# Every float function of the math module on a grid of arguments, special values included,
# printed with repr (so floats are compared bit for bit up to rtol 1e-12), and CPython's
# ValueError/OverflowError where the argument is outside the domain or the result too large.
import math

xs = [-1e300, -710.5, -200.5, -170.5, -33.3, -3.5, -2.5, -1.0, -0.999, -0.5, -1e-300, -0.0, 0.0, 5e-324, 1e-300, 1e-8,
      0.1, 0.25, 0.5, 0.75, 0.999, 1.0, 1.0000001, 1.5, 2.0, 2.5, 3.0, 4.5, 10.0, 22.0, 23.0, 25.5, 100.0, 123.456,
      140.5, 171.0, 180.0, 709.0, 710.0, 1e10, 1e300, math.inf, -math.inf, math.nan]

unary = [
    ("acos", math.acos), ("acosh", math.acosh), ("asin", math.asin), ("asinh", math.asinh), ("atan", math.atan),
    ("atanh", math.atanh), ("cbrt", math.cbrt), ("cos", math.cos), ("cosh", math.cosh), ("erf", math.erf),
    ("erfc", math.erfc), ("exp", math.exp), ("exp2", math.exp2), ("expm1", math.expm1), ("fabs", math.fabs),
    ("gamma", math.gamma), ("lgamma", math.lgamma), ("log", math.log), ("log10", math.log10), ("log1p", math.log1p),
    ("log2", math.log2), ("sin", math.sin), ("sinh", math.sinh), ("sqrt", math.sqrt), ("tan", math.tan),
    ("tanh", math.tanh), ("degrees", math.degrees), ("radians", math.radians), ("isnan", math.isnan),
    ("isinf", math.isinf), ("isfinite", math.isfinite), ("ulp", math.ulp), ("frexp", math.frexp), ("modf", math.modf),
]


def show(name, f, args):
    try:
        r = f(*args)
        print(name, *[repr(a) for a in args], "->", repr(r))
    except ValueError as e:
        print(name, *[repr(a) for a in args], "-> ValueError", e)
    except OverflowError as e:
        print(name, *[repr(a) for a in args], "-> OverflowError", e)
    except ZeroDivisionError as e:
        print(name, *[repr(a) for a in args], "-> ZeroDivisionError", e)


for name, f in unary:
    for x in xs:
        show(name, f, [x])

# Ints go through the same functions (log of an int is computed from the int).
for name, f in unary:
    for n in [-3, 0, 1, 2, 7, 1000, 10**15, 2**62]:
        show(name, f, [n])
for b in [True, False]:
    show("log", math.log, [b])
    show("sqrt", math.sqrt, [b])

pairs = [(0.0, 0.0), (-0.0, 0.0), (0.0, -0.0), (1.0, 0.0), (-1.0, 0.0), (1.0, 2.0), (-3.5, 2.0), (3.5, -2.0),
         (7.0, 2.0), (5.0, 2.0), (6.0, 4.0), (1e300, 1e-300), (1e-300, 1e300), (2.0, 1024.0), (2.0, -1075.0),
         (-8.0, 1.0 / 3.0), (-2.0, 3.0), (-2.0, 0.5), (0.0, -1.0), (-0.0, -3.0), (10.0, 3.0), (1.0, math.inf),
         (math.inf, 1.0), (math.inf, math.inf), (-math.inf, math.inf), (math.inf, -math.inf), (math.nan, 0.0),
         (0.0, math.nan), (1.0, math.nan), (math.nan, math.nan), (-math.inf, 3.0), (-math.inf, -3.0), (0.5, math.inf),
         (1.5, -math.inf), (3, 4), (5, 12), (1e308, 1e308)]
binary = [("atan2", math.atan2), ("copysign", math.copysign), ("fmod", math.fmod), ("remainder", math.remainder),
          ("pow", math.pow), ("hypot", math.hypot), ("nextafter", math.nextafter), ("log", math.log),
          ("isclose", math.isclose)]
for name, f in binary:
    for x, y in pairs:
        show(name, f, [x, y])

# remainder's ties go to the even multiple.
for x in [0.5, 1.5, 2.5, 3.5, -2.5, 5.0, 7.0, 6.5]:
    show("remainder", math.remainder, [x, 1.0])
    show("remainder", math.remainder, [x, 2.0])

for x, i in [(1.0, 10), (0.75, -3), (1.0, 1024), (1.0, -1074), (1.0, -1080), (-0.0, 5), (math.inf, -3), (3.0, 0), (1.0, 2**40), (1.0, -2**40)]:
    show("ldexp", math.ldexp, [x, i])

print("hypot", repr(math.hypot()), repr(math.hypot(3)), repr(math.hypot(-3)), repr(math.hypot(1, 2, 3, 4, 5)))
print("hypot", repr(math.hypot(1e-320, 2e-320, 3e-320)), repr(math.hypot(1e200, 1e200, 1e200)), repr(math.hypot(math.inf, math.nan)))
print("dist", repr(math.dist([0, 0], [3, 4])), repr(math.dist((1.5, 2.5, -3.5), (0.1, 0.2, 0.3))), repr(math.dist([], [])))
print("isclose", math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1, rel_tol=0.2), math.isclose(0.0, 1e-12, abs_tol=1e-11))
print("isclose", math.isclose(math.inf, math.inf), math.isclose(math.nan, math.nan), math.isclose(1e-300, 0.0))

# nextafter and ulp step through the floats.
x = 1.0
for _ in range(3):
    x = math.nextafter(x, 2.0)
    print("nextafter", repr(x), repr(math.ulp(x)))
print("ulp", repr(math.ulp(1.7976931348623157e308)), repr(math.ulp(5e-324)), repr(math.ulp(-2.0)))

print("constants", repr(math.pi), repr(math.e), repr(math.tau), repr(math.inf), repr(math.nan))

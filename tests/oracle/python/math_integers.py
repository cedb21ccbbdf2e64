# The integer functions of the math module: factorial, comb, perm, gcd, lcm, isqrt, prod, and
# floor/ceil/trunc, on values whose results fit in 64 bits.
import math

print([math.factorial(n) for n in range(21)])
print([math.comb(n, k) for n in range(12) for k in range(n + 2)])
print(math.comb(60, 30), math.comb(63, 31), math.comb(66, 33), math.comb(1000, 3), math.comb(10**9, 2), math.comb(62, 31))
print(math.comb(100, 0), math.comb(100, 100), math.comb(100, 1), math.comb(100, 99), math.comb(5, 7))
print([math.perm(n, k) for n in range(10) for k in range(n + 2)])
print(math.perm(20), math.perm(20, 20), math.perm(30, 12), math.perm(10**6, 3), math.perm(7, 0))
print(math.gcd(), math.gcd(12), math.gcd(-12), math.gcd(12, 18), math.gcd(-12, 18), math.gcd(0, 0), math.gcd(0, 7))
print(math.gcd(2**62, 2**40 * 3), math.gcd(12, 18, 27), math.gcd(True, 4))
print(math.lcm(), math.lcm(4), math.lcm(-4), math.lcm(4, 6), math.lcm(4, 6, 10), math.lcm(0, 5), math.lcm(-3, 7))
print([math.isqrt(n) for n in range(40)])
print(math.isqrt(10**18), math.isqrt(2**62), math.isqrt(9223372036854775807), math.isqrt(999999999999999999), math.isqrt(True))
print(math.prod([]), math.prod([1, 2, 3, 4]), math.prod(range(1, 11)), math.prod([1.5, 2, 3]), math.prod([2, 3], start=10))
print(repr(math.prod([0.1, 0.2, 0.3])), math.prod(['ab'], start=3), math.prod((2, 2.5)), math.prod([True, 3]))

for x in [-2.5, -2.0, -1.5, -0.5, -0.0, 0.0, 0.4, 0.5, 1.5, 2.5, 1e15 + 0.5, -1e18, 9.2e18, 4503599627370497.0]:
    print(repr(x), math.floor(x), math.ceil(x), math.trunc(x))
for n in [-7, 0, 3, 2**62, True, False]:
    print(n, math.floor(n), math.ceil(n), math.trunc(n))

# fsum is exact: the sum correctly rounded, however the partial sums cancel.
print(repr(math.fsum([0.1] * 10)), repr(sum([0.1] * 10)))
print(repr(math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])))
print(repr(math.fsum([1e-16, 1.0, 1e16])), repr(math.fsum([2.0**53, -0.5, -2.0**-54])))
print(repr(math.fsum([])), repr(math.fsum([-0.0])), repr(math.fsum([1, 2, 3])), repr(math.fsum(range(10))))
print(repr(math.fsum([math.inf, 1.0])), repr(math.fsum([-math.inf, -math.inf])), repr(math.fsum([math.nan, 1.0])))
print(repr(math.fsum([1.7976931348623157e308, -1.7976931348623157e308, 1.0])))
vals = [((i * 7919) % 1000) / 7.0 * (-1.0) ** i * 10.0 ** ((i % 21) - 10) for i in range(2000)]
print(repr(math.fsum(vals)))

# numpy.polynomial.Polynomial as numpy's tutorials use it (the fractal tutorial's p and
# p.deriv(); fits over a domain; arithmetic; roots of a real-rooted series).
import numpy as np
from numpy.polynomial import Polynomial as P
import numpy.polynomial.polynomial as poly

p = np.polynomial.Polynomial([-16, 0, 0, 0, 15, 0, 0, 0, 1])
print(repr(p))
print(p)
print(p.deriv())
print(p.deriv(2).coef, p.degree(), len(p))
print(p(np.array([0.5, 1.0, 1.5])), p(2.0))
print(p.integ().coef, p.integ(lbnd=1, k=3).coef)

q = P([1, 2, 3])
r = P([0.5, -1])
print((q + r).coef, (q - r).coef, (q * r).coef, (2 * q).coef, (q + 1).coef, (q ** 3).coef, (-q).coef)
print((q // r).coef, (q % r).coef, [t.coef for t in divmod(q, r)], (q / 2).coef)
print(q == P([1, 2, 3]), q == r)

print(np.round(P.fromroots([1, 2, -3]).coef, 12))
print(np.round(P([-6, 11, -6, 1]).roots(), 10))

x = np.linspace(0, 10, 21)
y = 3.0 - 2.0 * x + 0.5 * x ** 2
f = P.fit(x, y, 2)
print(np.round(f.domain, 12), np.round(f.window, 12))
print(np.round(f.convert().coef, 8))
print(np.round(f(np.array([0.0, 2.5, 10.0])), 8))
print(np.round(f.deriv()(np.array([1.0, 4.0])), 8))
xs, ys = f.linspace(5)
print(np.round(xs, 8), np.round(ys, 8))

print(poly.polyval(2.0, [1, 2, 3]), poly.polyval(np.array([1.0, -1.0]), [1, 2, 3]))
print(poly.polyder([1, 2, 3, 4]), poly.polyint([1, 2, 3]))
print(poly.polyadd([1, 2], [3, 4, 5]), poly.polymul([1, 2], [3, 4]), poly.polysub([1, 2], [1, 2, 3]))
print(np.round(poly.polyfit(x, y, 2), 8))
print(poly.polyvander(np.array([1.0, 2.0, 3.0]), 2))
print(np.round(poly.polyroots([2, -3, 1]), 12))
print(P([1, 2, 3], domain=[0, 4]))
print(P([1.5, -2.25, 1 / 3], domain=[-1, 3]))
print(P([0.5, 1e-7, 2e17]))
print(P([1, 1], window=[0, 2]))

# Polynomials: Horner evaluation, derivative coefficients, a Vandermonde fit.
import numpy as np

coeffs = [2.0, -3.0, 0.5, 1.0]  # 2 - 3x + 0.5x^2 + x^3

def horner(cs, x):
    acc = np.zeros_like(x)
    for c in reversed(cs):
        acc = acc * x + c
    return acc

x = np.linspace(-2.0, 2.0, 9)
print(horner(coeffs, x))
direct = sum(c * x ** k for k, c in enumerate(coeffs))
print(np.allclose(horner(coeffs, x), direct))
deriv = [k * c for k, c in enumerate(coeffs)][1:]
print(deriv, horner(deriv, x))
V = x[:, None] ** np.arange(4)[None, :]
fit = np.linalg.solve(V.T @ V, V.T @ horner(coeffs, x))
print(fit)
